"""JSON-lines logging on stdout: what journald keeps and what tests and benchmarks read.

Every line has ``ts`` (wall clock, ISO 8601), ``mono`` (monotonic seconds, for measuring),
``level``, ``logger`` and ``event``; events carry their own fields.
"""

import json
import logging
import sys
import time
from collections import deque
from datetime import UTC, datetime
from typing import Any, TextIO

from common.events import ERROR_COUNTS, OncePerCause, event  # noqa: F401 - re-exported for the runtime

_RESERVED = set(vars(logging.makeLogRecord({})))
ERROR_LINES_KEPT = 50


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "mono": round(getattr(record, "mono", time.monotonic()), 4),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": getattr(record, "event", "log"),
        }
        message = record.getMessage()
        if message:
            line["msg"] = message
        for key, value in vars(record).items():
            if key not in _RESERVED and key not in ("event", "mono"):
                line[key] = value
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class RecentLines(logging.Handler):
    """The last ``capacity`` JSON lines, in memory, for the management API's logs tail (bounded)."""

    def __init__(self, capacity: int = 1000) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self._lines: deque[str] = deque(maxlen=capacity)
        self._errors: deque[str] = deque(maxlen=ERROR_LINES_KEPT)
        self.emitted = 0  # lines ever taken: the cursor of ``since`` (logs --follow)

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        self._lines.append(line)
        self.emitted += 1  # under the handler's lock (Handler.handle), as is the append
        if record.levelno >= logging.ERROR:
            self._errors.append(line)  # kept apart: /status never scans the whole tail

    def last_errors(self, count: int) -> list[str]:
        lines = list(self._errors)
        return lines[-count:] if count > 0 else []

    def since(self, cursor: int | None, count: int) -> tuple[list[str], int, int, bool]:
        """Lines after ``cursor`` (None: the last ``count``), at most ``count``: (lines, next cursor, how
        many left the ring unread, whether the cursor is from an earlier run)."""
        count = max(0, count)
        with self.lock:
            lines, emitted = list(self._lines), self.emitted
        first = emitted - len(lines)  # the cursor just before lines[0]
        restarted = cursor is not None and cursor > emitted
        if cursor is None or restarted:
            start = max(first, emitted - count)
        else:
            start = max(cursor, first)
        found = lines[start - first:][:count]
        missed = max(0, first - cursor) if cursor is not None and not restarted else 0
        return found, start + len(found), missed, restarted

    def tail(self, count: int) -> list[str]:
        lines = list(self._lines)
        return lines[-count:] if count > 0 else []


RECENT = RecentLines()


def setup_logging(stream: TextIO = sys.stdout, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler, RECENT]
    root.setLevel(level)
