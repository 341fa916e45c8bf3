"""The real kiosk process with its management API: a paired administrator reads status, sets the
beach flag and takes a screenshot; a stranger gets 401."""

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtGui import QImage

from kiosk.cli import demo_layout_path
from provisioning.admins import PairedAdmins
from provisioning.client import DeviceClient
from provisioning.identity import load_or_create_identity
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e


def test_status_flag_and_screenshot_through_the_api(tmp_path: Path):
    data = tmp_path / "data"
    identity = load_or_create_identity(data / "identity", "Plage")  # made as the screen would on first start
    admin = Ed25519PrivateKey.generate()
    PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "test admin")  # as if paired
    kiosk = KioskProcess(["run", "--layout", str(demo_layout_path()), "--windowed", "--data-dir", str(data),
                          "--api-port", "0", "--api-host", "127.0.0.1", "--device-name", "Plage"], tmp_path)
    try:
        port = kiosk.wait_event("api_listening", timeout_s=60)["port"]
        kiosk.wait_event("layout_applied", timeout_s=60)
        client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin)
        status = client.request("GET", "/status")
        assert status.status == 200, status.body
        body = status.json()
        assert body["layout"] == "Démonstration Istres" and body["device_name"] == "Plage"
        assert set(body["on_screen"]) == {"photos", "horloge", "agenda", "bandeau"}
        assert client.request("PUT", "/flag", {"flag": "red", "set_by": "DSI"}).status == 200
        kiosk.wait_event("flag_changed", flag="red", timeout_s=10)
        shot = client.request("GET", "/screenshot")
        assert shot.status == 200
        (tmp_path / "shot.png").write_bytes(shot.body)
        assert QImage(str(tmp_path / "shot.png")).width() == 1920
        tail = client.request("GET", "/logs?lines=20").json()["lines"]
        assert any('"event": "flag_changed"' in line for line in tail)
        assert client.request("POST", "/reload").json()["applied"] is True
        stranger = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
        assert stranger.request("PUT", "/flag", {"flag": "green", "set_by": "x"}).status == 401
        assert stranger.request("POST", "/pairing/request", signed=False).status == 200
        kiosk.wait_event("pairing_code_shown", timeout_s=10)
    finally:
        assert kiosk.stop() == 0
    assert not kiosk.named("flag_changed", flag="green")
    assert kiosk.named("api_stopped")
    assert not [e for e in kiosk.events if e.get("level") in ("error", "critical")], json.dumps(
        [e for e in kiosk.events if e.get("level") == "error"])[:2000]
