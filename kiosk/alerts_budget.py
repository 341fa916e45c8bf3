"""A log budget for alert refusals, so a flood of messages cannot flood the journal (pure).

Within each window, the first ``lines_per_window`` lines of a kind are logged; the rest are only
counted, and said once (with the count) when the window ends. The first message over
``flood_per_second`` in a second is reported as a flood, once per window.
"""

from collections import Counter
from collections.abc import Callable

Clock = Callable[[], float]  # monotonic seconds


class LogBudget:
    def __init__(self, monotonic: Clock, lines_per_window: int = 20, window_s: float = 10.0, flood_per_second: int = 50) -> None:
        self._monotonic = monotonic
        self._lines, self._window_s, self._flood_per_second = lines_per_window, window_s, flood_per_second
        self._window_start = monotonic()
        self._logged: Counter[str] = Counter()
        self._suppressed: Counter[str] = Counter()
        self._second_start, self._in_second = self._window_start, 0
        self._flood_reported = False

    def arrival(self) -> int | None:
        """Count one incoming message; the count of this second when it just became a flood (else None)."""
        now = self._monotonic()
        if now - self._second_start >= 1.0:
            self._second_start, self._in_second = now, 0
        self._in_second += 1
        if self._in_second > self._flood_per_second and not self._flood_reported:
            self._flood_reported = True
            return self._in_second
        return None

    def allow(self, kind: str) -> bool:
        """Whether a line of ``kind`` may be logged now (False: it is counted instead)."""
        if self._logged[kind] < self._lines:
            self._logged[kind] += 1
            return True
        self._suppressed[kind] += 1
        return False

    def roll(self) -> dict[str, int]:
        """At the end of a window: what was suppressed in it (then a new window starts)."""
        if self._monotonic() - self._window_start < self._window_s:
            return {}
        suppressed = dict(self._suppressed)
        self._window_start = self._monotonic()
        self._logged.clear()
        self._suppressed.clear()
        self._flood_reported = False
        return suppressed
