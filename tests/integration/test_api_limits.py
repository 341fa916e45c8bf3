"""The management API's limits over real HTTPS on loopback: bodies refused on their headers (memory
measured), pairing by strangers on other loopback addresses, and the lockout far past the old overflow."""

import base64
import http.client
import json
import os
import socket
import ssl
import threading
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.service_thread import ServiceThread
from layouts.bundle import key_id
from provisioning.admins import PairedAdmins
from provisioning.api import build_api
from provisioning.identity import load_or_create_identity
from provisioning.lockout import LOCKOUT_MAX_S
from provisioning.pairing import PairingWindow
from provisioning.push import BundleInbox
from provisioning.server import ApiServer
from provisioning.signed_requests import sign_request
from tests.integration.test_management_api import MAX_UPLOAD_FOR_TESTS, FakeScreen

ME, STRANGER = "127.0.0.1", "127.0.0.66"  # all of 127/8 is this machine: two "machines" on loopback
MiB = 1024 * 1024


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def api(tmp_path: Path):
    identity = load_or_create_identity(tmp_path / "identity", "test")
    screen, clock = FakeScreen(), Clock()
    admins = PairedAdmins(tmp_path / "identity" / "admins.json")
    app = build_api(screen, admins, PairingWindow(clock), identity.fingerprint_sha256,
                    BundleInbox(tmp_path / "device", MAX_UPLOAD_FOR_TESTS))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0)
    service.submit(server.start()).result(20)
    yield screen, clock, admins, server.port
    while Caller.open_callers:  # before the server stops: it waits for open connections
        Caller.open_callers.pop().close()
    service.submit(server.stop()).result(20)
    service.stop()


def _tls() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the tests are about the server; pinning is the client's
    return context


class Caller:
    """One machine on loopback (its own source address), with its own key, on one kept-alive connection."""

    open_callers: list["Caller"] = []

    def __init__(self, port: int, source: str = ME) -> None:
        self.port, self.source = port, source
        Caller.open_callers.append(self)
        self.key = Ed25519PrivateKey.generate()
        self._connection: http.client.HTTPSConnection | None = None

    def send(self, method: str, path: str, body: object = None, signed: bool = True, headers: dict | None = None):
        data = b"" if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json"} if body is not None else {}
        if signed:
            sent.update(sign_request(self.key, key_id(self.key.public_key()), method, path, data))
        sent.update(headers or {})
        for attempt in range(2):  # the server closes after a refusal: reconnect once
            if self._connection is None:
                self._connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=15, context=_tls(),
                                                               source_address=(self.source, 0))
            try:
                self._connection.request(method, path, body=data or None, headers=sent)
                response = self._connection.getresponse()
                answer = response.status, response.read(), response.getheader("Retry-After")
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return answer
            except (ConnectionError, http.client.RemoteDisconnected, http.client.CannotSendRequest):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def pair(self, code: str) -> tuple[int, bytes]:
        raw = self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        status, body, _ = self.send("POST", "/pairing/confirm", {"code": code, "public_key": base64.b64encode(raw).decode()})
        return status, body

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def rss_kib() -> int:
    status = Path(f"/proc/{os.getpid()}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))


def send_huge_body(port: int, method: str, path: str, total_bytes: int, extra_headers: str = "") -> tuple[bytes, int]:
    """Headers declaring ``total_bytes``, then zeros until the server answers or closes; (answer, bytes sent)."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    with _tls().wrap_socket(raw) as conn:
        conn.sendall(f"{method} {path} HTTP/1.1\r\nHost: screen\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {total_bytes}\r\n{extra_headers}\r\n".encode())
        chunk, sent, answer = b"\0" * (256 * 1024), 0, b""
        conn.settimeout(0.0)
        try:
            while sent < total_bytes:
                try:
                    answer += conn.recv(65536)
                    if answer:
                        break
                except ssl.SSLWantReadError:
                    pass
                try:
                    sent += conn.send(chunk[:total_bytes - sent])
                except (ssl.SSLWantWriteError, BlockingIOError):
                    time.sleep(0.001)
        except (ConnectionError, ssl.SSLError):
            pass
        conn.settimeout(10)
        try:
            while b"\r\n\r\n" not in answer:
                more = conn.recv(65536)
                if not more:
                    break
                answer += more
        except (ConnectionError, ssl.SSLError, TimeoutError):
            pass
    return answer, sent


@pytest.mark.parametrize(("method", "path"), [("GET", "/status"), ("PUT", "/flag"), ("POST", "/pairing/confirm"),
                                              ("POST", "/layouts")])
def test_a_200_mib_unsigned_body_is_refused_on_its_headers_without_memory_growth(api, method, path):
    screen, clock, admins, port = api
    send_huge_body(port, "GET", "/status", 1024)  # warm up the TLS and HTTP paths
    before = rss_kib()
    peak = [before]
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            peak[0] = max(peak[0], rss_kib())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        answer, sent = send_huge_body(port, method, path, 200 * MiB)
    finally:
        sampling.set()
        sampler.join()
    after = rss_kib()
    print(f"{method} {path}: RSS {before} KiB before, {peak[0]} KiB peak, {after} KiB after; "
          f"{sent / MiB:.1f} MiB sent before the answer: {answer.split(b'\r\n')[0]!r}")
    assert answer.startswith((b"HTTP/1.1 401", b"HTTP/1.1 413")), answer[:200]
    assert b"connection: close" in answer.lower()
    assert sent < 20 * MiB  # refused on the headers: the rest is never read
    assert peak[0] - before < 16 * 1024, (before, peak[0])


def test_a_200_mib_unsigned_push_is_refused_on_its_headers_under_the_real_bound(tmp_path: Path):
    """The push route takes 512 MB: a stranger's 200 MiB is turned away on its (unsigned) headers."""
    identity = load_or_create_identity(tmp_path / "identity", "test")
    app = build_api(FakeScreen(), PairedAdmins(tmp_path / "admins.json"), PairingWindow(Clock()),
                    identity.fingerprint_sha256, BundleInbox(tmp_path / "device"))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0)
    service.submit(server.start()).result(20)
    try:
        before = rss_kib()
        answer, sent = send_huge_body(server.port, "POST", "/layouts", 200 * MiB)
        after = rss_kib()
    finally:
        service.submit(server.stop()).result(20)
        service.stop()
    print(f"POST /layouts (512 MB bound): RSS {before} KiB before, {after} KiB after; "
          f"{sent / MiB:.1f} MiB sent before the answer: {answer.split(b'\r\n')[0]!r}")
    assert answer.startswith(b"HTTP/1.1 401") and sent < 20 * MiB and after - before < 16 * 1024
    assert list((tmp_path / "device" / "staging").iterdir()) == []


