"""Property tests of the bundle reader and the manifest parser: whatever the bytes, only BundleRejected
escapes, in bounded time and memory, and nothing stays in staging."""

import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
import tracemalloc
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layouts.bundle import MANIFEST, SIGNATURE, BundleRejected, key_id, verify_bundle
from layouts.bundle_names import canonical_name
from layouts.manifest import authenticate, parse_manifest
from tests.support.hostile_archives import end_of_archive, gzip_bytes, member, pax_record, raw_header
from tests.support.images import solid_png

ADMIN = Ed25519PrivateKey.generate()
SIGNER = key_id(ADMIN.public_key())
TRUSTED = {SIGNER: ADMIN.public_key()}
MAX_PEAK_BYTES = 16 * 1024**2
MAX_SECONDS = 2.0
# BUNDLE_FUZZ_EXAMPLES=5000 for a longer hunt; the suite keeps the default quick.
PROPERTY = settings(max_examples=int(os.environ.get("BUNDLE_FUZZ_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

LAYOUT = json.dumps({"schema_version": 2, "name": "fuzz", "screen": {"width": 64, "height": 64},
                     "regions": [{"id": "r", "x": 0, "y": 0, "width": 64, "height": 64,
                                  "playlist": [{"kind": "image", "src": "media/a.png"}]}]}).encode()
FILES = {"layout.json": LAYOUT, "media/a.png": solid_png((1, 2, 3), (8, 8))}
MANIFEST_BYTES = json.dumps({"format": 1, "layout": "layout.json", "signer": SIGNER,
                             "files": {n: hashlib.sha256(d).hexdigest() for n, d in FILES.items()}}).encode()
MEMBERS = [member(MANIFEST, MANIFEST_BYTES), member(SIGNATURE, ADMIN.sign(MANIFEST_BYTES)),
           member("media/", b"", b"5"), *(member(n, d) for n, d in FILES.items())]
VALID_TAR = b"".join(MEMBERS) + end_of_archive()


def outcome(archive: bytes) -> str:
    """'accepted' or the refusal's cause; fails on any other exception, a slow check or a memory peak."""
    scratch = Path(tempfile.mkdtemp(prefix="bundle-fuzz-"))
    try:
        path = scratch / "b.tar.gz"
        path.write_bytes(archive)
        tracemalloc.start()
        started = time.monotonic()
        try:
            verify_bundle(path, TRUSTED, scratch / "staging")
            result = "accepted"
        except BundleRejected as refused:
            assert refused.detail and refused.cause
            result = refused.cause
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert time.monotonic() - started < MAX_SECONDS
        assert peak < MAX_PEAK_BYTES, f"{peak} bytes"
        if result != "accepted":
            assert list((scratch / "staging").iterdir()) == []
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_the_valid_archive_is_accepted():
    assert outcome(gzip_bytes(VALID_TAR)) == "accepted"
    buffer = io.BytesIO(VALID_TAR)
    with tarfile.open(fileobj=buffer) as archive:  # the hand-made archive is a real tar
        assert archive.getnames()[:2] == [MANIFEST, SIGNATURE]


@PROPERTY
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes):
    outcome(data)
    outcome(gzip_bytes(data))  # past the gzip layer, into the tar parser


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, len(VALID_TAR) - 1), st.integers(1, 255)), min_size=1, max_size=8))
def test_flipped_bytes_in_the_tar(flips: list[tuple[int, int]]):
    mutated = bytearray(VALID_TAR)
    for position, mask in flips:
        mutated[position] ^= mask
    outcome(gzip_bytes(bytes(mutated)))  # several flips may fix up a checksum over fields a bundle ignores (mode, mtime)


def test_every_single_flip_of_a_used_byte_is_refused():
    accepted = []
    for position in range(0, len(VALID_TAR), 3):
        if VALID_TAR[position] == 0:
            continue  # zero padding after member data, and unused header space: ignored by every tar reader
        mutated = bytearray(VALID_TAR)
        mutated[position] ^= 0x01
        if outcome(gzip_bytes(bytes(mutated))) == "accepted":
            accepted.append(position)
    assert all(position % 512 == 155 for position in accepted)  # only the byte after the checksum's NUL goes unseen


