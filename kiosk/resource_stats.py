"""Memory and disk, measured for ``/status``: RSS and its trend, cache use and free disk.

``RssTrend`` keeps one sample per ``SAMPLE_EVERY_S`` (bounded) and gives the slope over the kept
span in KiB per minute; a leak shows as a steady positive trend. The cache's size is the sum of its
files' sizes (a bounded scan), free disk is what ``statvfs`` says the runtime may still write.
"""

import os
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

SAMPLE_EVERY_S = 10.0
MAX_SAMPLES = 90  # 15 minutes
MAX_SCANNED_ENTRIES = 50_000  # a cache folder is far smaller (budgeted); past this the figure says "at least"
MIB = 1024 * 1024


def rss_kib(pid: int | None = None) -> int:
    try:
        lines = Path(f"/proc/{pid or os.getpid()}/status").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)


class RssTrend:
    def __init__(self, clock: Callable[[], float], read_kib: Callable[[], int] = rss_kib) -> None:
        self._clock, self._read = clock, read_kib
        self._samples: deque[tuple[float, int]] = deque(maxlen=MAX_SAMPLES)
        self._lock = threading.Lock()

    def figures(self) -> dict[str, Any]:
        """Current RSS (a sample taken now if the last is old enough) and the trend over the kept span."""
        now, kib = self._clock(), self._read()
        with self._lock:
            if not self._samples or now - self._samples[-1][0] >= SAMPLE_EVERY_S:
                self._samples.append((now, kib))
            first_s, first_kib = self._samples[0]
        span_min = (now - first_s) / 60.0
        trend = round((kib - first_kib) / span_min, 1) if span_min >= SAMPLE_EVERY_S / 60.0 else None
        return {"memory_rss_kib": kib, "rss_trend_kib_per_min": trend, "rss_trend_span_s": round(now - first_s)}


def folder_bytes(folder: Path, max_entries: int = MAX_SCANNED_ENTRIES) -> tuple[int, bool]:
    """The size of the files under ``folder`` (not following links) and whether the scan was complete."""
    total, seen, stack = 0, 0, [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if seen > max_entries:
                return total, False
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total, True


def disk_figures(data_dir: Path) -> dict[str, Any]:
    used, complete = folder_bytes(data_dir / "cache")
    try:
        stats = os.statvfs(data_dir)
        free, size = stats.f_bavail * stats.f_frsize, stats.f_blocks * stats.f_frsize
    except OSError:
        free = size = None
    return {"cache_used_mib": round(used / MIB, 1), "cache_scan_complete": complete,
            "disk_free_mib": None if free is None else round(free / MIB, 1),
            "disk_free_percent": None if not size else round(100 * free / size, 1)}