def test_bodies_are_bounded_on_their_headers_even_when_signed(api):
    screen, clock, admins, port = api
    caller = Caller(port)
    admins.add(caller.key.public_key(), "admin")
    big = {"flag": "red", "set_by": "x" * 5000}
    status, body, _ = caller.send("PUT", "/flag", big)
    assert status == 413 and b"1024-byte limit" in body
    status, body, _ = caller.send("GET", "/status", headers={"Transfer-Encoding": "chunked"})
    assert status in (400, 411)
    status, _, _ = caller.send("GET", "/status", headers={"Content-Length": "\u00b2"})
    assert status == 400
    status, _, _ = caller.send("GET", "/status")
    assert status == 200  # and the caller still works afterwards


def test_a_stalled_body_is_408_and_a_third_upload_503():
    import asyncio

    from provisioning.body_limits import BodyLimits

    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def scenario() -> list[int]:
        limits = BodyLimits(app, lambda method, path: 10 * MiB, upload_above_bytes=1024, max_uploads=2, idle_timeout_s=0.2)
        stall = asyncio.Event()
        statuses: list[int] = []

        async def receive():
            await stall.wait()
            return {"type": "http.request", "body": b"x", "more_body": False}

        def sender(into: list[int]):
            async def send(message):
                if message["type"] == "http.response.start":
                    into.append(message["status"])
            return send

        scope = {"type": "http", "method": "POST", "path": "/layouts", "headers": [(b"content-length", b"5000000")]}
        uploads = [asyncio.create_task(limits(scope, receive, sender(statuses))) for _ in range(2)]
        await asyncio.sleep(0.05)
        third: list[int] = []
        await limits(scope, receive, sender(third))
        await asyncio.gather(*uploads)
        return statuses + third

    assert sorted(asyncio.run(scenario())) == [408, 408, 503]


def test_pairing_is_closed_on_a_paired_screen_until_an_admin_opens_it(api):
    screen, clock, admins, port = api
    admin, stranger = Caller(port), Caller(port, STRANGER)
    admins.add(admin.key.public_key(), "admin")
    clock.now += 31 * 60  # the window of the first start is over anyway
    status, body, _ = stranger.send("POST", "/pairing/request", signed=False)
    assert status == 403 and b"closed" in body and screen.shown_code is None
    assert stranger.send("POST", "/pairing/allow")[0] == 401
    status, body, _ = admin.send("POST", "/pairing/allow")
    assert status == 200 and json.loads(body)["open_for_s"] == 600
    assert stranger.send("POST", "/pairing/request", signed=False)[0] == 200
    assert screen.shown_code and screen.requested_by == STRANGER


