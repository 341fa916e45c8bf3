"""The one source of time: wall clock (UTC, aware) and monotonic seconds, injected everywhere.

The runtime passes ``SystemClock()``; tests pass a ``ManualClock`` and move it, instead of sleeping.
"""

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The wall-clock time, timezone-aware UTC."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (intervals, ages, timeouts)."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that only moves when told to (thread-safe: feeds read it from their own threads)."""

    def __init__(self, start: datetime | None = None, monotonic_s: float = 1000.0) -> None:
        self._lock = threading.Lock()
        self._now = start or datetime(2026, 7, 14, 12, 0, tzinfo=UTC)
        self._monotonic_s = monotonic_s

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        with self._lock:
            return self._monotonic_s

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)
            self._monotonic_s += seconds

    def set_wall(self, when: datetime) -> None:
        """The wall clock jumps (NTP, manual set); the monotonic clock does not."""
        with self._lock:
            self._now = when
