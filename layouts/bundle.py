"""Layout bundles: a layout, its media and a signed manifest of sha256 sums, as a folder or a .tar.gz.

::

    manifest.json   {"format": 1, "layout": "layout.json", "signer": "<key id>", "files": {"path": "sha256", ...}}
    manifest.sig    Ed25519 signature of manifest.json's exact bytes (raw, 64 bytes)
    layout.json, media/...

``verify_bundle`` checks everything before anything is kept: only regular files and folders, relative
paths that stay inside, bounded count and sizes (a decompression bomb stops at the limit), a
signature by a trusted key, every listed file present with its hash and nothing unlisted, and a
valid layout. The files land in a fresh staging folder the caller then moves into place; on any
failure that folder is removed and ``BundleRejected`` says what and where.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from layouts.errors import LayoutError, LayoutInvalid
from layouts.model import Layout
from layouts.validate import parse_layout

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
MAX_FILES = 10_000
MAX_FILE_BYTES = 1024**3
MAX_TOTAL_BYTES = 4 * 1024**3
_CHUNK = 1024 * 1024


class BundleRejected(LayoutError):
    """The bundle cannot be used; ``cause`` is stable (for counting), the message says what and where."""

    def __init__(self, cause: str, detail: str, problems: list[str] | None = None) -> None:
        super().__init__(f"{cause}: {detail}")
        self.cause = cause
        self.detail = detail
        self.problems = problems or []


@dataclass(frozen=True, slots=True)
class VerifiedBundle:
    layout: Layout
    folder: Path  # staging folder holding every file of the bundle, verified
    signer: str


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short stable name for a public key: the first 16 hex digits of its raw bytes' sha256."""
    return hashlib.sha256(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()[:16]


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or name.startswith(("/", "\\")) or ".." in path.parts or not path.parts or "\\" in name:
        raise BundleRejected("unsafe-path", f"{name!r} is not a plain relative path inside the bundle")
    return path


def _sha256_copy(source: IO[bytes], target: Path, limit: int, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(target, "wb") as out:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise BundleRejected("too-large", f"{name} is over {limit} bytes")
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


@contextmanager
def _members(bundle: Path) -> Iterator[Iterator[tuple[str, IO[bytes] | None]]]:
    """(relative name, readable stream or None for a folder) of every entry, refusing links and devices."""
    if bundle.is_dir():
        def walk() -> Iterator[tuple[str, IO[bytes] | None]]:
            for path in sorted(bundle.rglob("*")):
                name = path.relative_to(bundle).as_posix()
                if path.is_symlink():
                    raise BundleRejected("link", f"{name} is a symbolic link")
                if path.is_dir():
                    yield name, None
                elif path.is_file():
                    with open(path, "rb") as stream:
                        yield name, stream
                else:
                    raise BundleRejected("special-file", f"{name} is not a regular file")
        yield walk()
        return
    try:
        archive = tarfile.open(bundle, "r:*")  # noqa: SIM115 - opened here, closed by the with below
    except (tarfile.TarError, OSError) as exc:
        raise BundleRejected("not-an-archive", f"{bundle.name}: {exc}") from None
    with archive:
        def entries() -> Iterator[tuple[str, IO[bytes] | None]]:
            for member in archive:
                if member.issym() or member.islnk():
                    raise BundleRejected("link", f"{member.name} is a link")
                if member.isdir():
                    yield member.name, None
                elif member.isfile():
                    stream = archive.extractfile(member)
                    assert stream is not None
                    yield member.name, stream
                else:
                    raise BundleRejected("special-file", f"{member.name} is not a regular file")
        try:
            yield entries()
        except (tarfile.TarError, EOFError, OSError) as exc:  # truncated or corrupt while reading
            raise BundleRejected("not-an-archive", f"{bundle.name}: {exc}") from None


def verify_bundle(bundle: Path, trusted: dict[str, Ed25519PublicKey], staging_root: Path,
                  max_total_bytes: int = MAX_TOTAL_BYTES, max_file_bytes: int = MAX_FILE_BYTES) -> VerifiedBundle:
    staging_root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="bundle-", dir=staging_root))
    try:
        hashes = _extract(bundle, folder, max_total_bytes, max_file_bytes)
        manifest_bytes = (folder / MANIFEST).read_bytes() if MANIFEST in hashes else None
        if manifest_bytes is None or SIGNATURE not in hashes:
            raise BundleRejected("missing-manifest", f"{MANIFEST} and {SIGNATURE} must be at the top of the bundle")
        manifest = _check_signature(manifest_bytes, (folder / SIGNATURE).read_bytes(), trusted)
        _check_files(manifest, hashes)
        layout_name = str(manifest["layout"])
        try:
            layout = parse_layout((folder / layout_name).read_bytes(), layout_name)
        except LayoutInvalid as exc:
            raise BundleRejected("invalid-layout", str(exc), [str(p) for p in exc.problems]) from None
        except LayoutError as exc:
            raise BundleRejected("invalid-layout", str(exc)) from None
        return VerifiedBundle(layout, folder, str(manifest["signer"]))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _extract(bundle: Path, folder: Path, max_total_bytes: int, max_file_bytes: int) -> dict[str, str]:
    hashes: dict[str, str] = {}
    total = 0
    with _members(bundle) as members:
        for count, (name, stream) in enumerate(members, start=1):
            if count > MAX_FILES:
                raise BundleRejected("too-many-files", f"more than {MAX_FILES} entries")
            relative = _safe_relative(name.removeprefix("./")) if name not in (".", "./") else None
            if relative is None:
                continue
            target = folder.joinpath(*relative.parts)
            if stream is None:
                target.mkdir(parents=True, exist_ok=True)
                continue
            key = relative.as_posix()
            if key in hashes:
                raise BundleRejected("duplicate-entry", f"{key} appears twice")
            target.parent.mkdir(parents=True, exist_ok=True)
            digest, size = _sha256_copy(stream, target, min(max_file_bytes, max_total_bytes - total), key)
            total += size
            hashes[key] = digest
    return hashes


