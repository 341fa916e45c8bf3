"""``kioskctl bundle`` refuses what ``validate`` refuses, and leaves nothing out silently; the manifest
has one spelling per file and no duplicate keys; every file the layout names must be in the bundle."""

import hashlib
import json
import os
import unicodedata
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from layouts.bundle import MANIFEST, SIGNATURE, BundleRejected, key_id, make_bundle, verify_bundle
from layouts.file_references import file_references
from layouts.validate import parse_layout
from tests.support.hostile_archives import end_of_archive, gzip_bytes, member
from tests.support.images import solid_png

ADMIN = Ed25519PrivateKey.generate()
TRUSTED = {key_id(ADMIN.public_key()): ADMIN.public_key()}
PNG = solid_png((0, 0, 255))


def layout_doc(*items: dict) -> dict:
    return {"schema_version": 2, "name": "hall", "screen": {"width": 640, "height": 360},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 640, "height": 360,
                         "playlist": list(items) or [{"kind": "image", "src": "media/a.png"}]}]}


def site(tmp_path: Path, doc: dict | None = None) -> Path:
    folder = tmp_path / "site"
    (folder / "media").mkdir(parents=True, exist_ok=True)
    (folder / "media" / "a.png").write_bytes(PNG)
    (folder / "layout.json").write_text(json.dumps(doc or layout_doc()))
    return folder


def bundle_refused(folder: Path, tmp_path: Path) -> BundleRejected:
    out = tmp_path / "out.tar.gz"
    with pytest.raises(BundleRejected) as caught:
        make_bundle(folder, "layout.json", ADMIN, out)
    assert not out.exists() and not list(tmp_path.glob(".out.tar.gz.*"))  # no half bundle left behind
    return caught.value


@pytest.mark.parametrize(("make", "cause", "named"), [
    (lambda f: (f / "media" / "b.png").symlink_to(f / "media" / "a.png"), "link", "media/b.png"),
    (lambda f: (f / "linked").symlink_to(f / "media", target_is_directory=True), "link", "linked"),
    (lambda f: os.mkfifo(f / "media" / "pipe"), "special-file", "media/pipe"),
    (lambda f: (f / "media" / "a\\b.png").write_bytes(PNG), "unsafe-path", "a\\b.png"),
    (lambda f: (f / "media" / "tab\there.png").write_bytes(PNG), "unsafe-path", "tab\\there.png"),
])
def test_bundle_refuses_what_validate_refuses_naming_the_path(tmp_path: Path, make, cause, named):
    folder = site(tmp_path)
    make(folder)
    refusal = bundle_refused(folder, tmp_path)
    assert refusal.cause == cause and named in refusal.detail


def test_a_name_that_is_not_utf8_is_refused_by_bundle(tmp_path: Path):
    folder = site(tmp_path)
    with open(os.fsencode(folder / "media") + b"/\xff.png", "wb") as out:
        out.write(PNG)
    refusal = bundle_refused(folder, tmp_path)
    assert refusal.cause == "unsafe-path" and "UTF-8" in refusal.detail


def test_two_spellings_of_one_name_in_a_folder_are_refused(tmp_path: Path):
    folder = site(tmp_path)
    (folder / "media" / unicodedata.normalize("NFC", "été.png")).write_bytes(PNG)
    (folder / "media" / unicodedata.normalize("NFD", "été.png")).write_bytes(PNG)
    assert bundle_refused(folder, tmp_path).cause == "duplicate-entry"


@pytest.mark.parametrize(("items", "where"), [
    ([{"kind": "image", "src": "media/missing.png"}], "$.regions[0].playlist[0].src"),
    ([{"kind": "beach_panel", "replay": "data/replay.json"}], "$.regions[0].playlist[0].replay"),
    ([{"kind": "beach_panel", "mqtt_url": "mqtts://broker:8883", "mqtt_ca_file": "certs/ca.pem"}],
     "$.regions[0].playlist[0].mqtt_ca_file"),
])
def test_a_layout_naming_media_missing_from_the_bundle(tmp_path: Path, items, where):
    folder = site(tmp_path, layout_doc(*items))
    refusal = bundle_refused(folder, tmp_path)
    assert refusal.cause == "missing-media" and refusal.problems[0].startswith(where)
    unchecked = make_bundle(folder, "layout.json", ADMIN, tmp_path / "unchecked.tar.gz", check=False)
    with pytest.raises(BundleRejected, match="missing-media"):  # the screen refuses it too
        verify_bundle(unchecked, TRUSTED, tmp_path / "staging")


def test_file_references_are_found_generically():
    doc = layout_doc({"kind": "image", "src": "media/a.png"}, {"kind": "image", "src": "https://example.org/x.png"},
                     {"kind": "beach_panel", "replay": "builtin:romaniquette"},
                     {"kind": "beach_panel", "replay": "r.json", "mqtt_ca_file": None},
                     {"kind": "video", "src": "./media//v.mp4"})
    layout = parse_layout(json.dumps(doc))
    assert file_references(layout) == [("$.regions[0].playlist[0].src", "media/a.png"),
                                       ("$.regions[0].playlist[3].replay", "r.json"),
                                       ("$.regions[0].playlist[4].src", "./media//v.mp4")]


def test_media_paths_are_relative_to_the_layout_file(tmp_path: Path):
    folder = tmp_path / "site"
    (folder / "screens" / "media").mkdir(parents=True)
    (folder / "screens" / "media" / "a.png").write_bytes(PNG)
    (folder / "screens" / "hall.json").write_text(json.dumps(layout_doc()))
    bundle = make_bundle(folder, "screens/hall.json", ADMIN, tmp_path / "b.tar.gz")
    assert verify_bundle(bundle, TRUSTED, tmp_path / "staging").layout.name == "hall"


