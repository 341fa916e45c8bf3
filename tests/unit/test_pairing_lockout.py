"""The pairing state machine far past its limits, on an injected clock: thousands and millions of wrong
codes, failures of its own parts, strangers on other addresses, and Hypothesis runs of any sequence."""

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provisioning.lockout import (
    FAILURE_DECAY_S,
    LOCKOUT_BASE_S,
    LOCKOUT_MAX_S,
    MAX_COUNTED_FAILURES,
    Attempts,
    lockout_delay_s,
)
from provisioning.pairing import (
    CODE_REFILL_S,
    CODE_TTL_S,
    CODES_AT_ONCE,
    REQUESTS_PER_SOURCE,
    PairingRefused,
    PairingWindow,
)

ME, STRANGER = "10.0.0.2", "10.0.0.66"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def opened(clock, code: str = "123456") -> PairingWindow:
    window = PairingWindow(clock, lambda: code)
    window.allow_for(3600)
    return window


def guess_wrong_until_locked(window: PairingWindow, clock: Clock, source: str) -> float:
    """Wait out any lock, ask for a code, guess wrong until locked; the lock's length."""
    while True:
        window.allow_for(3600)
        try:
            window.request(source)
        except PairingRefused as refused:
            assert refused.reason in ("locked", "rate-limited"), refused
            clock.now += refused.retry_after_s + 1
            continue
        for _ in range(4):
            try:
                window.confirm("000000", source)
            except PairingRefused as refused:
                if refused.reason == "locked":
                    return refused.retry_after_s
                assert refused.reason == "wrong-code", refused
        raise AssertionError("never locked")


@pytest.mark.parametrize("failures", [1_030, 5_000, 10**6])
def test_the_lockout_arithmetic_holds_far_past_the_old_overflow(failures):
    attempts = Attempts()
    now = 0.0
    for _ in range(failures):
        delay = attempts.record_failure(now)
        assert 0 <= delay <= LOCKOUT_MAX_S
        now += 1.0  # faster than any decay
    assert attempts.failures == MAX_COUNTED_FAILURES and delay == LOCKOUT_MAX_S
    assert lockout_delay_s(10**100) == LOCKOUT_MAX_S  # no power is computed past the cap


def test_5000_lockouts_in_a_row_stay_locked_and_the_code_never_passes():
    clock = Clock()
    window = opened(clock)
    window.allow_for(3600)
    delays = []
    for _ in range(5_000):  # 5,002 wrong codes: three in the first round, one in each after
        window.allow_for(3600)
        delays.append(guess_wrong_until_locked(window, clock, STRANGER))
        with pytest.raises(PairingRefused, match="locked"):
            window.confirm("123456", STRANGER)  # the right code, while locked
        assert window.shown_code is None
    assert delays[:8] == [LOCKOUT_BASE_S * 2**i for i in range(7)] + [LOCKOUT_MAX_S]
    assert set(delays[8:]) == {LOCKOUT_MAX_S}


def test_the_code_is_withdrawn_and_the_address_locked_when_checking_it_fails():
    clock = Clock()
    window = opened(clock)
    window.request(ME)

    class Weird(str):
        def strip(self, *_args):  # an attempt whose comparison blows up
            raise RuntimeError("boom")

    with pytest.raises(PairingRefused) as refused:
        window.confirm(Weird("123456"), ME)
    assert refused.value.reason == "error" and window.shown_code is None
    with pytest.raises(PairingRefused, match="locked"):
        window.request(ME)


@pytest.mark.parametrize("bad_time", [float("nan"), float("inf"), None, "soon", True])
def test_a_clock_that_breaks_mid_way_never_lets_a_code_through(bad_time):
    clock = Clock()
    window = opened(clock)
    window.request(ME)
    good = clock.now
    clock.now = bad_time
    with pytest.raises(PairingRefused, match="error"):
        window.confirm("123456", ME)
    clock.now = good
    assert window.shown_code is None
    with pytest.raises(PairingRefused):
        window.confirm("123456", ME)


def test_a_stranger_neither_sees_replaces_guesses_nor_locks_out_the_code_of_the_person_at_the_screen():
    clock = Clock()
    window = opened(clock)
    window.request(ME)
    with pytest.raises(PairingRefused, match="busy"):
        window.request(STRANGER)  # not replaced while it shows
    for _ in range(10):
        with pytest.raises(PairingRefused) as refused:
            window.confirm("123456", STRANGER)  # even the right digits, from elsewhere
        assert refused.value.reason in ("no-code", "locked")
    assert window.shown_code is not None and window.shown_code.requested_by == ME
    window.confirm("123456", ME)


def test_the_same_address_asking_again_gets_the_same_code_and_its_remaining_time():
    clock = Clock()
    window = opened(clock)
    first = window.request(ME)
    clock.now += 50
    again = window.request(ME)
    assert again.code == first.code and again.expires_in_s == pytest.approx(CODE_TTL_S - 50)


