import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from provisioning.pairing import CODE_TTL_S, PairingRefused, PairingWindow
from provisioning.signed_requests import RequestRefused, RequestVerifier, sign_request


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


ME, STRANGER = "10.0.0.2", "10.0.0.66"


def opened(clock: Clock, code: str = "123456") -> PairingWindow:
    window = PairingWindow(clock, lambda: code)
    window.allow_for(3600)
    return window


def test_the_right_code_pairs_once_and_codes_expire():
    clock = Clock()
    window = opened(clock)
    window.request(ME)
    window.confirm(" 123456 ", ME)
    with pytest.raises(PairingRefused, match="closed"):
        window.request(ME)  # a pairing closes pairing again
    window.allow_for(600)
    window.request(ME)
    clock.now += CODE_TTL_S + 1
    assert window.shown_code is None
    with pytest.raises(PairingRefused, match="no-code"):
        window.confirm("123456", ME)


def test_brute_force_locks_pairing_with_growing_delays():
    clock = Clock()
    window = opened(clock)
    window.request(ME)
    for _ in range(2):
        with pytest.raises(PairingRefused, match="wrong-code"):
            window.confirm("000000", ME)
    with pytest.raises(PairingRefused) as locked:
        window.confirm("000001", ME)
    assert locked.value.reason == "locked" and locked.value.retry_after_s == 30
    assert window.shown_code is None  # withdrawn: a new code is needed
    with pytest.raises(PairingRefused, match="locked"):
        window.request(ME)
    with pytest.raises(PairingRefused, match="locked"):
        window.confirm("123456", ME)  # even the right code waits
    clock.now += 31
    window.request(ME)
    with pytest.raises(PairingRefused) as again:
        window.confirm("999999", ME)
    assert again.value.retry_after_s == 60  # doubled


def test_codes_are_six_random_digits():
    codes = set()
    for _ in range(50):
        window = PairingWindow(Clock())
        window.allow_for(60)
        codes.add(window.request(ME).code)
    assert all(len(c) == 6 and c.isdigit() for c in codes) and len(codes) > 40


ADMIN = Ed25519PrivateKey.generate()


def verifier(clock: Clock) -> RequestVerifier:
    return RequestVerifier(lambda name: ADMIN.public_key() if name == "admin-1" else None, clock)


def test_a_signed_request_passes_once_and_a_replay_is_refused():
    clock = Clock()
    check = verifier(clock)
    headers = sign_request(ADMIN, "admin-1", "POST", "/flag", b'{"flag": "red"}', now=clock.now)
    assert check.verify("POST", "/flag", headers, b'{"flag": "red"}') == "admin-1"
    with pytest.raises(RequestRefused, match="replayed"):
        check.verify("POST", "/flag", headers, b'{"flag": "red"}')


@pytest.mark.parametrize(("change", "reason"), [
    (lambda h, b: ("POST", "/flag", h, b'{"flag": "green"}'), "bad-signature"),  # body changed
    (lambda h, b: ("POST", "/reload", h, b), "bad-signature"),  # path changed
    (lambda h, b: ("POST", "/flag", {**h, "X-Kiosk-Key": "stranger"}, b), "unknown-key"),
    (lambda h, b: ("POST", "/flag", {k: v for k, v in h.items() if k != "X-Kiosk-Nonce"}, b), "missing"),
    (lambda h, b: ("POST", "/flag", {**h, "X-Kiosk-Signature": "%%%"}, b), "malformed"),
    (lambda h, b: ("POST", "/flag", {**h, "X-Kiosk-Timestamp": "nan"}, b), "malformed"),
])
def test_tampered_or_unsigned_requests_are_refused(change, reason):
    clock = Clock()
    body = b'{"flag": "red"}'
    headers = sign_request(ADMIN, "admin-1", "POST", "/flag", body, now=clock.now)
    with pytest.raises(RequestRefused) as caught:
        verifier(clock).verify(*change(headers, body))
    assert caught.value.reason == reason


def test_old_or_future_timestamps_are_refused():
    clock = Clock()
    late = sign_request(ADMIN, "admin-1", "GET", "/status", now=clock.now - 120)
    with pytest.raises(RequestRefused, match="stale"):
        verifier(clock).verify("GET", "/status", late, b"")
    early = sign_request(ADMIN, "admin-1", "GET", "/status", now=clock.now + 120)
    with pytest.raises(RequestRefused, match="stale"):
        verifier(clock).verify("GET", "/status", early, b"")
    forged_key = Ed25519PrivateKey.generate()
    with pytest.raises(RequestRefused, match="bad-signature"):
        verifier(clock).verify("GET", "/status", sign_request(forged_key, "admin-1", "GET", "/status", now=clock.now), b"")


@pytest.mark.parametrize("stored", ['[1, 2]', '{"k": 5}', '{"k": {"public_key": "!!"}}', '{"k": {"public_key": "AAAA"}}',
                                    'NaN', '{"k": {"public_key": null}}'])
def test_a_damaged_admins_file_trusts_nobody(tmp_path, stored):
    from provisioning.admins import PairedAdmins

    (tmp_path / "admins.json").write_text(stored)
    admins = PairedAdmins(tmp_path / "admins.json")
    assert admins.public_key("k") is None and admins.trusted() == {}
    with pytest.raises(RequestRefused, match="unknown-key"):
        RequestVerifier(admins.public_key, lambda: 1_000_000.0).verify(
            "GET", "/status", sign_request(ADMIN, "k", "GET", "/status", now=1_000_000.0), b"")
