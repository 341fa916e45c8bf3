"""The checks of a bundle, in the order that keeps them cheap for a stranger: signature first.

``check_bundle`` reads ``manifest.json`` and ``manifest.sig`` (the first two members, size-bounded)
and checks the signature before it parses the manifest or decompresses any other member; then each
member must be listed (refused from its header, unread, otherwise), within the size limits and of
the listed sum; nothing listed may be missing, the layout must be valid and every file it names
must be in the bundle. Only ``BundleRejected`` escapes. Files are written only when a folder is given.
"""

import hashlib
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from common.terminal import quoted
from layouts.bundle_errors import BundleRejected
from layouts.bundle_folder import walk_folder
from layouts.bundle_names import canonical_name
from layouts.errors import LayoutError, LayoutInvalid
from layouts.file_references import check_references
from layouts.manifest import MANIFEST, MAX_MANIFEST_BYTES, SIGNATURE, SIGNATURE_BYTES, Manifest, authenticate, parse_manifest
from layouts.model import Layout
from layouts.tar_reader import Entry, read_tar_gz
from layouts.validate import MAX_DOCUMENT_BYTES, parse_layout

MAX_FILE_BYTES = 1024**3
MAX_TOTAL_BYTES = 4 * 1024**3
log = logging.getLogger("layouts.bundle")


def stage(event: str, **fields: object) -> None:
    """The stages of a check in the screen's JSON log (tests see where a kill landed)."""
    log.info("", extra={"event": event, "mono": time.monotonic(), **fields})


