"""Our own disk failing during a push (full, read-only): said plainly to the administrator, nothing kept.

Answered 507 (Insufficient Storage) with the free space measured where the upload was going, so
kioskctl's line says what to do instead of a bare 500.
"""

import errno
import os
from pathlib import Path

from fastapi.responses import JSONResponse

MIB = 1024 * 1024


def free_mib(folder: Path) -> float | None:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return None
    return round(stats.f_bavail * stats.f_frsize / MIB, 1)


def disk_refusal(folder: Path, exc: OSError) -> JSONResponse:
    """507 for a full disk, 503 for any other failure of the screen's own storage."""
    free = free_mib(folder)
    where = f"({free} MiB free)" if free is not None else "(free space unknown)"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        detail = f"disk-full: the screen's disk is full {where}: nothing was kept; free space on the screen or push a smaller bundle"
        return JSONResponse({"detail": detail, "cause": "disk-full"}, status_code=507)
    detail = f"storage-failed: the screen could not store the upload ({exc.strerror or type(exc).__name__}) {where}: nothing was kept"
    return JSONResponse({"detail": detail, "cause": "storage-failed"}, status_code=503)
