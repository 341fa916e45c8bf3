"""Wrong pairing codes from one address: a few free, then a lockout that doubles up to a cap, forgiven slowly.

All arithmetic is on small bounded numbers: the failure count stops at ``MAX_COUNTED_FAILURES`` (past it
the delay is already at its cap), so ``2 ** n`` is never computed beyond ``MAX_DOUBLINGS`` and no count
of failures, however large, can overflow or raise. The lock's end never moves earlier on a new failure.
"""

import math
from dataclasses import dataclass

FREE_ATTEMPTS = 3
LOCKOUT_BASE_S = 30.0
LOCKOUT_MAX_S = 3600.0
# 30 s * 2**7 = 3840 s is past the cap: more doublings would change nothing, so none are computed.
MAX_DOUBLINGS = math.ceil(math.log2(LOCKOUT_MAX_S / LOCKOUT_BASE_S))
MAX_COUNTED_FAILURES = FREE_ATTEMPTS + MAX_DOUBLINGS
# One wrong code is forgiven per this much time without any: longer than the longest lockout, so a
# guesser who waits out each lock stays at the cap instead of sliding back down.
FAILURE_DECAY_S = 2 * LOCKOUT_MAX_S


def lockout_delay_s(failures: int) -> float:
    """How long pairing locks after the ``failures``-th wrong code in a row (0: not locked)."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    doublings = min(failures - FREE_ATTEMPTS, MAX_DOUBLINGS)
    return min(LOCKOUT_MAX_S, LOCKOUT_BASE_S * (1 << doublings))


@dataclass(slots=True)
class Attempts:
    """One address's wrong codes. ``now`` is always a finite clock reading (the caller checks)."""

    failures: int = 0
    last_failure_at: float = 0.0
    locked_until: float = 0.0

    def locked_for_s(self, now: float) -> float:
        return max(0.0, self.locked_until - now)

    def decay(self, now: float) -> None:
        """Forgive one failure per ``FAILURE_DECAY_S`` of quiet (a clock going back forgives nothing)."""
        if self.failures == 0:
            return
        quiet_s = now - self.last_failure_at
        if quiet_s >= FAILURE_DECAY_S * self.failures:
            self.failures = 0
            return
        forgiven = int(max(0.0, quiet_s) // FAILURE_DECAY_S)  # < failures <= MAX_COUNTED_FAILURES
        self.failures -= forgiven
        self.last_failure_at += forgiven * FAILURE_DECAY_S

    def record_failure(self, now: float) -> float:
        """Count a wrong code; the lockout it starts (0: none yet). A running lock is never shortened."""
        self.decay(now)
        self.failures = min(self.failures + 1, MAX_COUNTED_FAILURES)
        self.last_failure_at = now
        delay_s = lockout_delay_s(self.failures)
        if delay_s > 0:
            self.locked_until = max(self.locked_until, now + delay_s)
        return delay_s

    def lock_fully(self, now: float) -> None:
        """Fail closed: something went wrong while checking a code from this address."""
        self.failures = MAX_COUNTED_FAILURES
        self.last_failure_at = now
        self.locked_until = max(self.locked_until, now + LOCKOUT_MAX_S)

    @property
    def idle(self) -> bool:
        return self.failures == 0
