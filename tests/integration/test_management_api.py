"""The management API over real HTTPS on loopback (uvicorn in the service thread), with a fake screen."""

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.service_thread import ServiceThread
from layouts.errors import LayoutStoreError
from provisioning.admins import PairedAdmins
from provisioning.api import build_api
from provisioning.client import DeviceClient, DeviceError
from provisioning.identity import load_or_create_identity
from provisioning.pairing import PairingWindow
from provisioning.push import BundleInbox
from provisioning.server import ApiServer


class FakeScreen:
    def __init__(self) -> None:
        self.shown_code: str | None = None
        self.flag = "none"

    async def status(self) -> dict[str, Any]:
        return {"layout": "demo", "flag": self.flag}

    async def screenshot_png(self) -> bytes:
        return b"\x89PNG\r\n\x1a\nfake"

    async def send(self, command: object) -> int:
        self.flag = command.flag
        return 1

    def show_pairing(self, code: str | None, fingerprint: str, requested_by: str = "", expires_in_s: float = 120.0) -> None:
        self.shown_code = code
        self.requested_by = requested_by

    def log_tail(self, lines: int) -> list[str]:
        return [f"line {i}" for i in range(lines)]

    async def reload(self) -> dict[str, Any]:
        return {"layout": "demo", "applied": True}

    async def rollback(self) -> dict[str, Any]:
        raise LayoutStoreError("nothing to roll back to in /data/layouts")

    async def layouts(self) -> dict[str, Any]:
        return {"current": "demo", "last-good": "demo", "on_screen": "demo"}


MAX_UPLOAD_FOR_TESTS = 256 * 1024


@pytest.fixture
def device(tmp_path: Path):
    identity = load_or_create_identity(tmp_path / "identity", "test")
    screen = FakeScreen()
    app = build_api(screen, PairedAdmins(tmp_path / "identity" / "admins.json"), PairingWindow(time.monotonic),
                    identity.fingerprint_sha256, BundleInbox(tmp_path / "device", MAX_UPLOAD_FOR_TESTS))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0)
    service.submit(server.start()).result(20)
    yield screen, identity, server.port
    service.submit(server.stop()).result(20)
    service.stop()


def paired_client(screen: FakeScreen, identity, port: int) -> DeviceClient:
    client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    assert client.request("POST", "/pairing/request", signed=False).status == 200
    assert screen.shown_code is not None and len(screen.shown_code) == 6
    client.pair(screen.shown_code, "laptop DSI")
    assert screen.shown_code is None  # the code leaves the screen once used
    return client


def test_pair_then_signed_calls_work(device):
    screen, identity, port = device
    client = paired_client(screen, identity, port)
    assert client.request("GET", "/status").json() == {"layout": "demo", "flag": "none"}
    assert client.request("PUT", "/flag", {"flag": "red", "set_by": "Poste"}).status == 200
    assert screen.flag == "red"
    assert client.request("GET", "/screenshot").body.startswith(b"\x89PNG")
    assert client.request("GET", "/logs?lines=5000").json()["lines"][-1] == "line 999"  # bounded
    nothing_before = client.request("POST", "/layouts/rollback")
    assert nothing_before.status == 409 and b"nothing to roll back" in nothing_before.body


def test_strangers_get_401_and_change_nothing(device):
    screen, identity, port = device
    paired_client(screen, identity, port)
    stranger = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    assert stranger.request("GET", "/status", signed=False).status == 401
    assert stranger.request("GET", "/status").status == 401  # signed, but not paired
    assert stranger.request("PUT", "/flag", {"flag": "red", "set_by": "x"}).status == 401
    assert stranger.request("PUT", "/flag", {"flag": "purple"}, signed=False).status == 401  # 401 before any 422
    assert screen.flag == "none"


def test_a_replayed_request_is_refused(device):
    screen, identity, port = device
    client = paired_client(screen, identity, port)
    assert client.request("PUT", "/flag", {"flag": "yellow", "set_by": "Poste"}).status == 200
    screen.flag = "green"
    replay = client.request("PUT", "/flag", {"flag": "yellow", "set_by": "Poste"}, auth_headers=client.last_auth_headers)
    assert replay.status == 401 and b"replayed" in replay.body
    assert screen.flag == "green"


