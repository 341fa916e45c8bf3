"""The real kiosk process with its management API: a paired administrator reads status, sets the
beach flag and takes a screenshot; a stranger gets 401."""

import json
import time
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


def assert_pairing_card_covers_nothing(png: bytes, tmp_path: Path) -> None:
    """The layout is scaled into the space above the card's band: black bars at its sides, the card below."""
    (tmp_path / "pairing.png").write_bytes(png)
    image = QImage(str(tmp_path / "pairing.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    side = image.pixelColor(20, 500)
    assert (side.red(), side.green(), side.blue()) == (0, 0, 0), "the layout was not made room for"
    navy = sum(1 for x in range(1000, 1900, 10) for y in range(990, 1070, 5)
               if (c := image.pixelColor(x, y)) and abs(c.red() - 16) < 12 and abs(c.green() - 28) < 12 and abs(c.blue() - 43) < 12)
    assert navy > 0.4 * 90 * 16, f"the pairing card is not in the bottom band ({navy} card pixels)"


def test_no_qml_warning_when_the_api_is_off(tmp_path: Path):
    kiosk = KioskProcess(["run", "--layout", str(demo_layout_path()), "--windowed", "--data-dir", str(tmp_path / "data"),
                          "--exit-after", "4"], tmp_path)
    try:
        kiosk.wait_event("layout_applied", timeout_s=60)
    finally:
        assert kiosk.stop() == 0
    stderr = "".join(path.read_text(errors="replace") for path in tmp_path.glob("kiosk-stderr-*.txt"))
    assert "ReferenceError" not in stderr and "is not defined" not in stderr, stderr[-2000:]


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
        closed = stranger.request("POST", "/pairing/request", signed=False)
        assert closed.status == 403 and b"closed" in closed.body  # a paired screen pairs only when an admin opens it
        assert client.request("POST", "/pairing/allow").json()["open_for_s"] == 600
        assert stranger.request("POST", "/pairing/request", signed=False).status == 200
        kiosk.wait_event("pairing_code_shown", requested_by="127.0.0.1", timeout_s=10)
        time.sleep(0.5)  # the next frame has the card
        assert_pairing_card_covers_nothing(client.request("GET", "/screenshot").body, tmp_path)
    finally:
        assert kiosk.stop() == 0
    assert not kiosk.named("flag_changed", flag="green")
    assert kiosk.named("api_stopped")
    assert not [e for e in kiosk.events if e.get("level") in ("error", "critical")], json.dumps(
        [e for e in kiosk.events if e.get("level") == "error"])[:2000]