def test_requests_are_rate_limited_per_address_and_new_codes_globally():
    clock = Clock()
    window = opened(clock)
    for _ in range(REQUESTS_PER_SOURCE):
        window.request(ME)
    with pytest.raises(PairingRefused, match="rate-limited"):
        window.request(ME)
    issued = 1
    for n in range(50):  # many addresses, each code withdrawn by a lockout at once
        try:
            window.request(f"10.1.0.{n}")
        except PairingRefused as refused:
            assert refused.reason in ("rate-limited", "busy"), refused
            continue
        issued += 1
        for _ in range(3):
            with pytest.raises(PairingRefused):
                window.confirm("999999", f"10.1.0.{n}")
    assert issued <= CODES_AT_ONCE + 1
    clock.now += CODE_REFILL_S + CODE_TTL_S
    window.request("10.2.0.1")


def test_pairing_is_closed_unless_allowed_and_closes_after_a_pairing():
    clock = Clock()
    window = PairingWindow(clock, lambda: "123456")
    with pytest.raises(PairingRefused, match="closed"):
        window.request(ME)
    window.allow_for(600)
    clock.now += 601
    with pytest.raises(PairingRefused, match="closed"):
        window.request(ME)
    window.allow_for(float("nan"))
    with pytest.raises(PairingRefused, match="closed"):
        window.request(ME)


def test_failures_are_forgiven_slowly():
    clock = Clock()
    window = opened(clock)
    assert guess_wrong_until_locked(window, clock, ME) == LOCKOUT_BASE_S
    assert guess_wrong_until_locked(window, clock, ME) == 2 * LOCKOUT_BASE_S
    clock.now += 2 * FAILURE_DECAY_S + 1  # four wrong codes, two forgiven: the next one locks, but shorter
    window.allow_for(3600)
    window.request(ME)
    with pytest.raises(PairingRefused) as refused:
        window.confirm("000000", ME)
    assert (refused.value.reason, refused.value.retry_after_s) == ("locked", LOCKOUT_BASE_S)
    clock.now += 10 * FAILURE_DECAY_S
    assert guess_wrong_until_locked(window, clock, ME) == LOCKOUT_BASE_S  # all forgiven


# -- Hypothesis: any sequence of actions -------------------------------------------------------

actions = st.lists(st.one_of(
    st.tuples(st.just("request"), st.sampled_from([ME, STRANGER, "", "x" * 500])),
    st.tuples(st.just("confirm"), st.sampled_from([ME, STRANGER]), st.sampled_from(["123456", "000000", " 123456", "", "١٢٣٤٥٦"])),
    st.tuples(st.just("wait"), st.one_of(st.floats(0, 10 * FAILURE_DECAY_S), st.just(1e300))),  # monotonic
    st.tuples(st.just("allow"), st.one_of(st.floats(allow_nan=True), st.integers(-10**6, 10**6).map(float))),
), max_size=80)


@settings(max_examples=300, deadline=None)  # timed inside: a shared CI machine makes deadlines flaky
@given(actions)
def test_only_pairing_refused_escapes_and_locks_never_shrink(sequence):
    clock = Clock()
    window = PairingWindow(clock, lambda: "123456")
    started = time.monotonic()
    locked_until = {}
    for action, *args in sequence:
        if action == "wait":
            clock.now = min(clock.now + args[0], 1e15)
            continue
        if action == "allow":
            window.allow_for(args[0])
            continue
        source = args[0]
        try:
            window.request(source) if action == "request" else window.confirm(args[1], source)
        except PairingRefused as refused:
            assert math.isfinite(refused.retry_after_s) and refused.retry_after_s >= 0
            if refused.reason == "locked":
                until = clock.now + refused.retry_after_s
                assert until >= locked_until.get(source, 0) - 1e-6 * max(1.0, abs(until))  # never shortened
                locked_until[source] = until
                if action == "confirm":  # locked: the code it may have had is gone, or still someone else's
                    shown = window.shown_code
                    assert shown is None or shown.requested_by != source
        else:
            if action == "confirm":
                assert clock.now >= locked_until.get(source, -math.inf)  # never accepted while locked
    assert time.monotonic() - started < 2.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 3 * FAILURE_DECAY_S), max_size=200))
def test_lockout_arithmetic_never_raises_and_a_lock_never_shrinks(gaps):
    attempts, now, previous_end = Attempts(), 0.0, 0.0
    for gap in gaps:
        now += gap
        delay = attempts.record_failure(now)
        assert 0 <= delay <= LOCKOUT_MAX_S and 0 <= attempts.failures <= MAX_COUNTED_FAILURES
        assert attempts.locked_until >= previous_end
        previous_end = attempts.locked_until
