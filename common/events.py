"""Named log events (one JSON line each, see kiosk.logs) and once-per-cause warnings.

Qt-free, so the pure packages and the sign folders log the same way as the runtime.
"""

import logging
import threading
import time
from collections import Counter
from typing import Any

ERROR_COUNTS: Counter[str] = Counter()
_ERROR_COUNTS_LOCK = threading.Lock()


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
