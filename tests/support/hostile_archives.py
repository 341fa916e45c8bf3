"""Hand-made tar.gz archives that tarfile itself would never write: the hostile inputs of issue 8.

Headers are built byte by byte (``raw_header``) so a test can put in a NUL, a 300 MB long name or a
chain of extended headers; ``gzip_stream`` compresses lazily so a huge member costs no memory here.
"""

import gzip
import hashlib
import io
import json
from collections.abc import Iterable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from layouts.bundle import key_id

BLOCK = 512


def raw_header(name: bytes, size: int, kind: bytes = b"0", link: bytes = b"", magic: bytes = b"ustar\x0000") -> bytes:
    """One 512-byte tar header with a correct checksum; fields are written as given (not checked)."""
    header = bytearray(BLOCK)
    header[0:100] = name[:100].ljust(100, b"\0")
    header[100:108] = b"0000644\0"
    header[108:116] = b"0000000\0"
    header[116:124] = b"0000000\0"
    header[124:136] = f"{size:011o}\0".encode()
    header[136:148] = b"00000000000\0"
    header[148:156] = b" " * 8
    header[156:157] = kind
    header[157:257] = link[:100].ljust(100, b"\0")
    header[257:265] = magic
    header[148:156] = f"{sum(header):06o}\0 ".encode()
    return bytes(header)


def padded(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % BLOCK)


def member(name: bytes | str, data: bytes, kind: bytes = b"0") -> bytes:
    raw = name.encode() if isinstance(name, str) else name
    return raw_header(raw, len(data), kind) + padded(data)


def pax_record(key: str | bytes, value: bytes | str) -> bytes:
    body = (key.encode() if isinstance(key, str) else key) + b"=" + (value.encode() if isinstance(value, str) else value) + b"\n"
    length = len(body) + 2
    while len(f"{length} ".encode()) + len(body) != length:
        length += 1
    return f"{length} ".encode() + body


def end_of_archive() -> bytes:
    return b"\0" * (BLOCK * 2)


def signed_manifest(files: dict[str, bytes], key: Ed25519PrivateKey, layout: str = "layout.json") -> tuple[bytes, bytes]:
    manifest = json.dumps({"format": 1, "layout": layout, "signer": key_id(key.public_key()),
                           "files": {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}}).encode()
    return manifest, key.sign(manifest)


def gzip_stream(path: Path, pieces: Iterable[bytes]) -> Path:
    """Write ``pieces`` gzip-compressed to ``path``, one at a time (a generator keeps memory flat)."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        for piece in pieces:
            out.write(piece)
    return path


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def huge_long_name(path: Path, name_bytes: int = 300 * 1024 * 1024) -> Path:
    """One GNU long-name header (type L) of ``name_bytes`` bytes, then a member: about 300 kB compressed."""
    def pieces() -> Iterable[bytes]:
        yield raw_header(b"././@LongLink", name_bytes, b"L", magic=b"ustar  \0")
        chunk = b"a" * (1024 * 1024)
        left = name_bytes
        while left:
            yield chunk[:min(left, len(chunk))]
            left -= min(left, len(chunk))
        yield b"\0" * (-name_bytes % BLOCK)
        yield member("x", b"hello")
        yield end_of_archive()
    return gzip_stream(path, pieces())
