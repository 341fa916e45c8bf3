"""Layout bundles: a good one is verified whole; every kind of bad one is refused before anything is kept."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from layouts.bundle import (
    MANIFEST,
    SIGNATURE,
    BundleRejected,
    key_id,
    make_bundle,
    verify_bundle,
)
from tests.support.images import solid_png

ADMIN = Ed25519PrivateKey.generate()
TRUSTED = {key_id(ADMIN.public_key()): ADMIN.public_key()}
LAYOUT = {"schema_version": 2, "name": "pushed", "screen": {"width": 640, "height": 360},
          "regions": [{"id": "r", "x": 0, "y": 0, "width": 640, "height": 360,
                       "playlist": [{"kind": "image", "src": "media/red.png"}]}]}


def source_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    (folder / "media").mkdir(parents=True)
    (folder / "layout.json").write_text(json.dumps(LAYOUT))
    (folder / "media" / "red.png").write_bytes(solid_png((255, 0, 0)))
    return folder


def signed_tar(tmp_path: Path, entries: list[tarfile.TarInfo | tuple[str, bytes]], files: dict[str, str] | None = None,
               key: Ed25519PrivateKey = ADMIN, layout: str = "layout.json") -> Path:
    """A hand-made archive, to put in what make_bundle never would."""
    listed = files if files is not None else {e[0]: hashlib.sha256(e[1]).hexdigest() for e in entries if isinstance(e, tuple)}
    manifest = json.dumps({"format": 1, "layout": layout, "signer": key_id(key.public_key()), "files": listed}).encode()
    out = tmp_path / "hand.tar.gz"
    with tarfile.open(out, "w:gz") as archive:
        for entry in [(MANIFEST, manifest), (SIGNATURE, key.sign(manifest)), *entries]:
            if isinstance(entry, tarfile.TarInfo):
                archive.addfile(entry)
                continue
            info = tarfile.TarInfo(entry[0])
            info.size = len(entry[1])
            archive.addfile(info, io.BytesIO(entry[1]))
    return out


def test_a_signed_bundle_is_verified_and_staged(tmp_path: Path):
    bundle = make_bundle(source_folder(tmp_path), "layout.json", ADMIN, tmp_path / "b.tar.gz")
    verified = verify_bundle(bundle, TRUSTED, tmp_path / "staging")
    assert verified.layout.name == "pushed"
    assert (verified.folder / "media" / "red.png").read_bytes() == solid_png((255, 0, 0))
    assert verified.signer == key_id(ADMIN.public_key())


def test_a_folder_bundle_works_too(tmp_path: Path):
    folder = tmp_path / "unpacked"
    with tarfile.open(make_bundle(source_folder(tmp_path), "layout.json", ADMIN, tmp_path / "b.tar.gz")) as archive:
        archive.extractall(folder, filter="data")
    assert verify_bundle(folder, TRUSTED, tmp_path / "staging").layout.name == "pushed"


LAYOUT_BYTES = json.dumps(LAYOUT).encode()
PNG = solid_png((255, 0, 0))


def link(name: str, target: str, hard: bool = False) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.LNKTYPE if hard else tarfile.SYMTYPE
    info.linkname = target
    return info


@pytest.mark.parametrize(("entries", "files", "cause"), [
    ([("layout.json", LAYOUT_BYTES), ("../evil.png", PNG)], None, "unsafe-path"),
    ([("layout.json", LAYOUT_BYTES), ("/etc/evil.png", PNG)], None, "unsafe-path"),
    ([("layout.json", LAYOUT_BYTES), link("media/red.png", "/etc/passwd")], None, "link"),
    ([("layout.json", LAYOUT_BYTES), link("media/red.png", "layout.json", hard=True)], None, "link"),
    ([("layout.json", LAYOUT_BYTES), ("media/red.png", PNG)], {"layout.json": hashlib.sha256(LAYOUT_BYTES).hexdigest(),
                                                               "media/red.png": "0" * 64}, "wrong-hash"),
    ([("layout.json", LAYOUT_BYTES)], {"layout.json": hashlib.sha256(LAYOUT_BYTES).hexdigest(),
                                       "media/red.png": hashlib.sha256(PNG).hexdigest()}, "missing-file"),
    ([("layout.json", LAYOUT_BYTES), ("media/red.png", PNG)], {"layout.json": hashlib.sha256(LAYOUT_BYTES).hexdigest()},
     "unlisted-file"),
    ([("layout.json", b'{"schema_version": 2, "name": "", "regions": []}')], None, "invalid-layout"),
])
def test_bad_bundles_are_refused(tmp_path: Path, entries, files, cause):
    bundle = signed_tar(tmp_path, entries, files)
    with pytest.raises(BundleRejected) as caught:
        verify_bundle(bundle, TRUSTED, tmp_path / "staging")
    assert caught.value.cause == cause
    assert list((tmp_path / "staging").iterdir()) == []  # nothing kept


def test_every_layout_problem_is_listed(tmp_path: Path):
    bundle = signed_tar(tmp_path, [("layout.json", b'{"schema_version": 2, "name": "", "regions": []}')])
    with pytest.raises(BundleRejected) as caught:
        verify_bundle(bundle, TRUSTED, tmp_path / "staging")
    assert caught.value.problems == ["$.name: must not be empty", "$.regions: must have at least 1 entries (found [])"]


def test_signatures_must_come_from_a_trusted_key_and_match(tmp_path: Path):
    stranger = Ed25519PrivateKey.generate()
    bundle = signed_tar(tmp_path, [("layout.json", LAYOUT_BYTES)], key=stranger)
    with pytest.raises(BundleRejected, match="untrusted-signer"):
        verify_bundle(bundle, TRUSTED, tmp_path / "staging")
    forged = {key_id(stranger.public_key()): ADMIN.public_key()}  # the right name, the wrong key
    with pytest.raises(BundleRejected, match="bad-signature"):
        verify_bundle(bundle, forged, tmp_path / "staging")


def test_a_decompression_bomb_stops_at_the_limit(tmp_path: Path):
    zeros = b"\0" * (20 * 1024 * 1024)  # 20 MiB of zeros: a few KiB compressed
    bundle = signed_tar(tmp_path, [("layout.json", LAYOUT_BYTES), ("media/red.png", zeros)])
    assert bundle.stat().st_size < 100_000
    with pytest.raises(BundleRejected, match="too-large"):
        verify_bundle(bundle, TRUSTED, tmp_path / "staging", max_total_bytes=5 * 1024 * 1024)
    assert list((tmp_path / "staging").iterdir()) == []


@pytest.mark.parametrize("payload", [b"", b"not an archive at all", None])
def test_garbage_and_truncated_archives(tmp_path: Path, payload):
    path = tmp_path / "x.tar.gz"
    if payload is None:  # a real bundle cut in the middle of a transfer
        good = make_bundle(source_folder(tmp_path), "layout.json", ADMIN, tmp_path / "b.tar.gz").read_bytes()
        payload = good[: len(good) // 2]
    path.write_bytes(payload)
    with pytest.raises(BundleRejected) as caught:
        verify_bundle(path, TRUSTED, tmp_path / "staging")
    assert caught.value.cause in ("not-an-archive", "missing-manifest")