def test_brute_forcing_the_code_locks_pairing(device):
    screen, identity, port = device
    guesser = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    guesser.request("POST", "/pairing/request", signed=False)
    real = screen.shown_code
    wrong = "000000" if real != "000000" else "111111"
    statuses = []
    for _ in range(3):
        with pytest.raises(DeviceError) as refused:
            guesser.pair(wrong, "guess")
        statuses.append(refused.value.status)
    assert statuses == [403, 403, 429]
    with pytest.raises(DeviceError) as locked:
        guesser.pair(real, "now right")  # the right code, too late
    assert locked.value.status in (409, 429)
    assert guesser.request("POST", "/pairing/request", signed=False).status == 429


def test_the_certificate_is_pinned_and_revocation_works(device):
    screen, identity, port = device
    client = paired_client(screen, identity, port)
    impostor = DeviceClient("127.0.0.1", port, "00" * 32, Ed25519PrivateKey.generate())
    with pytest.raises(DeviceError, match="not the screen you meant: it presented certificate .*, you paired with 0000 0000"):
        impostor.request("GET", "/status")
    name = client.request("GET", "/status") and client._key_name  # noqa: SLF001 - the key id it paired as
    last = client.request("DELETE", f"/admins/{name}")
    assert last.status == 409 and b"last administrator" in last.body  # not by accident
    assert client.request("GET", "/status").status == 200
    assert client.request("DELETE", f"/admins/{name}?force=true").json() == {"removed": True}
    assert client.request("GET", "/status").status == 401


def test_the_openapi_description_lists_the_routes(device):
    screen, identity, port = device
    spec = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate()).request(
        "GET", "/openapi.json", signed=False).json()
    assert {"/pairing/request", "/pairing/confirm", "/status", "/screenshot", "/flag", "/admins/{name}"} <= set(spec["paths"])


def kioskctl(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True, timeout=60, env=env)


def test_kioskctl_pair_status_flag_screenshot(device, tmp_path: Path):
    screen, identity, port = device
    opener = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    opener.request("POST", "/pairing/request", signed=False)  # the screen now shows a code
    home = tmp_path / "admin-home"
    paired = kioskctl("pair", f"127.0.0.1:{port}", "--fingerprint", identity.fingerprint_sha256, "--name", "plage",
                      "--code", screen.shown_code, home=home)
    assert paired.returncode == 0, paired.stderr
    status = kioskctl("status", "plage", "--json", home=home)
    assert status.returncode == 0 and json.loads(status.stdout)["layout"] == "demo"
    assert kioskctl("flag", "plage", "violet", home=home).returncode == 0 and screen.flag == "violet"
    shot = kioskctl("screenshot", "plage", "-o", str(tmp_path / "s.png"), home=home)
    assert shot.returncode == 0 and (tmp_path / "s.png").read_bytes().startswith(b"\x89PNG")
    unknown = kioskctl("status", "nowhere", home=home)
    assert unknown.returncode == 1 and "not paired yet" in unknown.stderr
    other_admin = kioskctl("status", "plage", "--key", str(tmp_path / "other.key"), home=home)
    assert other_admin.returncode == 3 and "HTTP 401" in other_admin.stderr


def test_malformed_pairing_confirmations_are_refused_not_500(device):
    screen, identity, port = device
    client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    for body in ([], {"code": 1}, {"code": "123456", "public_key": "!" * 44}):
        assert client.request("POST", "/pairing/confirm", body, signed=False).status == 401  # on the headers
        assert client.request("POST", "/pairing/confirm", body).status == 422  # signed: the body is read
    assert client._send("POST", "/pairing/confirm", None, {}).status == 401  # noqa: SLF001 - no body, no signature


def test_an_oversized_push_is_413_and_nothing_is_kept(device, tmp_path: Path):
    screen, identity, port = device
    client = paired_client(screen, identity, port)
    big = tmp_path / "big.tar.gz"
    big.write_bytes(b"\0" * (MAX_UPLOAD_FOR_TESTS + 1))
    assert client.push(big).status == 413
    assert list((tmp_path / "device" / "staging").iterdir()) == []