@PROPERTY
@given(st.integers(0, len(VALID_TAR)), st.booleans())
def test_truncated(cut: int, at_gzip_level: bool):
    data = gzip_bytes(VALID_TAR)[:cut * len(gzip_bytes(VALID_TAR)) // len(VALID_TAR)] if at_gzip_level else gzip_bytes(VALID_TAR[:cut])
    assert outcome(data) != "accepted" or cut >= len(b"".join(MEMBERS)) + 512


@PROPERTY
@given(st.lists(st.tuples(st.integers(10, 2000), st.integers(1, 255)), min_size=1, max_size=4))
def test_flipped_bytes_in_the_gzip(flips: list[tuple[int, int]]):
    compressed = bytearray(gzip_bytes(VALID_TAR))
    for position, mask in flips:
        compressed[position % (len(compressed) - 8)] ^= mask
    if outcome(bytes(compressed)) == "accepted":  # a flip in the unused bits ending the deflate stream changes nothing
        assert gzip.decompress(bytes(compressed)) == VALID_TAR


names = st.one_of(st.binary(min_size=1, max_size=120), st.sampled_from(
    [b"layout.json", b"media/a.png", b"./media/a.png", b"media", b"../x", b"/etc/x", b"media/a.png/x", MANIFEST.encode()]))
kinds = st.sampled_from([b"0", b"5", b"1", b"2", b"3", b"6", b"7", b"S", b"x", b"g", b"L", b"K", b"V", b"\0"])


@st.composite
def inserted_member(draw: st.DrawFn) -> bytes:
    name, kind, data = draw(names), draw(kinds), draw(st.binary(max_size=600))
    if kind == b"x" and draw(st.booleans()):
        data = pax_record(draw(st.sampled_from(["path", "size", "GNU.sparse.map", "hdrcharset", "mtime"])), draw(names))
    size = draw(st.one_of(st.just(len(data)), st.integers(0, 2**40)))
    return raw_header(name, size, kind) + data + bytes(-len(data) % 512)


@PROPERTY
@given(st.integers(0, len(MEMBERS)), st.lists(inserted_member(), min_size=1, max_size=3))
def test_inserted_members(where: int, extra: list[bytes]):
    archive = b"".join(MEMBERS[:where]) + b"".join(extra) + b"".join(MEMBERS[where:]) + end_of_archive()
    outcome(gzip_bytes(archive))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                           max_leaves=20)


@PROPERTY
@given(st.one_of(st.binary(max_size=2000), json_values.map(lambda v: json.dumps(v).encode()),
                 st.fixed_dictionaries({"format": json_values | st.just(1), "layout": json_values | st.just("layout.json"),
                                        "signer": st.just(SIGNER) | json_values,
                                        "files": st.dictionaries(st.text(max_size=30), st.text(max_size=70) | json_values,
                                                                 max_size=5)}).map(lambda v: json.dumps(v).encode())))
def test_the_manifest_parser(manifest: bytes):
    try:
        parsed = parse_manifest(manifest, SIGNER)
    except BundleRejected as refused:
        assert refused.cause in ("bad-manifest", "unsafe-path", "duplicate-entry", "missing-file", "too-many-files")
        return
    assert parsed.layout in parsed.files and all(canonical_name(n) == n for n in parsed.files)


@PROPERTY
@given(st.binary(max_size=2000), st.binary(max_size=100))
def test_authentication_never_parses(manifest: bytes, signature: bytes):
    try:
        authenticate(manifest, signature, TRUSTED)
        raise AssertionError("a random signature verified")
    except BundleRejected as refused:
        assert refused.cause in ("bad-signature", "untrusted-signer")


@PROPERTY
@given(st.text(max_size=300))
def test_canonical_names_are_stable(name: str):
    try:
        canonical = canonical_name(name)
    except BundleRejected as refused:
        assert refused.cause == "unsafe-path"
        return
    assert canonical_name(canonical) == canonical
    assert not canonical.startswith("/") and ".." not in canonical.split("/")
