"""The request verifier under hostile input and concurrency: one pass per nonce whatever the threads,
timestamps parsed strictly, and only RequestRefused ever escapes."""

import base64
import hashlib
import threading
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from provisioning.signed_requests import (
    HEADERS,
    SKEW_S,
    NonceMemory,
    RequestRefused,
    RequestVerifier,
    parse_signed_headers,
    sign_request,
    signed_text,
)

ADMIN = Ed25519PrivateKey.generate()
NOW = 1_800_000_000.0


def verifier(clock=lambda: NOW, nonces: NonceMemory | None = None) -> RequestVerifier:
    return RequestVerifier(lambda name: ADMIN.public_key() if name == "admin-1" else None, clock, NonceMemory() if nonces is None else nonces)


def signed_with_timestamp(timestamp: str, nonce: str = "ab" * 16) -> dict[str, str]:
    """A request correctly signed over whatever timestamp text it carries (an attacker holding a key can)."""
    digest = hashlib.sha256(b"").hexdigest()
    signature = base64.b64encode(ADMIN.sign(signed_text("GET", "/status", timestamp, nonce, digest))).decode()
    return dict(zip(HEADERS, ("admin-1", timestamp, nonce, signature), strict=True))


@pytest.mark.parametrize("threads", [2, 16, 64])
def test_one_nonce_passes_once_whatever_the_threads(threads):
    check = verifier()
    for _ in range(20):
        headers = sign_request(ADMIN, "admin-1", "GET", "/status", now=NOW)
        start, passed, refused = threading.Barrier(threads), [], []

        def race(headers=headers, start=start, passed=passed, refused=refused) -> None:
            start.wait()
            try:
                passed.append(check.verify("GET", "/status", headers, b""))
            except RequestRefused as exc:
                refused.append(exc.reason)

        workers = [threading.Thread(target=race) for _ in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert len(passed) == 1 and refused == ["replayed"] * (threads - 1)


@pytest.mark.parametrize("timestamp", ["nan", "NaN", "inf", "-inf", "1e9", "1800000000e0", " 1800000000", "1800000000 ",
                                       "+1800000000", "-1800000000", "1_800_000_000", "0x6B49D200", "１８００００００００",
                                       "1800000000.", ".5", "1" * 13, "1800000000.1234567", "", "1800000000\n"])
def test_timestamps_that_are_not_plain_decimal_seconds_are_malformed(timestamp):
    with pytest.raises(RequestRefused) as refused:
        verifier().verify("GET", "/status", signed_with_timestamp(timestamp), b"")
    assert refused.value.reason in ("malformed", "missing")


def test_a_nan_timestamp_stays_refused_after_its_nonce_would_be_forgotten():
    now = [NOW]
    check = verifier(lambda: now[0])
    headers = signed_with_timestamp("nan")
    for _ in range(3):
        with pytest.raises(RequestRefused, match="malformed"):
            check.verify("GET", "/status", headers, b"")
        now[0] += 10 * SKEW_S


def test_a_good_request_passes_at_the_edges_of_the_skew_and_not_past_them():
    for offset, passes in ((SKEW_S, True), (-SKEW_S, True), (SKEW_S + 0.001, False), (-SKEW_S - 0.001, False)):
        headers = signed_with_timestamp(f"{NOW + offset:.3f}", nonce=f"{abs(offset):032.3f}".replace(".", "0"))
        if passes:
            assert verifier().verify("GET", "/status", headers, b"") == "admin-1"
        else:
            with pytest.raises(RequestRefused, match="stale"):
                verifier().verify("GET", "/status", headers, b"")


def test_a_full_nonce_memory_refuses_instead_of_forgetting_a_fresh_nonce():
    nonces = NonceMemory(max_nonces=10)
    check = verifier(nonces=nonces)
    sent = [sign_request(ADMIN, "admin-1", "GET", "/status", now=NOW) for _ in range(11)]
    for headers in sent[:10]:
        check.verify("GET", "/status", headers, b"")
    with pytest.raises(RequestRefused, match="busy"):
        check.verify("GET", "/status", sent[10], b"")
    with pytest.raises(RequestRefused, match="replayed"):
        check.verify("GET", "/status", sent[0], b"")  # still remembered


def test_a_clock_that_cannot_be_read_refuses():
    with pytest.raises(RequestRefused, match="stale"):
        verifier(lambda: float("nan")).verify("GET", "/status", sign_request(ADMIN, "admin-1", "GET", "/status", now=NOW), b"")


def test_a_key_lookup_that_fails_trusts_nobody():
    def broken(_name: str):
        raise ValueError("admins.json entry is not base64")

    with pytest.raises(RequestRefused, match="unknown-key"):
        RequestVerifier(broken, lambda: NOW).verify("GET", "/status", sign_request(ADMIN, "admin-1", "GET", "/status", now=NOW), b"")


header_text = st.one_of(st.text(max_size=120), st.from_regex(r"[0-9]{1,14}(\.[0-9]{0,8})?", fullmatch=True),
                        st.sampled_from(["nan", "inf", "1e9", "admin-1", "=" * 88]),
                        st.integers(-10**30, 10**30).map(str), st.floats().map(repr))


@settings(max_examples=300, deadline=None)  # timed inside: a shared CI machine makes deadlines flaky
@given(st.dictionaries(st.sampled_from([*HEADERS, *(h.lower() for h in HEADERS), "X-Other"]), header_text, max_size=6))
def test_any_headers_give_a_refusal_or_a_parse_and_nothing_else(headers):
    started = time.monotonic()
    try:
        parsed = parse_signed_headers(headers)
    except RequestRefused:
        return
    finally:
        assert time.monotonic() - started < 0.5
    assert len(parsed.signature) == 64 and parsed.sent_at == parsed.sent_at and parsed.sent_at < 10**13


@settings(max_examples=200, deadline=None)  # timed inside: a shared CI machine makes deadlines flaky
@given(timestamp=header_text, nonce=header_text, body=st.binary(max_size=64))
def test_the_verifier_only_ever_refuses_forged_or_odd_requests(timestamp, nonce, body):
    headers = dict(zip(HEADERS, ("admin-1", timestamp, nonce, "A" * 86 + "=="), strict=True))
    started = time.monotonic()
    with pytest.raises(RequestRefused):
        verifier().verify("PUT", "/flag", headers, body)
    assert time.monotonic() - started < 0.5


@settings(max_examples=200, deadline=None)  # timed inside: a shared CI machine makes deadlines flaky
@given(offset_s=st.floats(-1000, 1000, allow_nan=False), method=st.sampled_from(["GET", "PUT", "POST"]),
       body=st.binary(max_size=256))
def test_a_genuine_request_passes_exactly_when_its_time_is_within_the_skew(offset_s, method, body):
    headers = sign_request(ADMIN, "admin-1", method, "/flag", body, now=NOW + offset_s)
    sent_at = float(headers["X-Kiosk-Timestamp"])
    check = verifier()
    if abs(NOW - sent_at) <= SKEW_S:
        assert check.verify(method, "/flag", headers, body) == "admin-1"
        with pytest.raises(RequestRefused, match="replayed"):
            check.verify(method, "/flag", headers, body)
    else:
        with pytest.raises(RequestRefused, match="stale"):
            check.verify(method, "/flag", headers, body)
