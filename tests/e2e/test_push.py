"""Two real screens and kioskctl: push a signed bundle to both, status, rollback; bad pushes refused
with the screen unchanged."""

import http.client
import json
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from layouts.bundle import make_bundle
from provisioning.admin_key import load_or_create_admin_key
from provisioning.admins import PairedAdmins
from provisioning.devices import KnownDevice, KnownDevices
from provisioning.identity import load_or_create_identity
from tests.support.hostile_archives import end_of_archive, gzip_bytes, member
from tests.support.images import solid_png
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e


def text_layout(name: str) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 180},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                         "playlist": [{"kind": "text", "text": name, "duration_s": 30}]}]}


def kioskctl(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True, timeout=180, env=env)


@pytest.fixture
def two_screens(tmp_path: Path):
    home = tmp_path / "admin"
    admin = load_or_create_admin_key(home / "istres-kioskctl" / "admin.key")
    known = KnownDevices(home / "istres-kioskctl" / "devices.json")
    screens = []
    for name in ("plage", "mairie"):
        data = tmp_path / name
        identity = load_or_create_identity(data / "identity", name)
        PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "test")  # as if paired
        layout = tmp_path / f"{name}.json"
        layout.write_text(json.dumps(text_layout(f"before-{name}")))
        kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(data),
                              "--api-port", "0", "--api-host", "127.0.0.1", "--device-name", name], tmp_path)
        port = kiosk.wait_event("api_listening", timeout_s=60)["port"]
        kiosk.wait_event("layout_applied", timeout_s=60)
        known.save(KnownDevice(name, "127.0.0.1", port, identity.fingerprint_sha256))
        screens.append((name, kiosk, port, data))
    yield home, screens
    for _, kiosk, _, _ in screens:
        assert kiosk.stop() == 0


def make_bundle_folder(tmp_path: Path, layout: dict) -> Path:
    folder = tmp_path / "site"
    (folder / "media").mkdir(parents=True, exist_ok=True)
    (folder / "media" / "green.png").write_bytes(solid_png((0, 200, 0)))
    (folder / "layout.json").write_text(json.dumps(layout))
    return folder


def test_push_status_rollback_on_two_screens(two_screens, tmp_path: Path):
    home, screens = two_screens
    pushed = {"schema_version": 2, "name": "pushed", "screen": {"width": 320, "height": 180},
              "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                           "playlist": [{"kind": "image", "src": "media/green.png", "duration_s": 30}]}]}
    bundle = tmp_path / "pushed.tar.gz"
    assert kioskctl("bundle", str(make_bundle_folder(tmp_path, pushed)), "-o", str(bundle), home=home).returncode == 0
    result = kioskctl("push", str(bundle), "plage", "mairie", home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "plage: 200 on screen" in result.stdout and "mairie: 200 on screen" in result.stdout
    for _, kiosk, _, _ in screens:
        assert kiosk.named("layout_applied", layout="pushed")
        assert kiosk.named("item_shown", kind="image")
    status = json.loads(kioskctl("status", "plage", "--json", home=home).stdout)
    assert status["layout"] == "pushed" and status["on_screen"] == {"r": "1"}

    back = kioskctl("rollback", "plage", home=home)
    assert back.returncode == 0 and "before-plage" in back.stdout
    assert json.loads(kioskctl("status", "plage", "--json", home=home).stdout)["layout"] == "before-plage"
    assert json.loads(kioskctl("status", "mairie", "--json", home=home).stdout)["layout"] == "pushed"


def test_bad_pushes_are_refused_and_change_nothing(two_screens, tmp_path: Path):
    home, screens = two_screens
    name, kiosk, port, data = screens[0]
    invalid = make_bundle_folder(tmp_path, {"schema_version": 2, "name": "", "regions": []})
    bundle = tmp_path / "invalid.tar.gz"
    made = kioskctl("bundle", str(invalid), "-o", str(bundle), home=home)
    assert made.returncode == 1 and "$.name: must not be empty" in made.stderr and not bundle.exists()  # refused here first
    make_bundle(invalid, "layout.json", load_or_create_admin_key(home / "istres-kioskctl" / "admin.key"), bundle, check=False)
    refused = kioskctl("push", str(bundle), name, home=home)
    assert refused.returncode == 1 and "refused (422)" in refused.stderr and "$.name: must not be empty" in refused.stderr

    other_home = tmp_path / "other-admin"  # a key the screen never paired
    (other_home / "istres-kioskctl").mkdir(parents=True)
    (other_home / "istres-kioskctl" / "devices.json").write_text((home / "istres-kioskctl" / "devices.json").read_text())
    stranger = kioskctl("push", str(bundle), name, home=other_home)
    assert stranger.returncode == 3 and "HTTP 401" in stranger.stderr and "pair again" in stranger.stderr  # exit 3: not paired
    reason = stranger.stderr.split(f"{name}: ")[1].split(":")[0]
    assert stranger.stderr.count(f"{reason}: ") == 1, stranger.stderr  # the reason once, not "unknown-key: unknown-key: ..."

    hostile = tmp_path / "hostile.tar.gz"  # crashed the screen's reader (500) before issue 8
    hostile.write_bytes(gzip_bytes(member(b"\xff\x1b[2K\rvalid.png", b"x") + end_of_archive()))
    answer = kioskctl("push", str(hostile), name, home=home)
    assert answer.returncode == 1 and "refused (400): unsafe-path" in answer.stderr, answer.stderr
    assert "\x1b" not in answer.stderr and "\r" not in answer.stderr

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    headers = {"Content-Length": str(10 * 1024**3), "X-Kiosk-Key": "x", "X-Kiosk-Timestamp": "1", "X-Kiosk-Nonce": "n",
               "X-Kiosk-Signature": "AA=="}
    connection.putrequest("POST", "/layouts")
    for key, value in headers.items():
        connection.putheader(key, value)
    connection.endheaders()
    assert connection.getresponse().status == 401  # strangers are turned away before any upload
    connection.close()

    assert json.loads(kioskctl("status", name, "--json", home=home).stdout)["layout"] == f"before-{name}"
    assert list((data / "staging").iterdir()) == [] and list((data / "bundles").iterdir()) == []
