"""JSON-lines logging on stdout: what journald keeps and what tests and benchmarks read.

Every line has ``ts`` (wall clock, ISO 8601), ``mono`` (monotonic seconds, for measuring),
``level``, ``logger`` and ``event``; events carry their own fields.
"""

import json
import logging
import sys
import threading
import time
from collections import Counter, deque
from datetime import UTC, datetime
from typing import Any, TextIO

_RESERVED = set(vars(logging.makeLogRecord({})))
ERROR_COUNTS: Counter[str] = Counter()
_ERROR_COUNTS_LOCK = threading.Lock()


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

    def emit(self, record: logging.LogRecord) -> None:
        self._lines.append(self.format(record))

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


def event(logger: logging.Logger, name: str, level: int = logging.INFO, msg: str = "", **fields: Any) -> None:
    """Log one named event with its fields (and the monotonic time it happened)."""
    exc_info = fields.pop("exc_info", None)
    if level >= logging.ERROR:
        with _ERROR_COUNTS_LOCK:
            ERROR_COUNTS[name] += 1
    logger.log(level, msg, exc_info=exc_info, extra={"event": name, "mono": time.monotonic(), **fields})


class OncePerCause:
    """Logs a repeating failure once as a warning, then at debug: steady-state logging floods journals."""

    def __init__(self, logger: logging.Logger, max_causes: int = 1000) -> None:
        self._logger = logger
        self._seen: dict[tuple[str, ...], None] = {}
        self._max_causes = max_causes

    def warn(self, cause: tuple[str, ...], name: str, msg: str = "", **fields: Any) -> None:
        first = cause not in self._seen
        if first:
            if len(self._seen) >= self._max_causes:
                self._seen.pop(next(iter(self._seen)))
            self._seen[cause] = None
        event(self._logger, name, logging.WARNING if first else logging.DEBUG, msg, **fields)

    def forget(self, subject: str) -> None:
        """Every cause about ``subject`` is gone (the item played again): a new failure is news again."""
        for cause in [c for c in self._seen if c and c[0] == subject]:
            del self._seen[cause]
