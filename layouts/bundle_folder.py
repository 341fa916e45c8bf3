"""A bundle as a folder on disk: the same ``Entry`` stream as an archive, with the same refusals.

``kioskctl bundle`` signs a folder and ``kioskctl validate`` may check one; both walk it here, so
what one refuses the other refuses too: a symbolic link (to a file or to a folder), a FIFO or a
device is refused with its path, never silently left out. Links are never followed and files are
opened with ``O_NOFOLLOW``, so a file swapped for a link while we read is refused as well.
"""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from common.terminal import quoted
from layouts.bundle_errors import BundleRejected
from layouts.tar_reader import CHUNK_BYTES, MAX_ENTRIES, Entry


def _file_chunks(path: Path, size: int) -> Iterator[bytes]:
    """At most ``size`` bytes (what the listing saw): a file growing meanwhile then fails its hash."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise BundleRejected("unreadable", f"cannot read {quoted(str(path))}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as stream:
        left = size
        while left:
            try:
                piece = stream.read(min(left, CHUNK_BYTES))
            except OSError as exc:
                raise BundleRejected("unreadable", f"cannot read {quoted(str(path))}: {exc.strerror}") from None
            if not piece:
                return
            left -= len(piece)
            yield piece


def _entry(folder: Path, path: Path) -> Entry:
    name = path.relative_to(folder).as_posix()
    try:
        info = path.lstat()
    except OSError as exc:
        raise BundleRejected("unreadable", f"cannot read {quoted(name)}: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        kind = "folder" if path.is_dir() else "file"
        raise BundleRejected("link", f"{quoted(name)} is a symbolic link (to a {kind}): copy the {kind} in instead")
    if stat.S_ISDIR(info.st_mode):
        return Entry(name, "dir", 0, lambda: iter(()))
    if not stat.S_ISREG(info.st_mode):
        what = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        raise BundleRejected("special-file", f"{quoted(name)} is {what}, not a regular file")
    return Entry(name, "file", info.st_size, lambda: _file_chunks(path, info.st_size))


def walk_folder(folder: Path, first: tuple[str, ...] = ()) -> Iterator[Entry]:
    """The top-level files named in ``first`` (those present), then every other entry, folders before their content."""
    for name in first:
        if os.path.lexists(folder / name):
            yield _entry(folder, folder / name)
    pending, count = [folder], 0
    while pending:
        current = pending.pop()
        try:
            children = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            raise BundleRejected("unreadable", f"cannot list {quoted(str(current))}: {exc.strerror}") from None
        for child in children:
            path = Path(child.path)
            if current == folder and child.name in first:
                continue
            count += 1
            if count > MAX_ENTRIES:
                raise BundleRejected("too-many-files", f"more than {MAX_ENTRIES} entries in {quoted(str(folder))}")
            entry = _entry(folder, path)
            yield entry
            if entry.kind == "dir":
                pending.append(path)
