"""The kiosk's visitor state, pure (no Qt): where they are (a navigation stack over the home), and
their session's clock: idle, then a warning with a countdown, then the end.

Times are monotonic seconds from the injected clock; tests move it instead of sleeping. The idle
time is the item's ``idle_s`` times the accessibility factor (slow mode); during an Acceo call it
is paused (the visitor is talking, not touching).
"""

from dataclasses import dataclass, field

HOME = "home"
MAX_DEPTH = 16  # deeper visits drop the oldest page (Back then returns home sooner, never nowhere)


@dataclass
class Navigation:
    stack: list[str] = field(default_factory=lambda: [HOME])

    @property
    def page(self) -> str:
        return self.stack[-1]

    def open(self, page: str) -> None:
        if not page or page == self.page:
            return
        if page == HOME:
            self.home()
            return
        self.stack.append(page)
        if len(self.stack) > MAX_DEPTH:
            del self.stack[1]

    def back(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()

    def home(self) -> None:
        del self.stack[1:]


@dataclass
class SessionClock:
    idle_s: float
    warning_s: float
    factor: float = 1.0
    started_at: float | None = None
    last_touch: float = 0.0
    paused: bool = False

    @property
    def active(self) -> bool:
        return self.started_at is not None

    def touched(self, now_s: float) -> bool:
        """A touch or key: True when it starts a session."""
        starting = self.started_at is None
        if starting:
            self.started_at = now_s
        self.last_touch = now_s
        return starting

    def set_factor(self, factor: float) -> None:
        # Only finite, sensible factors: slow mode is 1.5 to 3; anything else falls back to 1.
        self.factor = factor if isinstance(factor, int | float) and 1.0 <= factor <= 5.0 else 1.0

    def set_paused(self, paused: bool, now_s: float) -> None:
        if self.paused and not paused:
            self.last_touch = now_s  # the call just ended: a full idle time from now
        self.paused = paused

    def remaining_s(self, now_s: float) -> float:
        """Seconds until the session ends (the warning shows in the last ``warning_s`` of them)."""
        if self.started_at is None:
            return 0.0
        if self.paused:
            return self.idle_s * self.factor + self.warning_s
        return max(0.0, self.last_touch + self.idle_s * self.factor + self.warning_s - now_s)

    def warning(self, now_s: float) -> bool:
        return self.active and not self.paused and 0 < self.remaining_s(now_s) <= self.warning_s

    def expired(self, now_s: float) -> bool:
        return self.active and not self.paused and self.remaining_s(now_s) <= 0

    def end(self) -> float:
        """Ends it; returns how long it lasted (0 when there was none)."""
        lasted = self.last_touch - self.started_at if self.started_at is not None else 0.0
        self.started_at, self.paused = None, False
        return max(0.0, lasted)