def hand_signed(tmp_path: Path, manifest: bytes, members: list[tuple[str, bytes]] | bytes) -> Path:
    body = members if isinstance(members, bytes) else b"".join(member(n, d) for n, d in members)
    path = tmp_path / "hand.tar.gz"
    path.write_bytes(gzip_bytes(member(MANIFEST, manifest) + member(SIGNATURE, ADMIN.sign(manifest)) + body + end_of_archive()))
    return path


LAYOUT = json.dumps(layout_doc()).encode()
SUMS = {"layout.json": hashlib.sha256(LAYOUT).hexdigest(), "media/a.png": hashlib.sha256(PNG).hexdigest()}
SIGNER = key_id(ADMIN.public_key())


def test_duplicate_json_keys_in_a_manifest_are_refused(tmp_path: Path):
    files = ", ".join(f'"{n}": "{s}"' for n, s in SUMS.items())
    manifest = f'{{"format": 1, "layout": "layout.json", "signer": "{SIGNER}", "signer": "{SIGNER}", "files": {{{files}}}}}'
    with pytest.raises(BundleRejected, match="key 'signer' appears twice"):
        verify_bundle(hand_signed(tmp_path, manifest.encode(), [("layout.json", LAYOUT), ("media/a.png", PNG)]),
                      TRUSTED, tmp_path / "staging")


@pytest.mark.parametrize("second", ["./media/a.png", "media//a.png", "media/./a.png"])
def test_one_file_under_two_spellings_is_refused(tmp_path: Path, second: str):
    files = {**SUMS, second: SUMS["media/a.png"]}
    manifest = json.dumps({"format": 1, "layout": "layout.json", "signer": SIGNER, "files": files}).encode()
    with pytest.raises(BundleRejected) as caught:
        verify_bundle(hand_signed(tmp_path, manifest, [("layout.json", LAYOUT), ("media/a.png", PNG)]), TRUSTED, tmp_path / "s")
    assert caught.value.cause == "duplicate-entry" and "two spellings" in caught.value.detail


def test_names_differing_by_normalisation_are_refused(tmp_path: Path):
    nfc, nfd = unicodedata.normalize("NFC", "media/é.png"), unicodedata.normalize("NFD", "media/é.png")
    files = {**SUMS, nfc: SUMS["media/a.png"], nfd: SUMS["media/a.png"]}
    manifest = json.dumps({"format": 1, "layout": "layout.json", "signer": SIGNER, "files": files}).encode()
    with pytest.raises(BundleRejected, match="two spellings"):
        verify_bundle(hand_signed(tmp_path, manifest, [("layout.json", LAYOUT)]), TRUSTED, tmp_path / "s")


@pytest.mark.parametrize("members", [
    [("layout.json", LAYOUT), ("media", b"x"), ("media/a.png", PNG)],
    member("media/", b"", b"5") + member("layout.json", LAYOUT) + member("media", b"x"),
])
def test_a_folder_file_clash_says_what_is_wrong(tmp_path: Path, members):
    files = {**SUMS, "media": hashlib.sha256(b"x").hexdigest()}
    manifest = json.dumps({"format": 1, "layout": "layout.json", "signer": SIGNER, "files": files}).encode()
    with pytest.raises(BundleRejected) as caught:
        verify_bundle(hand_signed(tmp_path, manifest, members), TRUSTED, tmp_path / "s")
    assert caught.value.cause == "path-clash" and "'media' is both a file and a folder" in caught.value.detail
    assert "Errno" not in str(caught.value)


@pytest.mark.parametrize(("change", "message"), [
    ({"format": True}, "format must be 1"),
    ({"format": 1.0}, "format must be 1"),
    ({"extra": 1}, "unknown fields"),
    ({"files": {**SUMS, "media/b.png": "nope"}}, "not a sha256"),
    ({"files": {**SUMS, MANIFEST: SUMS["layout.json"]}}, "cannot be a layout file"),
    ({"signer": "0" * 16}, "names signer"),
])
def test_a_trusted_but_malformed_manifest_is_refused(tmp_path: Path, change, message):
    manifest = json.dumps({"format": 1, "layout": "layout.json", "signer": SIGNER, "files": SUMS, **change}).encode()
    with pytest.raises(BundleRejected, match=message) as caught:
        verify_bundle(hand_signed(tmp_path, manifest, [("layout.json", LAYOUT), ("media/a.png", PNG)]), TRUSTED, tmp_path / "s")
    assert caught.value.cause == "bad-manifest"


def test_a_nan_in_a_manifest_is_refused(tmp_path: Path):
    manifest = json.dumps({"format": 1, "layout": "layout.json", "signer": SIGNER, "files": SUMS}).encode()
    manifest = manifest.replace(b'"format": 1', b'"format": NaN')
    with pytest.raises(BundleRejected, match="NaN is not a JSON number"):
        verify_bundle(hand_signed(tmp_path, manifest, [("layout.json", LAYOUT), ("media/a.png", PNG)]), TRUSTED, tmp_path / "s")


def test_an_output_that_is_a_folder_or_nowhere_is_said_plainly(tmp_path: Path):
    folder = site(tmp_path)
    (tmp_path / "out").mkdir()
    with pytest.raises(BundleRejected, match="is a folder: give the name of the .tar.gz"):
        make_bundle(folder, "layout.json", ADMIN, tmp_path / "out")
    with pytest.raises(BundleRejected, match="cannot write in .*No such file or directory"):
        make_bundle(folder, "layout.json", ADMIN, tmp_path / "missing" / "b.tar.gz")