@contextmanager
def _entries(bundle: Path) -> Iterator[Iterator[Entry]]:
    if bundle.is_dir():
        yield walk_folder(bundle, first=(MANIFEST, SIGNATURE))
        return
    try:
        stream = open(bundle, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise BundleRejected("not-an-archive", f"cannot read {quoted(bundle.name)}: {exc.strerror}") from None
    with stream:
        yield read_tar_gz(stream, quoted(bundle.name))


def _read_small(entry: Entry, limit: int, what: str) -> bytes:
    if entry.kind != "file" or entry.size > limit:
        raise BundleRejected("bad-manifest", f"{what} is {entry.size} bytes, over the {limit}-byte limit"
                             if entry.kind == "file" else f"{what} is a folder")
    return b"".join(entry.chunks())


def _signed_manifest(entries: Iterator[Entry], trusted: dict[str, Ed25519PublicKey]) -> Manifest:
    """The first two members (after an optional "./"): manifest.json and manifest.sig, checked before anything else."""
    found: dict[str, bytes] = {}
    while len(found) < 2:
        entry = next(entries, None)
        name = canonical_name(entry.name) if entry is not None else None
        if name == "" and not found:
            continue
        if name not in (MANIFEST, SIGNATURE) or name in found:
            shown = "the end of the bundle" if entry is None else quoted(entry.name)
            raise BundleRejected("missing-manifest", f"{MANIFEST} and {SIGNATURE} must be the first members of the bundle "
                                                     f"(kioskctl bundle writes them first); found {shown}")
        found[name] = _read_small(entry, MAX_MANIFEST_BYTES if name == MANIFEST else SIGNATURE_BYTES, name)
    signer = authenticate(found[MANIFEST], found[SIGNATURE], trusted)
    return parse_manifest(found[MANIFEST], signer)


def _check_place(name: str, kind: str, kinds: dict[str, str]) -> None:
    """A path is a file or a folder, once: the clash is named, not left to the file system (EISDIR)."""
    parts = name.split("/")
    for depth in range(1, len(parts)):
        parent = "/".join(parts[:depth])
        if kinds.setdefault(parent, "dir") == "file":
            raise BundleRejected("path-clash", f"{quoted(parent)} is both a file and a folder in the bundle")
    if name in kinds and (kind == "file" or kinds[name] == "file"):
        both = kinds[name] != kind
        raise BundleRejected("path-clash" if both else "duplicate-entry",
                             f"{quoted(name)} is both a file and a folder in the bundle" if both else f"{quoted(name)} appears twice")
    kinds[name] = kind


def _copy(entry: Entry, target: Path | None, keep: bool) -> tuple[str, bytes]:
    """(sha256, the bytes when ``keep``): hashed as it streams, written to ``target`` when there is one."""
    digest, kept = hashlib.sha256(), []
    with open(target, "xb") if target is not None else nullcontext() as out:
        for piece in entry.chunks():
            digest.update(piece)
            if out is not None:
                out.write(piece)
            if keep:
                kept.append(piece)
    return digest.hexdigest(), b"".join(kept)


def _extract(entries: Iterator[Entry], manifest: Manifest, folder: Path | None,
             max_total_bytes: int, max_file_bytes: int) -> bytes:
    """Every remaining member checked (and written under ``folder`` when given); returns the layout's bytes."""
    kinds: dict[str, str] = {MANIFEST: "file", SIGNATURE: "file"}
    total, layout_bytes, seen = 0, b"", set()
    for entry in entries:
        name = canonical_name(entry.name)
        if not name:
            continue
        _check_place(name, entry.kind, kinds)
        target = folder.joinpath(*name.split("/")) if folder is not None else None
        if entry.kind == "dir":
            if target is not None:
                target.mkdir(parents=True, exist_ok=True)
            continue
        if name not in manifest.files:
            raise BundleRejected("unlisted-file", f"{quoted(name)} is not listed in {MANIFEST}")
        limit = min(max_file_bytes, max_total_bytes - total)
        if entry.size > limit:
            raise BundleRejected("too-large", f"{quoted(name)} is {entry.size} bytes: over the "
                                              f"{'per-file' if limit == max_file_bytes else 'total'} limit ({limit} bytes left)")
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        digest, kept = _copy(entry, target, keep=name == manifest.layout and entry.size <= MAX_DOCUMENT_BYTES)
        if digest != manifest.files[name]:
            raise BundleRejected("wrong-hash", f"{quoted(name)} has sha256 {digest[:12]}..., "
                                               f"the manifest says {manifest.files[name][:12]}...")
        total += entry.size
        seen.add(name)
        layout_bytes = kept if name == manifest.layout else layout_bytes
    missing = sorted(set(manifest.files) - seen)
    if missing:
        raise BundleRejected("missing-file", f"{', '.join(quoted(n) for n in missing[:5])} listed in {MANIFEST} but not in the bundle")
    if not layout_bytes and manifest.files[manifest.layout] != hashlib.sha256(b"").hexdigest():
        raise BundleRejected("invalid-layout", f"the layout {quoted(manifest.layout)} is over {MAX_DOCUMENT_BYTES} bytes")
    return layout_bytes


def _layout(layout_bytes: bytes, manifest: Manifest) -> Layout:
    try:
        layout = parse_layout(layout_bytes, manifest.layout)
    except LayoutInvalid as exc:
        problems = [str(p) for p in exc.problems]
        raise BundleRejected("invalid-layout", quoted(exc, 500), problems) from None
    except (LayoutError, RecursionError, ValueError) as exc:
        raise BundleRejected("invalid-layout", f"{quoted(manifest.layout)}: {quoted(exc, 300)}") from None
    check_references(layout, manifest.layout, manifest.files)
    return layout


def check_bundle(bundle: Path, trusted: dict[str, Ed25519PublicKey], folder: Path | None,
                 max_total_bytes: int = MAX_TOTAL_BYTES, max_file_bytes: int = MAX_FILE_BYTES) -> tuple[Layout, str]:
    """Everything ``verify_bundle`` checks; the files are written under ``folder`` only when one is given."""
    with _entries(bundle) as entries:
        manifest = _signed_manifest(entries, trusted)
        stage("bundle_signature_checked", signer=manifest.signer, files=len(manifest.files))
        layout_bytes = _extract(entries, manifest, folder, max_total_bytes, max_file_bytes)
    return _layout(layout_bytes, manifest), manifest.signer
