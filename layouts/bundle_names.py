"""Names of the files in a bundle: one canonical spelling per file, or a refusal.

Every name (an archive member, a folder entry, a manifest key, a path the layout names) goes
through ``canonical_name``: ``./media//a.png`` and ``media/a.png`` are the same file, so the
manifest may not list both; ``..``, absolute paths, backslashes, control and bidi characters and
names that are not UTF-8 are refused, as the screen could neither store nor show them safely.
"""

import re
import unicodedata

from common.terminal import quoted
from layouts.bundle_errors import BundleRejected

MAX_NAME_BYTES = 1024  # a whole relative path, in UTF-8
MAX_PART_BYTES = 255  # one folder or file name (NAME_MAX of Linux file systems)
# Control characters (Unicode category Cc) and the bidi controls that reorder what a terminal shows.
_UNSAFE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def canonical_name(name: str, where: str = "the bundle") -> str:
    """``name`` as one plain relative POSIX path (``a/b.png``), or BundleRejected("unsafe-path")."""
    try:
        encoded = name.encode("utf-8")  # lone surrogates: a folder entry whose name is not UTF-8
    except UnicodeEncodeError:
        raise BundleRejected("unsafe-path", f"{quoted(name)} in {where} is not valid UTF-8") from None
    if len(encoded) > MAX_NAME_BYTES:
        raise BundleRejected("unsafe-path", f"a name in {where} is {len(encoded)} bytes long, over the "
                                            f"{MAX_NAME_BYTES}-byte limit: {quoted(name, 80)}")
    if _UNSAFE_CHARS.search(name):
        raise BundleRejected("unsafe-path", f"{quoted(name)} in {where} holds control characters")
    if name.startswith("/") or "\\" in name:
        raise BundleRejected("unsafe-path", f"{quoted(name)} in {where} is not a plain relative path inside the bundle")
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise BundleRejected("unsafe-path", f"{quoted(name)} in {where} goes outside the bundle (..)")
    if not parts:
        return ""  # the bundle's own top folder ("." or "./")
    for part in parts:
        if len(part.encode("utf-8")) > MAX_PART_BYTES:
            raise BundleRejected("unsafe-path", f"a folder or file name in {quoted(name, 80)} is over {MAX_PART_BYTES} bytes")
    return "/".join(parts)


def spelling_key(canonical: str) -> str:
    """What two names must not share: ``é`` composed and decomposed name the same file to a person."""
    return unicodedata.normalize("NFC", canonical)
