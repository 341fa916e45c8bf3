"""The fleet at a glance with three real screens (``kiosk run`` on loopback): one table, asked in
parallel; one screen stopped mid-test (SIGSTOP: it accepts connections but never answers) shows
"unreachable" within the per-screen timeout while the others answer at once. Then the admin verbs
on a real screen: admins, logs --follow, revoke (the last key refused without --force)."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.fingerprints import key_id
from provisioning.admins import PairedAdmins
from provisioning.identity import load_or_create_identity
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e
TIMEOUT_S = 2.0


def kioskctl(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True, timeout=120, env=env)


def start_screen(tmp_path: Path, name: str, admin: Ed25519PrivateKey, missing: bool = False) -> tuple[KioskProcess, str]:
    data = tmp_path / name
    identity = load_or_create_identity(data / "identity", name)  # as the screen makes it on first start
    PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "DSI")  # as if paired
    layout = tmp_path / f"{name}.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": f"accueil-{name}", "screen": {"width": 320, "height": 180},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                                               "playlist": [{"kind": "text", "text": name}] + (
                                                   [{"kind": "image", "id": "plan", "src": "media/absent.png"}] if missing else [])}]}))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(data), "--api-port", "0",
                          "--api-host", "127.0.0.1", "--device-name", name, "--role", "signage"], tmp_path)
    return kiosk, identity.fingerprint_sha256


def test_three_screens_in_one_table_one_stopped_does_not_slow_the_others(tmp_path: Path):
    home = tmp_path / "admin"
    admin = Ed25519PrivateKey.generate()
    (home / "istres-kioskctl").mkdir(parents=True)
    (home / "istres-kioskctl" / "admin.key").write_bytes(admin.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    screens = {name: start_screen(tmp_path, name, admin, missing=name == "mairie") for name in ("hall", "plage", "mairie")}
    try:
        devices = {}
        for name, (kiosk, fp) in screens.items():
            port = kiosk.wait_event("api_listening", timeout_s=90)["port"]
            kiosk.wait_event("layout_applied", timeout_s=90)
            devices[name] = {"name": name, "host": "127.0.0.1", "port": port, "fingerprint_sha256": fp}
        (home / "istres-kioskctl" / "devices.json").write_text(json.dumps(devices))
        time.sleep(1.5)  # a status snapshot is published once a second

        answered = kioskctl("status", "--json", "--timeout", str(TIMEOUT_S), home=home)
        assert answered.returncode == 0, answered.stderr
        rows = {row["name"]: row for row in json.loads(answered.stdout)}
        mairie = rows["mairie"]["status"]
        assert rows["mairie"]["health"] == "degraded" and "1 item(s) could not be had" in mairie["health"]["reasons"]
        assert [(i["region"], i["item"]) for i in mairie["unavailable_items"]] == [("r", "plan")]
        assert "absent.png" in mairie["unavailable_items"][0]["reason"]
        for name in screens:
            status = rows[name]["status"]
            assert rows[name]["health"] == ("degraded" if name == "mairie" else "ok"), status["health"]
            assert status["layout"] == f"accueil-{name}" and status["layout_since"]
            assert status["frames"]["frames_total"] >= 1 and status["frames"]["last_frame_age_s"] is not None
            assert status["memory_rss_kib"] > 10_000 and status["disk_free_mib"] > 0 and status["restarts_since_boot"] == 0
        table = kioskctl("status", "--timeout", str(TIMEOUT_S), home=home)
        assert table.returncode == 0 and len(table.stdout.splitlines()) == 4 and "accueil-plage" in table.stdout
        assert "degraded" in next(line for line in table.stdout.splitlines() if line.startswith("mairie"))

        screens["plage"][0].send(signal.SIGSTOP)  # stopped mid-test: the kernel still accepts, nobody answers
        started = time.monotonic()
        stopped = kioskctl("status", "--json", "--timeout", str(TIMEOUT_S), home=home)
        took_s = time.monotonic() - started
        rows = {row["name"]: row for row in json.loads(stopped.stdout)}
        assert stopped.returncode == 4 and rows["plage"]["health"] == "unreachable", stopped.stdout
        assert rows["hall"]["health"] == "ok" and rows["mairie"]["health"] == "degraded"
        assert rows["hall"]["took_s"] < 1.0 and rows["mairie"]["took_s"] < 1.0  # not waiting for plage
        print(f"fleet status with one screen stopped: {took_s:.2f} s in all, others {rows['hall']['took_s']} s and {rows['mairie']['took_s']} s")
        assert took_s < 2 * TIMEOUT_S + 3.0, took_s  # one timeout (connect, then answer) + the interpreter's start
        screens["plage"][0].send(signal.SIGCONT)
        _admin_verbs_on_a_real_screen(home, admin, screens["hall"][0])
    finally:
        for kiosk, _fp in screens.values():
            kiosk.send(signal.SIGCONT)
            assert kiosk.stop() == 0


def _admin_verbs_on_a_real_screen(home: Path, admin: Ed25519PrivateKey, kiosk: KioskProcess) -> None:
    listed = kioskctl("admins", "hall", "--json", home=home)
    rows = json.loads(listed.stdout)["admins"]
    assert [r["key"] for r in rows] == [key_id(admin.public_key())] and rows[0]["label"] == "DSI"
    assert rows[0]["last_used"] is not None  # the status calls above were signed by it
    follow = subprocess.Popen([sys.executable, "-m", "provisioning.cli", "logs", "hall", "-n", "0", "--follow", "--for", "6"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)})
    time.sleep(2.0)
    kiosk.send(signal.SIGHUP)  # the screen logs a reload while we follow
    out, err = follow.communicate(timeout=60)
    assert follow.returncode == 0 and "Traceback" not in err, err
    assert any(" INFO     reload  reason=SIGHUP" in line for line in out.splitlines()), out
    refused = kioskctl("revoke", "hall", key_id(admin.public_key()), home=home)
    assert refused.returncode == 1 and "last administrator key" in refused.stderr
    assert kioskctl("status", "hall", home=home).returncode == 0  # still an administrator
