"""A bounded reader of untrusted .tar.gz streams: one member at a time, every header size-checked.

Why not ``tarfile``: it cannot be bounded from outside. A GNU long-name or PAX header is read whole
into memory (a 306 kB archive holding one 300 MB name cost 2.4 GiB), chained extended headers are
followed by recursion (RecursionError), a NUL in a PAX path, a sparse map or a non-UTF-8 name
raise a zoo of exceptions, and ``r:*`` also opens bzip2 and xz. This reader speaks only what a
bundle needs (ustar, GNU and PAX headers of regular files and folders, gzip) and checks sizes
before it reads: a header of more than ``MAX_EXTENDED_BYTES`` is refused from its size field, at
most one PAX and one long-name header may precede a member, at most ``MAX_ENTRIES`` members.
Anything else, and every zlib, read or decoding error, is a ``BundleRejected`` naming the member.

Member data is never read by the reader itself: ``Entry.chunks()`` yields it in pieces of at most
``CHUNK_BYTES`` when the caller wants it (after the signature check); unread data is skipped.
"""

import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Literal

from common.terminal import quoted
from layouts.bundle_errors import BundleRejected
from layouts.bundle_names import MAX_NAME_BYTES

BLOCK = 512
CHUNK_BYTES = 256 * 1024
MAX_ENTRIES = 10_000
MAX_EXTENDED_BYTES = 16 * 1024  # one PAX header: a path and a few times, never megabytes
MAX_TRAILER_BYTES = 1024 * 1024  # zero padding after the end-of-archive blocks (tar pads to 10 kB records)
_ZERO_BLOCK = bytes(BLOCK)
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class Entry:
    name: str  # as stored (decoded UTF-8); the caller makes it canonical
    kind: Literal["file", "dir"]
    size: int  # bytes of data (0 for a folder)
    chunks: Callable[[], Iterator[bytes]]  # the data, once, in pieces of at most CHUNK_BYTES


class _Inflated:
    """The decompressed bytes of a gzip file (several gzip members in a row allowed), read in bounded pieces."""

    def __init__(self, stream: IO[bytes], label: str) -> None:
        self._in, self._label = stream, label
        self._z = zlib.decompressobj(wbits=31)
        self._buf, self._pos = b"", 0
        self.offset = 0  # bytes of tar stream handed out so far, for messages

    def _more(self) -> bytes:
        """Some more decompressed bytes (at most CHUNK_BYTES); b"" once the input is used up."""
        while True:
            if self._z.unconsumed_tail:
                return self._z.decompress(self._z.unconsumed_tail, CHUNK_BYTES)
            if self._z.eof:
                rest = self._z.unused_data
                if not rest.startswith(_GZIP_MAGIC):
                    return b""
                self._z = zlib.decompressobj(wbits=31)  # another gzip member follows (cat a.gz b.gz)
                out = self._z.decompress(rest, CHUNK_BYTES)
            else:
                raw = self._in.read(CHUNK_BYTES)
                if not raw:
                    return b""
                out = self._z.decompress(raw, CHUNK_BYTES)
            if out:
                return out

    def take(self, size: int) -> bytes:
        """At most ``size`` (<= CHUNK_BYTES) bytes; fewer only at the end of the data."""
        if self._pos == len(self._buf):
            self._buf, self._pos = self._more(), 0
        piece = self._buf[self._pos:self._pos + size]
        self._pos += len(piece)
        self.offset += len(piece)
        return piece

    def exactly(self, size: int, what: str) -> bytes:
        """``size`` bytes (the caller bounded ``size``), or a refusal saying the archive is cut short."""
        pieces, left = [], size
        while left:
            piece = self.take(min(left, CHUNK_BYTES))
            if not piece:
                raise BundleRejected("not-an-archive", f"{self._label}: truncated in {what} (at byte {self.offset})")
            pieces.append(piece)
            left -= len(piece)
        return b"".join(pieces)

    def skip(self, size: int, what: str) -> None:
        left = size
        while left:
            piece = self.take(min(left, CHUNK_BYTES))
            if not piece:
                raise BundleRejected("not-an-archive", f"{self._label}: truncated in {what} (at byte {self.offset})")
            left -= len(piece)

    def finish(self) -> None:
        """After the end-of-archive block: only bounded zero padding, then the gzip end (its CRC is checked)."""
        seen = 0
        while piece := self.take(CHUNK_BYTES):
            seen += len(piece)
            if seen > MAX_TRAILER_BYTES or piece.count(0) != len(piece):
                raise BundleRejected("not-an-archive", f"{self._label}: data after the end of the archive")
        if not self._z.eof:
            raise BundleRejected("not-an-archive", f"{self._label}: the gzip stream is cut short")


