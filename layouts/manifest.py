"""The signed manifest of a bundle: authenticated first, parsed strictly after.

``authenticate`` checks ``manifest.sig`` over the manifest's exact bytes against every paired key
before a single byte of JSON is parsed (a stranger's 100,000-level manifest is refused as
unsigned, never decoded). The key id the manifest claims is only looked for with a bounded
regular expression, for the message. ``parse_manifest`` then refuses, even from a trusted key,
duplicate JSON keys, NaN, nesting deeper than the format has, unknown fields, and a file listed
under two spellings (``a.jpg`` and ``./a.jpg``, or composed and decomposed accents).
"""

import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from common.terminal import quoted
from layouts.bundle_errors import BundleRejected
from layouts.bundle_names import canonical_name, spelling_key
from layouts.tar_reader import MAX_ENTRIES

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024  # 10,000 files of 1 kB names with their sums
SIGNATURE_BYTES = 64
MAX_DEPTH = 2  # {"files": {...}}
_FIELDS = {"format", "layout", "signer", "files"}
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')  # a whole string (unrolled: linear and fast), or a bracket
_CLAIMED_SIGNER = re.compile(rb'"signer"\s*:\s*"([0-9a-f]{16})"')


@dataclass(frozen=True, slots=True)
class Manifest:
    layout: str  # canonical name of the layout file
    signer: str  # id of the paired key whose signature matched
    files: dict[str, str]  # canonical name -> lowercase sha256


def authenticate(manifest_bytes: bytes, signature: bytes, trusted: dict[str, Ed25519PublicKey]) -> str:
    """The id of the trusted key that signed these exact bytes, or BundleRejected. Parses nothing."""
    if len(signature) != SIGNATURE_BYTES:
        raise BundleRejected("bad-signature", f"{SIGNATURE} is {len(signature)} bytes, an Ed25519 signature is {SIGNATURE_BYTES}")
    for name, key in trusted.items():
        try:
            key.verify(signature, manifest_bytes)
            return name
        except InvalidSignature:
            continue
    claimed = _CLAIMED_SIGNER.search(manifest_bytes[:MAX_MANIFEST_BYTES])
    signer = claimed.group(1).decode() if claimed else None
    if signer is not None and signer not in trusted:
        raise BundleRejected("untrusted-signer", f"signed by key {signer}, which is not a paired administrator")
    if signer is None:
        raise BundleRejected("untrusted-signer", f"{SIGNATURE} was not made by any paired administrator's key")
    raise BundleRejected("bad-signature", f"{SIGNATURE} does not match {MANIFEST} for key {signer} "
                                          "(changed after signing, or signed by another key)")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise BundleRejected("bad-manifest", f"{MANIFEST}: key {quoted(key)} appears twice")
        seen[key] = value
    return seen


def _no_constants(name: str) -> None:
    raise BundleRejected("bad-manifest", f"{MANIFEST}: {name} is not a JSON number")


def _check_depth(text: str) -> None:
    """Refuse nesting past MAX_DEPTH before json.loads recurses into it (strings are skipped)."""
    depth = 0
    for token in _TOKENS.finditer(text):
        symbol = token.group()
        if symbol in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise BundleRejected("bad-manifest", f"{MANIFEST}: nested deeper than {MAX_DEPTH} levels")
        elif symbol in "]}":
            depth -= 1


def _decode(manifest_bytes: bytes) -> dict[str, Any]:
    try:
        text = manifest_bytes.decode("utf-8")
        _check_depth(text)
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleRejected("bad-manifest", f"{MANIFEST} is not valid JSON: {quoted(exc, 120)}") from None
    if not isinstance(doc, dict):
        raise BundleRejected("bad-manifest", f"{MANIFEST} must be a JSON object")
    unknown = sorted(set(doc) - _FIELDS)
    missing = sorted(_FIELDS - set(doc))
    if unknown or missing:
        raise BundleRejected("bad-manifest", f"{MANIFEST}: unknown fields {[quoted(k, 40) for k in unknown[:5]]}, "
                                             f"missing fields {missing}; expected {sorted(_FIELDS)}")
    return doc


def parse_manifest(manifest_bytes: bytes, signer: str) -> Manifest:
    """The manifest, already authenticated as signed by ``signer``; BundleRejected("bad-manifest") otherwise."""
    doc = _decode(manifest_bytes)
    if type(doc["format"]) is not int or doc["format"] != 1:
        raise BundleRejected("bad-manifest", f"{MANIFEST}: format must be 1 (found {quoted(doc['format'], 40)})")
    if doc["signer"] != signer:
        raise BundleRejected("bad-manifest", f"{MANIFEST} names signer {quoted(doc['signer'], 40)} but was signed by key {signer}")
    files, layout = doc["files"], doc["layout"]
    if not isinstance(files, dict) or not isinstance(layout, str):
        raise BundleRejected("bad-manifest", f"{MANIFEST}: layout must be a name and files an object of name: sha256")
    if len(files) > MAX_ENTRIES:
        raise BundleRejected("too-many-files", f"{MANIFEST} lists {len(files)} files, over the {MAX_ENTRIES} limit")
    listed: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for raw_name, digest in files.items():
        name = canonical_name(raw_name, MANIFEST)
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise BundleRejected("bad-manifest", f"{MANIFEST}: the sum of {quoted(raw_name)} is not a sha256 in hex")
        if name in (MANIFEST, SIGNATURE, ""):
            raise BundleRejected("bad-manifest", f"{MANIFEST} lists {quoted(raw_name)}, which cannot be a layout file")
        key = spelling_key(name)
        if key in spellings:
            raise BundleRejected("duplicate-entry", f"{MANIFEST} lists one file under two spellings: "
                                                    f"{quoted(spellings[key])} and {quoted(raw_name)}")
        spellings[key] = raw_name
        listed[name] = digest.lower()
    layout_name = canonical_name(layout, f"{MANIFEST}'s layout")
    if layout_name not in listed:
        raise BundleRejected("missing-file", f"the layout {quoted(layout)} is not listed in {MANIFEST}")
    return Manifest(layout_name, signer, listed)
