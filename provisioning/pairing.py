"""Pairing: an administrator proves presence at the screen by typing the short code it shows.

A pure state machine on an injected clock; ``source`` is the asking machine's address.

- Pairing answers only while *allowed* (``allow_for``): for a while after an unpaired screen starts
  (switching it on is the action at the screen), or when a paired administrator opens it. Otherwise
  every request is refused ``closed``. A successful pairing closes it again.
- A code belongs to the address that asked for it: only that address can confirm it and only its
  wrong guesses count. Nobody else can replace it while it shows, nor guess it.
- Wrong codes lock the guessing address (``lockout``: three free, then 30 s doubling to an hour,
  forgiven slowly), never anyone else; a lockout withdraws that address's code.
- Asking is rate limited per address, and new codes globally: with at most three guesses per code,
  guessing one takes years of open pairing.
- Anything unexpected while checking a code withdraws the code and locks the address (fail closed).

Errors: ``PairingRefused`` only, with ``reason`` one of closed, rate-limited, busy, locked, no-code,
wrong-code, error.
"""

import hmac
import math
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from provisioning.lockout import FREE_ATTEMPTS, Attempts
from provisioning.rate_limit import TokenBucket

CODE_DIGITS = 6
CODE_TTL_S = 120.0
FIRST_PAIRING_WINDOW_S = 30 * 60.0  # after an unpaired screen starts
ALLOW_WINDOW_S = 10 * 60.0  # when a paired administrator opens pairing
MAX_ALLOW_S = 60 * 60.0
REQUESTS_PER_SOURCE = 3  # at once, then one per REQUEST_REFILL_S
REQUEST_REFILL_S = 60.0
CODES_AT_ONCE = 5  # new codes, all addresses together, then one per CODE_REFILL_S
CODE_REFILL_S = 120.0
MAX_SOURCES = 1024  # addresses remembered; the oldest is forgotten (it still gets 3 guesses per code at most)
MAX_SOURCE_CHARS = 64


class PairingRefused(Exception):
    """``reason``: closed, rate-limited, busy, locked, no-code, wrong-code, error; ``retry_after_s`` when waiting helps."""

    def __init__(self, reason: str, detail: str, retry_after_s: float = 0.0) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.retry_after_s = min(max(0.0, retry_after_s), MAX_ALLOW_S * 2)  # finite and small, always


@dataclass(frozen=True, slots=True)
class PairingCode:
    code: str
    expires_at: float
    requested_by: str
    expires_in_s: float = CODE_TTL_S  # as of the request that returned it


@dataclass(slots=True)
class _Source:
    attempts: Attempts = field(default_factory=Attempts)
    requests: TokenBucket = field(default_factory=lambda: TokenBucket(REQUESTS_PER_SOURCE, REQUEST_REFILL_S))