def _check_signature(manifest_bytes: bytes, signature: bytes, trusted: dict[str, Ed25519PublicKey]) -> dict:
    try:
        manifest = json.loads(manifest_bytes)
        signer = str(manifest["signer"])
        files = manifest["files"]
        if manifest.get("format") != 1 or not isinstance(files, dict) or not isinstance(manifest.get("layout"), str):
            raise ValueError("format 1 with layout and files is expected")
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleRejected("bad-manifest", f"{MANIFEST}: {exc}") from None
    key = trusted.get(signer)
    if key is None:
        raise BundleRejected("untrusted-signer", f"signed by key {signer!r}, which is not a paired administrator")
    try:
        key.verify(signature, manifest_bytes)
    except InvalidSignature:
        raise BundleRejected("bad-signature", f"{SIGNATURE} does not match {MANIFEST} for key {signer}") from None
    return manifest


def _check_files(manifest: dict, hashes: dict[str, str]) -> None:
    listed: dict[str, str] = {str(_safe_relative(k)): str(v).lower() for k, v in manifest["files"].items()}
    if manifest["layout"] not in listed:
        raise BundleRejected("missing-file", f"the layout {manifest['layout']!r} is not listed in {MANIFEST}")
    for name, expected in listed.items():
        if name not in hashes:
            raise BundleRejected("missing-file", f"{name} is listed in {MANIFEST} but not in the bundle")
        if hashes[name] != expected:
            raise BundleRejected("wrong-hash", f"{name} has sha256 {hashes[name][:12]}..., the manifest says {expected[:12]}...")
    extra = sorted(set(hashes) - set(listed) - {MANIFEST, SIGNATURE})
    if extra:
        raise BundleRejected("unlisted-file", f"{', '.join(extra[:5])} not listed in {MANIFEST}")


def make_bundle(folder: Path, layout_name: str, key: Ed25519PrivateKey, out: Path) -> Path:
    """Sign ``folder`` (a layout and its media) into ``out`` (.tar.gz): what ``kioskctl push`` sends."""
    files = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in (MANIFEST, SIGNATURE)}
    manifest = json.dumps({"format": 1, "layout": layout_name, "signer": key_id(key.public_key()), "files": files},
                          indent=1, sort_keys=True).encode()
    with tarfile.open(out, "w:gz") as archive:
        for name, data in ((MANIFEST, manifest), (SIGNATURE, key.sign(manifest))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, fileobj=io.BytesIO(data))
        for name in files:
            archive.add(folder / name, arcname=name, recursive=False)
    return out