def _number(field: bytes, what: str) -> int:
    """A numeric header field: octal text, or GNU base-256 (high bit set) for big values."""
    if field[:1] and field[0] & 0x80:
        if field[0] == 0xFF:
            raise BundleRejected("not-an-archive", f"negative {what} in a tar header")
        return int.from_bytes(bytes([field[0] & 0x7F]) + field[1:], "big")
    text = field.split(b"\0", 1)[0].strip(b" ")
    if not text:
        return 0
    if not re.fullmatch(rb"[0-7]{1,12}", text):
        raise BundleRejected("not-an-archive", f"{what} in a tar header is not a number: {quoted(text, 40)}")
    return int(text, 8)


def _check_header(header: bytes, offset: int) -> None:
    stored = _number(header[148:156], "checksum")
    unsigned = sum(header[:148]) + 8 * 32 + sum(header[156:])
    signed = unsigned - 2 * sum(b for b in header[:148] + header[156:] if b > 127)
    if stored not in (unsigned, signed):
        raise BundleRejected("not-an-archive", f"not a tar archive, or corrupt: bad header checksum at byte {offset}")


def _decode(raw: bytes, what: str) -> str:
    if b"\0" in raw:
        raise BundleRejected("unsafe-path", f"{what} holds a NUL byte: {quoted(raw, 80)}")
    if len(raw) > MAX_NAME_BYTES:
        raise BundleRejected("unsafe-path", f"{what} is {len(raw)} bytes long, over the {MAX_NAME_BYTES}-byte limit")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleRejected("unsafe-path", f"{what} is not valid UTF-8: {quoted(raw, 80)}") from None


def _pax_records(data: bytes, offset: int) -> dict[bytes, bytes]:
    """``"<length> key=value\\n"`` records; anything malformed is refused, not guessed at."""
    records: dict[bytes, bytes] = {}
    pos = 0
    while pos < len(data):
        match = re.match(rb"([1-9][0-9]{0,5}) ", data[pos:pos + 8])
        length = int(match.group(1)) if match else 0
        if not match or pos + length > len(data) or data[pos + length - 1:pos + length] != b"\n":
            raise BundleRejected("not-an-archive", f"malformed PAX header at byte {offset}")
        key, equals, value = data[pos + len(match.group(0)):pos + length - 1].partition(b"=")
        if not equals or key in records:
            raise BundleRejected("not-an-archive", f"malformed PAX header at byte {offset} (record {quoted(key, 40)})")
        records[key] = value
        pos += length
    if any(key.startswith(b"GNU.sparse.") for key in records):
        raise BundleRejected("special-file", f"sparse member at byte {offset}: not allowed in a bundle")
    if records.get(b"hdrcharset") not in (None, b"ISO-IR 10646 2000 UTF-8"):
        raise BundleRejected("unsafe-path", f"PAX header at byte {offset} declares names that are not UTF-8")
    return records


def _member_name(header: bytes, long_name: bytes | None, pax: dict[bytes, bytes], offset: int) -> str:
    what = f"the name of the member at byte {offset}"
    if b"path" in pax:
        return _decode(pax[b"path"], what)
    if long_name is not None:
        return _decode(long_name.rstrip(b"\0"), what)  # GNU terminates it with one NUL
    name = header[0:100].split(b"\0", 1)[0]
    if header[257:265] == b"ustar\x0000" and header[345] != 0:
        name = header[345:500].split(b"\0", 1)[0] + b"/" + name
    return _decode(name, what)


