"""Token buckets on an injected clock: ``capacity`` requests at once, then one per ``refill_every_s``."""

from dataclasses import dataclass, field


@dataclass(slots=True)
class TokenBucket:
    capacity: int
    refill_every_s: float
    tokens: float = field(init=False)
    refilled_at: float | None = None

    def __post_init__(self) -> None:
        self.tokens = float(self.capacity)

    def wait_s(self, now: float) -> float:
        """0 if a request may go now, else how long until one may (nothing is taken)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) * self.refill_every_s

    def take(self, now: float) -> float:
        """Take a token: 0 if one was there, else how long until one will be (nothing taken)."""
        wait = self.wait_s(now)
        if wait == 0:
            self.tokens -= 1
        return wait

    @property
    def full(self) -> bool:
        return self.tokens >= self.capacity

    def _refill(self, now: float) -> None:
        if self.refilled_at is not None:
            elapsed_s = max(0.0, now - self.refilled_at)  # a clock going back refills nothing
            self.tokens = min(float(self.capacity), self.tokens + elapsed_s / self.refill_every_s)
        self.refilled_at = now if self.refilled_at is None else max(self.refilled_at, now)
