"""Writing a signed bundle from a folder: the manifest and its signature first, then every entry.

The folder is walked with the reader's own rules (``walk_folder``, ``canonical_name``), so a link,
a FIFO, a name the screen would refuse or two spellings of one name stop the bundle with the path
named; nothing is silently left out except the folder's old ``manifest.json`` / ``manifest.sig``,
which the new signature replaces (``stale_signature_files`` lets the caller say so). The finished
archive is then checked as a screen would (``check_bundle``) before it replaces ``out``.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.fingerprints import key_id
from common.terminal import quoted
from layouts.bundle_check import MAX_FILE_BYTES, MAX_TOTAL_BYTES, check_bundle
from layouts.bundle_errors import BundleRejected
from layouts.bundle_folder import walk_folder
from layouts.bundle_names import canonical_name, spelling_key
from layouts.errors import LayoutInvalid
from layouts.manifest import MANIFEST, SIGNATURE
from layouts.schedule_check import SCHEDULE_FILE
from layouts.schedule_plan import read_plan
from layouts.tar_reader import Entry


def stale_signature_files(folder: Path) -> list[str]:
    """The old manifest files at the top of ``folder`` that a new bundle replaces."""
    return [name for name in (MANIFEST, SIGNATURE) if os.path.lexists(folder / name)]


def _listing(folder: Path, max_file_bytes: int, max_total_bytes: int) -> list[Entry]:
    entries, spellings, total = [], {}, 0
    for entry in walk_folder(folder, first=(MANIFEST, SIGNATURE)):
        name = canonical_name(entry.name, quoted(str(folder)))
        if name in (MANIFEST, SIGNATURE):
            continue
        key = spelling_key(name)
        if key in spellings:
            raise BundleRejected("duplicate-entry", f"{quoted(spellings[key])} and {quoted(name)} are one name to a screen "
                                                    "(the same letters, composed differently): rename one")
        spellings[key] = name
        total += entry.size
        if entry.size > max_file_bytes or total > max_total_bytes:
            raise BundleRejected("too-large", f"{quoted(name)} ({entry.size} bytes) goes over the "
                                              f"{max_file_bytes}-byte file or {max_total_bytes}-byte bundle limit")
        entries.append(entry)
    return entries


def _sha256(entry: Entry) -> str:
    digest = hashlib.sha256()
    for piece in entry.chunks():
        digest.update(piece)
    return digest.hexdigest()


def _write(archive_path: Path, folder: Path, entries: list[Entry], manifest: bytes, signature: bytes) -> None:
    with tarfile.open(archive_path, "w:gz", format=tarfile.PAX_FORMAT) as archive:
        for name, data in ((MANIFEST, manifest), (SIGNATURE, signature)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for entry in entries:
            info = tarfile.TarInfo(entry.name)
            info.mtime = int((folder / entry.name).lstat().st_mtime)
            if entry.kind == "dir":
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(info)
                continue
            info.size = entry.size
            with os.fdopen(os.open(folder / entry.name, os.O_RDONLY | os.O_NOFOLLOW), "rb") as stream:
                archive.addfile(info, stream)


def _check_schedule(folder: Path, layout: str, files: dict[str, str]) -> None:
    """A ``schedule.json`` must start from the bundle's layout and name only valid layouts of the folder."""
    if SCHEDULE_FILE not in files:
        return
    try:
        plan = read_plan(folder)
    except LayoutInvalid as exc:
        problems = [f"{SCHEDULE_FILE} {p}" for p in exc.problems]
        raise BundleRejected("invalid-layout", "; ".join(problems[:3]), problems) from None
    if plan is not None and plan.schedule.default != layout:
        raise BundleRejected("invalid-layout", f"{SCHEDULE_FILE} $.default: {quoted(plan.schedule.default)} is not the "
                                               f"bundle's layout {quoted(layout)}")


def write_bundle(folder: Path, layout_name: str, key: Ed25519PrivateKey, out: Path, check: bool = True) -> Path:
    layout = canonical_name(layout_name, "--layout")
    entries = _listing(folder, MAX_FILE_BYTES, MAX_TOTAL_BYTES)
    files = {canonical_name(e.name): _sha256(e) for e in entries if e.kind == "file"}
    if layout not in files:
        raise BundleRejected("missing-file", f"the layout {quoted(layout_name)} is not a file in {quoted(str(folder))}")
    if check:
        _check_schedule(folder, layout, files)
    manifest = json.dumps({"format": 1, "layout": layout, "signer": key_id(key.public_key()), "files": files},
                          indent=1, sort_keys=True, ensure_ascii=False).encode()
    if out.is_dir():
        raise BundleRejected("cannot-write", f"{quoted(str(out))} is a folder: give the name of the .tar.gz to write")
    try:
        fd, partial = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
        os.close(fd)
    except OSError as exc:
        raise BundleRejected("cannot-write", f"cannot write in {quoted(str(out.parent))}: {exc.strerror or exc}") from None
    try:
        _write(Path(partial), folder, entries, manifest, key.sign(manifest))
        if check:  # what the screen would refuse is refused here, before anyone pushes it
            check_bundle(Path(partial), {key_id(key.public_key()): key.public_key()}, None)
        os.replace(partial, out)
    except OSError as exc:
        raise BundleRejected("cannot-write", f"cannot write {quoted(str(out))}: {exc.strerror or exc}") from None
    finally:
        Path(partial).unlink(missing_ok=True)
    return out