_REFUSED_TYPES = {b"1": ("link", "a hard link"), b"2": ("link", "a symbolic link"), b"K": ("link", "a link"),
                  b"3": ("special-file", "a character device"), b"4": ("special-file", "a block device"),
                  b"6": ("special-file", "a FIFO"), b"S": ("special-file", "a sparse file"),
                  b"g": ("not-an-archive", "a global PAX header (not written by kioskctl)")}


@contextmanager
def _archive_errors(label: str) -> Iterator[None]:
    """zlib (a flipped byte), read and decoding errors of the archive: one refusal, with the reason."""
    try:
        yield
    except (zlib.error, EOFError, OSError, ValueError) as exc:
        raise BundleRejected("not-an-archive", f"{label}: corrupt or unreadable ({type(exc).__name__}: {exc})") from None


def read_tar_gz(stream: IO[bytes], label: str) -> Iterator[Entry]:
    """Every member of a .tar.gz, in order; errors of the archive itself become BundleRejected."""
    with _archive_errors(label):
        if stream.read(2) != _GZIP_MAGIC:
            raise BundleRejected("not-an-archive", f"{label}: not a gzip-compressed tar archive (.tar.gz)")
        stream.seek(0)
        inflated = _Inflated(stream, label)
    members = _members(inflated, label)
    while True:
        with _archive_errors(label):
            entry = next(members, None)
        if entry is None:
            return
        yield entry


def _members(inflated: _Inflated, label: str) -> Iterator[Entry]:
    count = 0
    long_name: bytes | None = None
    pax: dict[bytes, bytes] | None = None
    while True:
        offset = inflated.offset
        header = inflated.exactly(BLOCK, "a tar header")
        if header == _ZERO_BLOCK:
            if long_name is not None or pax is not None:
                raise BundleRejected("not-an-archive", f"extended header at byte {offset} describes no member")
            inflated.finish()
            return
        _check_header(header, offset)
        kind, size = header[156:157], _number(header[124:136], "size")
        if kind in (b"x", b"L"):
            if (pax if kind == b"x" else long_name) is not None:
                raise BundleRejected("not-an-archive", f"chained extended headers at byte {offset}: one per member at most")
            limit = MAX_EXTENDED_BYTES if kind == b"x" else MAX_NAME_BYTES + 1
            if size > limit:
                raise BundleRejected("not-an-archive", f"extended header of {size} bytes at byte {offset}, over the {limit}-byte limit")
            data = inflated.exactly(size, "an extended header")
            inflated.skip(-size % BLOCK, "padding")
            if kind == b"x":
                pax = _pax_records(data, offset)
            else:
                long_name = data
            continue
        if kind in _REFUSED_TYPES:
            cause, what = _REFUSED_TYPES[kind]
            name = _member_name(header, long_name, pax or {}, offset) if kind != b"g" else ""
            raise BundleRejected(cause, f"{quoted(name)} is {what}: a bundle holds only files and folders")
        if kind not in (b"0", b"\0", b"7", b"5"):
            raise BundleRejected("special-file", f"member at byte {offset} has unknown type {quoted(kind)}")
        count += 1
        if count > MAX_ENTRIES:
            raise BundleRejected("too-many-files", f"more than {MAX_ENTRIES} entries")
        name = _member_name(header, long_name, pax or {}, offset)
        if pax and b"size" in pax:
            if not re.fullmatch(rb"[0-9]{1,19}", pax[b"size"]):
                raise BundleRejected("not-an-archive", f"PAX size of {quoted(name)} is not a number")
            size = int(pax[b"size"])
        long_name = pax = None
        if kind == b"5":
            if size:
                raise BundleRejected("not-an-archive", f"folder entry {quoted(name)} carries {size} bytes of data")
            yield Entry(name, "dir", 0, lambda: iter(()))
            continue
        left = [size]

        def chunks(left: list[int] = left, name: str = name) -> Iterator[bytes]:
            while left[0]:
                with _archive_errors(label):
                    piece = inflated.exactly(min(left[0], CHUNK_BYTES), quoted(name))
                left[0] -= len(piece)
                yield piece

        yield Entry(name, "file", size, chunks)
        inflated.skip(left[0] + -size % BLOCK, quoted(name))
