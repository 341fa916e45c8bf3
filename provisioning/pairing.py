"""Pairing: an administrator proves presence at the screen by typing the short code it shows.

Pure state machine with an injected clock. A code lives ``CODE_TTL_S``; wrong attempts are counted
and, past ``FREE_ATTEMPTS``, lock pairing for a delay that doubles each time (capped), so guessing a
6-digit code by brute force takes years, not minutes. A successful pairing consumes the code.
"""

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

CODE_DIGITS = 6
CODE_TTL_S = 120.0
FREE_ATTEMPTS = 3
LOCKOUT_BASE_S = 30.0
LOCKOUT_MAX_S = 3600.0


class PairingRefused(Exception):
    """``reason``: no-code, expired, locked, wrong-code. ``retry_after_s`` when locked."""

    def __init__(self, reason: str, detail: str, retry_after_s: float = 0.0) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.retry_after_s = retry_after_s


@dataclass(frozen=True, slots=True)
class PairingCode:
    code: str
    expires_at: float


class PairingWindow:
    def __init__(self, clock: Callable[[], float], random_code: Callable[[], str] | None = None) -> None:
        self._clock = clock
        self._random_code = random_code or (lambda: f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}")
        self._code: PairingCode | None = None
        self._failures = 0
        self._locked_until = 0.0

    def open(self) -> PairingCode:
        """Asked to pair: a new code to show on screen (an earlier one stops working)."""
        self._check_not_locked()
        self._code = PairingCode(self._random_code(), self._clock() + CODE_TTL_S)
        return self._code

    @property
    def shown_code(self) -> PairingCode | None:
        """The code the screen should show now, if any."""
        if self._code is not None and self._clock() >= self._code.expires_at:
            self._code = None
        return self._code

    def confirm(self, attempt: str) -> None:
        """Accept (and consume) the code, or raise PairingRefused."""
        self._check_not_locked()
        code = self.shown_code
        if code is None:
            raise PairingRefused("no-code", "no pairing code is showing (ask the screen to pair first, or it expired)")
        if not hmac.compare_digest(attempt.strip().encode(), code.code.encode()):
            self._failures += 1
            if self._failures >= FREE_ATTEMPTS:
                delay = min(LOCKOUT_MAX_S, LOCKOUT_BASE_S * 2 ** (self._failures - FREE_ATTEMPTS))
                self._locked_until = self._clock() + delay
                self._code = None  # a new code is needed after a lockout
                raise PairingRefused("locked", f"too many wrong codes: pairing is locked for {delay:.0f} s", delay)
            raise PairingRefused("wrong-code", f"wrong code ({FREE_ATTEMPTS - self._failures} attempt(s) left)")
        self._code = None
        self._failures = 0

    def _check_not_locked(self) -> None:
        remaining = self._locked_until - self._clock()
        if remaining > 0:
            raise PairingRefused("locked", f"pairing is locked for another {remaining:.0f} s", remaining)
