"""``kioskctl alert send|list|cancel`` against a real screen, and the API's refusals of bad alert requests."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from provisioning.admin_key import load_or_create_admin_key
from provisioning.admins import PairedAdmins
from provisioning.client import DeviceClient
from provisioning.devices import KnownDevice, KnownDevices
from provisioning.identity import load_or_create_identity
from provisioning.signed_requests import sign_request
from tests.e2e.test_alerts import text_layout
from tests.support.cap import FIXTURE
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def kioskctl(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True, timeout=120,
                          env=env, cwd=ROOT)


def test_kioskctl_alerts_and_api_refusals(tmp_path: Path):
    home, data = tmp_path / "home", tmp_path / "data"
    admin = load_or_create_admin_key(home / "istres-kioskctl" / "admin.key")
    identity = load_or_create_identity(data / "identity", "mairie")
    PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "kioskctl")
    kiosk = KioskProcess(["run", "--layout", str(text_layout(tmp_path / "layout.json")), "--windowed", "--data-dir", str(data),
                          "--api-port", "0", "--api-host", "127.0.0.1", "--zone", "13047"], tmp_path)
    try:
        port = kiosk.wait_event("api_listening", timeout_s=90)["port"]
        kiosk.wait_event("layout_applied", timeout_s=90)
        KnownDevices(home / "istres-kioskctl" / "devices.json").save(KnownDevice("mairie", "127.0.0.1", port, identity.fingerprint_sha256))
        old = kioskctl("alert", "send", str(FIXTURE), "--device", "mairie", home=home)
        assert old.returncode == 1 and "expired on arrival" in old.stderr, old.stdout + old.stderr
        sent = kioskctl("alert", "send", "--device", "mairie", "--identifier", "evac-1", "--headline", "Évacuation de la mairie",
                        "--headline-en", "Town hall evacuation", "--instruction", "Sortez par l'escalier nord.",
                        "--area", "Hôtel de ville", "--zone", "13047", "--expires", "1h", "--severity", "Extreme", home=home)
        assert sent.returncode == 0 and "shown evac-1" in sent.stdout, sent.stdout + sent.stderr
        kiosk.wait_event("alert_drawn", alert_id="evac-1", kind="shown", timeout_s=10)
        update = kioskctl("alert", "send", "--device", "mairie", "--identifier", "evac-2", "--replaces", "evac-1",
                          "--headline", "Évacuation terminée, restez dehors", "--area", "Hôtel de ville", "--zone", "13047",
                          "--expires", "30m", home=home)
        assert update.returncode == 0 and "lifted evac-1" in update.stdout and "updated evac-2" in update.stdout, update.stdout
        listed = kioskctl("alert", "list", "--device", "mairie", home=home)
        assert "evac-2" in listed.stdout and "ON SCREEN" in listed.stdout and "evac-1" not in listed.stdout
        assert json.loads(kioskctl("alert", "list", "--device", "mairie", "--json", home=home).stdout)["mairie"]["alerts"][0]["id"] == "evac-2"
        cancelled = kioskctl("alert", "cancel", "evac-2", "--device", "mairie", home=home)
        assert cancelled.returncode == 0 and "lifted" in cancelled.stdout
        kiosk.wait_event("alert_drawn", alert_id="evac-2", kind="cleared", timeout_s=10)
        again = kioskctl("alert", "cancel", "evac-2", "--device", "mairie", home=home)
        assert again.returncode == 1 and "not lifted (404)" in again.stderr

        client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin)
        bad = client.request("POST", "/alerts", {"cap": "<alert xmlns='urn:oasis:names:tc:emergency:cap:1.1'/>"})
        assert bad.status == 422 and bad.json()["where"] == "alert" and "namespace" in bad.json()["detail"]
        assert client.request("POST", "/alerts", {"nope": 1}).status == 422
        stranger = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
        assert stranger.request("POST", "/alerts", {"cap": FIXTURE.read_text()}).status == 401
        assert stranger.request("GET", "/alerts").status == 401
        huge = json.dumps({"cap": "x" * (2 * 1024 * 1024)}).encode()
        headers = {"Content-Type": "application/json", **sign_request(admin, client._key_name, "POST", "/alerts", huge)}
        assert client._send("POST", "/alerts", huge, headers).status == 413  # refused on its Content-Length
        assert client.request("GET", "/alerts").json() == {"alerts": []}
        assert os.path.exists(data / "alerts.json")
    finally:
        assert kiosk.stop() == 0