def test_a_stranger_cannot_replace_guess_or_lock_out_the_code_of_the_person_at_the_screen(api):
    screen, clock, admins, port = api
    me, stranger = Caller(port, ME), Caller(port, STRANGER)
    assert me.send("POST", "/pairing/request", signed=False)[0] == 200
    code = screen.shown_code
    status, body, _ = stranger.send("POST", "/pairing/request", signed=False)
    assert status == 409 and b"busy" in body and screen.shown_code == code
    statuses = {stranger.pair(guess)[0] for guess in ("000000", "111111", code, code, "222222")}
    assert statuses <= {409, 429} and screen.shown_code == code  # no guess counts against my code
    status, _ = me.pair(code)
    assert status == 200 and screen.shown_code is None


def test_asking_for_codes_is_rate_limited(api):
    screen, clock, admins, port = api
    me = Caller(port, ME)
    answers = [me.send("POST", "/pairing/request", signed=False) for _ in range(5)]
    assert [a[0] for a in answers] == [200, 200, 200, 429, 429] and int(answers[3][2]) > 0


def test_past_the_old_overflow_through_the_api_nothing_is_500_and_the_code_never_passes(api):
    """1,100 lockouts of one address through the real API, the injected clock moved past each."""
    screen, clock, admins, port = api
    stranger, admin = Caller(port, STRANGER), Caller(port)
    admins.add(admin.key.public_key(), "admin")
    statuses: dict[int, int] = {}
    for _ in range(1_100):
        clock.now += LOCKOUT_MAX_S + 1
        status, _, _ = stranger.send("POST", "/pairing/request", signed=False)
        if status == 403:  # closed since the last round: an administrator opens it again
            allowed = admin.send("POST", "/pairing/allow")
            assert allowed[0] == 200, allowed
            status, _, _ = stranger.send("POST", "/pairing/request", signed=False)
        assert status == 200
        code = screen.shown_code
        for guess in ("000000", "000001", "000002"):
            status, body = stranger.pair(guess if guess != code else "999999")
            statuses[status] = statuses.get(status, 0) + 1
            assert status in (403, 429), body
            if status == 429:
                break
        assert screen.shown_code is None  # withdrawn at each lockout
        status, _ = stranger.pair(code)
        assert status == 429  # the right code, while locked
    assert statuses[429] == 1_100 and 500 not in statuses
    clock.now += LOCKOUT_MAX_S + 1
    assert stranger.send("POST", "/pairing/request", signed=False)[0] in (200, 403)


def test_connections_that_never_finish_their_headers_are_closed_and_their_places_freed(tmp_path: Path):
    from provisioning.server import MAX_CONNECTIONS

    identity = load_or_create_identity(tmp_path / "identity", "test")
    admins = PairedAdmins(tmp_path / "admins.json")
    app = build_api(FakeScreen(), admins, PairingWindow(Clock()), identity.fingerprint_sha256, BundleInbox(tmp_path / "device"))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0, header_timeout_s=1.0)
    service.submit(server.start()).result(20)
    admin = Caller(server.port)
    admins.add(admin.key.public_key(), "admin")
    slow = []
    try:
        for _ in range(MAX_CONNECTIONS):  # a slowloris: every place taken by headers that never end
            conn = _tls().wrap_socket(socket.create_connection(("127.0.0.1", server.port), timeout=10))
            conn.sendall(b"GET /status HTTP/1.1\r\nHost: screen\r\n")
            slow.append(conn)
        assert admin.send("GET", "/status")[0] == 503  # the API is full...
        admin.close()
        time.sleep(1.5)
        for conn in slow:
            assert conn.recv(1024) == b""  # ...until the server closed them
        assert admin.send("GET", "/status")[0] == 200
    finally:
        for conn in slow:
            conn.close()
        admin.close()
        service.submit(server.stop()).result(20)
        service.stop()


def test_a_pairing_that_fails_on_the_screen_registers_nobody_and_leaves_no_code(tmp_path: Path):
    """The admins file cannot be written (it is a directory): the right code is refused 503, used up."""
    identity = load_or_create_identity(tmp_path / "identity", "test")
    (tmp_path / "admins.json").mkdir()
    screen, admins = FakeScreen(), PairedAdmins(tmp_path / "admins.json")
    app = build_api(screen, admins, PairingWindow(Clock()), identity.fingerprint_sha256, BundleInbox(tmp_path / "device"))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0)
    service.submit(server.start()).result(20)
    me = Caller(server.port)
    try:
        assert me.send("POST", "/pairing/request", signed=False)[0] == 200
        code = screen.shown_code
        status, body = me.pair(code)
        assert status == 503 and b"withdrawn" in body and screen.shown_code is None
        assert me.send("GET", "/status")[0] == 401  # nobody was registered
        assert me.pair(code)[0] in (409, 429)  # and the code is gone
    finally:
        me.close()
        service.submit(server.stop()).result(20)
        service.stop()
