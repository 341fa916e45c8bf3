"""Native crashes leave a trace: faulthandler writes them to a bounded file in the state dir, and the
next start reports them (log event ``previous_crash``, the management API's ``/status``).

On disk, in ``<data dir>/crash/``:

- ``current.log``: this run's faulthandler target, empty unless this run dies of a fatal signal
  (or overruns its shutdown deadline, which dumps every thread's stack there);
- ``last.log``: the last crash, moved there by the next start, cut at ``MAX_CRASH_BYTES``
  (only the last crash is kept: the two files are all there ever is);
- ``counts.json``: how many crashes and unclean exits this state dir has seen;
- ``running``: present while a run is live; found at start, the previous run never ended cleanly
  (crash, SIGKILL, watchdog, power cut).

A crash dump is our own process's output, but it names files and functions: every line shown is
escaped (``printable``) and bounded.
"""

import faulthandler
import json
import logging
import os
import signal
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from common.atomic import write_atomically
from common.terminal import printable
from kiosk.logs import event

log = logging.getLogger("kiosk.crash")
MAX_CRASH_BYTES = 64 * 1024  # a faulthandler dump of 100 threads x 100 frames fits; more is cut
FIRST_LINES = 20
MAX_COUNT = 10**9  # a counts.json from elsewhere never makes us print a 5,000-digit number
THREAD_HEADERS = ("Current thread 0x", "Thread 0x", "Stack (most recent call first)")  # the last: one thread's dump
SIGTRAP_REASON = "SIGTRAP: a library's fatal check (QtWebEngine/Chromium or Qt); its message is in the journal (stderr)"


@dataclass(frozen=True, slots=True)
class CrashReport:
    crash_count: int = 0
    unclean_exits: int = 0
    last_crash: dict[str, Any] | None = None  # {"at": ISO time, "reason": first line, "first_lines": [...]}
    problems: list[str] = field(default_factory=list)

    def status_fields(self) -> dict[str, Any]:
        return {"crash_count": self.crash_count, "unclean_exits": self.unclean_exits, "last_crash": self.last_crash}


class CrashLog:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "crash"
        self._file: TextIO | None = None
        self.report = CrashReport()

    @property
    def file(self) -> TextIO | None:
        return self._file

    def open(self) -> "CrashLog":
        """Takes in what the previous run left, then points faulthandler at a fresh ``current.log``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        counts = _read_counts(self.folder / "counts.json")
        unclean = (self.folder / "running").exists()
        crashed = _rotate(self.folder / "current.log", self.folder / "last.log")
        if unclean or crashed:
            counts["crash_count"] = min(MAX_COUNT, counts["crash_count"] + crashed)
            counts["unclean_exits"] = min(MAX_COUNT, counts["unclean_exits"] + unclean)
            write_atomically(self.folder / "counts.json", json.dumps(counts).encode())
        self.report = CrashReport(counts["crash_count"], counts["unclean_exits"], read_last_crash(self.folder / "last.log"))
        if crashed or unclean:
            last = self.report.last_crash or {}
            event(log, "previous_crash" if crashed else "previous_unclean_exit", logging.WARNING,
                  last.get("reason", "") if crashed else "the previous run did not end cleanly",
                  crash_count=self.report.crash_count, unclean_exits=self.report.unclean_exits,
                  at=last.get("at") if crashed else None)
        write_atomically(self.folder / "running", str(os.getpid()).encode())
        # Opened once, kept open: faulthandler writes to the file descriptor from its signal handler.
        self._file = open(self.folder / "current.log", "w", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(self._file, all_threads=True)
        # Chromium's (QtWebEngine's) and Qt's fatal checks end in a trap instruction, which faulthandler
        # does not watch by default: the stack is written, then the signal kills the process as before.
        # The trapping thread's stack only: walking every thread's frames from that handler while the
        # others run (a pool, the journal writer) was seen to segfault one run in four.
        faulthandler.register(signal.SIGTRAP, self._file, all_threads=False, chain=True)
        return self

    def close_cleanly(self) -> None:
        """The run ended in order: not an unclean exit at the next start. faulthandler stays on until the
        process is gone: a crash while the interpreter tears down still lands in ``current.log``."""
        (self.folder / "running").unlink(missing_ok=True)


def _read_counts(path: Path) -> dict[str, int]:
    counts = {"crash_count": 0, "unclean_exits": 0}
    try:
        stored = json.loads(path.read_bytes()[:4096])
    except (OSError, ValueError, RecursionError):
        return counts  # missing or damaged: counting starts again rather than failing the start
    if isinstance(stored, dict):
        for key in counts:
            value = stored.get(key)
            # bool is an int in Python: a stored true is not a count.
            if type(value) is int and 0 <= value <= MAX_COUNT:
                counts[key] = value
    return counts


def _rotate(current: Path, last: Path) -> bool:
    """A non-empty ``current.log`` is the previous run's crash: its head becomes ``last.log``."""
    try:
        with current.open("rb") as f:
            head = f.read(MAX_CRASH_BYTES)
        crashed_at = current.stat().st_mtime
    except FileNotFoundError:
        return False
    if not head.strip():
        return False
    write_atomically(last, head)
    os.utime(last, (crashed_at, crashed_at))  # the file's time is the crash's time
    current.unlink(missing_ok=True)
    return True


def read_last_crash(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as f:
            head = f.read(MAX_CRASH_BYTES)
        at = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    except (FileNotFoundError, OverflowError, OSError, ValueError):
        return None
    lines = [printable(line) for line in head.decode("utf-8", "replace").splitlines() if line.strip()]
    if not lines:
        return None
    # A fatal error or the shutdown deadline says so on its first line; the SIGTRAP dump starts with a stack.
    reason = SIGTRAP_REASON if lines[0].startswith(THREAD_HEADERS) else lines[0]
    return {"at": at, "reason": reason, "first_lines": lines[:FIRST_LINES], "crashed_thread": _crashed_thread(lines)}


def _crashed_thread(lines: list[str]) -> list[str]:
    """The stack of the thread that crashed ("Current thread"), else the last one listed (the main thread)."""
    starts = [i for i, line in enumerate(lines) if line.startswith(THREAD_HEADERS)]
    if not starts:
        return []
    current = [i for i in starts if lines[i].startswith("Current thread")]
    begin = current[0] if current else starts[-1]
    block = [lines[begin]]
    for line in lines[begin + 1:]:
        if not line.startswith("  "):
            break
        block.append(line)
    return block[:FIRST_LINES]