class PairingWindow:
    def __init__(self, clock: Callable[[], float], random_code: Callable[[], str] | None = None) -> None:
        self._clock = clock
        self._random_code = random_code or (lambda: f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}")
        self._code: PairingCode | None = None
        self._allowed_until: float | None = None
        self._sources: OrderedDict[str, _Source] = OrderedDict()
        self._new_codes = TokenBucket(CODES_AT_ONCE, CODE_REFILL_S)

    def allow_for(self, duration_s: float) -> None:
        """Let pairing answer for ``duration_s`` from now (never shortens an allowance already running)."""
        now = self._now()
        until = now + min(max(0.0, float(duration_s)), MAX_ALLOW_S) if math.isfinite(duration_s) else now
        self._allowed_until = until if self._allowed_until is None else max(self._allowed_until, until)

    def allowed_for_s(self) -> float:
        now = self._now()
        return 0.0 if self._allowed_until is None else max(0.0, self._allowed_until - now)

    def withdraw(self) -> None:
        """No code is valid any more (a caller's own failure while pairing: fail closed)."""
        self._code = None

    @property
    def shown_code(self) -> PairingCode | None:
        """The code the screen should show now, if any (none when the clock cannot be read)."""
        try:
            return self._live_code(self._now())
        except ValueError:
            self._code = None
            return None

    def request(self, source: str) -> PairingCode:
        """Asked to pair: the code to show (the same one if this address's code still shows)."""
        try:
            return self._request(_address(source))
        except PairingRefused:
            raise
        except Exception as exc:  # noqa: BLE001 - nothing is issued; say so
            raise PairingRefused("error", f"pairing could not start ({type(exc).__name__})") from None

    def confirm(self, attempt: str, source: str) -> None:
        """Accept (and consume) the code, or raise PairingRefused. Never leaves a code valid on error."""
        try:
            self._confirm(attempt, _address(source))
        except PairingRefused:
            raise
        except Exception as exc:  # noqa: BLE001 - fail closed whatever went wrong
            self._code = None
            self._lock_after_error(_address(source))
            raise PairingRefused("error", f"the code could not be checked ({type(exc).__name__}); "
                                          "it was withdrawn, ask for a new one later") from None

    def _request(self, source: str) -> PairingCode:
        now = self._now()
        if self._allowed_until is None or now >= self._allowed_until:
            raise PairingRefused("closed", "pairing is not open on this screen: a paired administrator opens it, "
                                           "or restart a screen nobody has paired yet")
        entry = self._entry(source)
        self._check_not_locked(entry, now)
        if (wait_s := entry.requests.take(now)) > 0:
            raise PairingRefused("rate-limited", f"too many pairing requests from this address: wait {wait_s:.0f} s", wait_s)
        code = self._live_code(now)
        if code is not None and code.requested_by == source:
            return PairingCode(code.code, code.expires_at, source, code.expires_at - now)
        if code is not None:
            wait_s = code.expires_at - now
            raise PairingRefused("busy", f"the screen shows a code asked for by another machine for {wait_s:.0f} s more", wait_s)
        if (wait_s := self._new_codes.take(now)) > 0:
            raise PairingRefused("rate-limited", f"too many pairing codes were asked for: wait {wait_s:.0f} s", wait_s)
        self._code = PairingCode(self._random_code(), now + CODE_TTL_S, source)
        return self._code

    def _confirm(self, attempt: str, source: str) -> None:
        now = self._now()
        entry = self._entry(source)
        self._check_not_locked(entry, now)
        code = self._live_code(now)
        if code is None or code.requested_by != source:
            self._count_failure(entry, now, None)
            raise PairingRefused("no-code", "no pairing code is showing for this address (ask for one first, or it expired)")
        if not isinstance(attempt, str) or not hmac.compare_digest(attempt.strip().encode(), code.code.encode()):
            self._count_failure(entry, now, code)
            left = max(0, FREE_ATTEMPTS - entry.attempts.failures)
            raise PairingRefused("wrong-code", f"wrong code ({left} attempt(s) left)")
        self._code = None
        entry.attempts = Attempts()
        self._allowed_until = now  # one pairing per opening

    def _count_failure(self, entry: _Source, now: float, own_code: PairingCode | None) -> None:
        delay_s = entry.attempts.record_failure(now)
        if delay_s > 0:
            if own_code is not None and self._code is own_code:
                self._code = None  # a new code is needed after a lockout
            raise PairingRefused("locked", f"too many wrong codes from this address: locked for {delay_s:.0f} s", delay_s)

    def _lock_after_error(self, source: str) -> None:
        try:
            self._entry(source).attempts.lock_fully(self._now())
        except Exception:  # noqa: BLE001, S110 - the clock itself failed: the code is withdrawn already
            pass

    def _check_not_locked(self, entry: _Source, now: float) -> None:
        if (remaining := entry.attempts.locked_for_s(now)) > 0:
            raise PairingRefused("locked", f"pairing is locked for this address for another {remaining:.0f} s", remaining)
        entry.attempts.decay(now)

    def _live_code(self, now: float) -> PairingCode | None:
        if self._code is not None and now >= self._code.expires_at:
            self._code = None
        return self._code

    def _entry(self, source: str) -> _Source:
        entry = self._sources.pop(source, None) or _Source()
        self._sources[source] = entry  # newest last
        while len(self._sources) > MAX_SOURCES:
            self._sources.popitem(last=False)
        return entry

    def _now(self) -> float:
        value = self._clock()
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"the clock gave {value!r}, not a finite time")
        return float(value)


def _address(source: object) -> str:
    return source[:MAX_SOURCE_CHARS] if isinstance(source, str) and source else "unknown"
