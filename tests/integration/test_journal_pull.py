"""The journal leaves the screen: kioskctl journal pull over real HTTPS on loopback, the copy verified,
the screen told it may prune, a report from the copy, and a cut tail on the screen caught afterwards."""

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.clock import ManualClock
from journal.appender import Appender
from journal.store import TRIGGER_NAMES, JournalStore
from kiosk.journal_wiring import device_keys
from kiosk.journal_writer import JournalWriter, WriterSettings
from kiosk.service_thread import ServiceThread
from provisioning.admins import PairedAdmins
from provisioning.api import build_api
from provisioning.client import DeviceClient
from provisioning.identity import load_or_create_identity
from provisioning.pairing import PairingWindow
from provisioning.push import BundleInbox
from provisioning.server import ApiServer
from tests.integration.test_management_api import FakeScreen, kioskctl, paired_client

ACT, SHA = "DEL-2026-117", "c" * 64


def _screen_journal(data: Path, clock: ManualClock) -> None:
    """A first run killed after an hour (no stop), 25 minutes without power, a second run of an hour."""
    screen_id, signer = device_keys(data, "hall", False)()
    with JournalStore(data / "journal.sqlite") as store:
        store.set_meta("screen", screen_id)
        first_run = Appender(store, screen_id)
        first_run.add(clock.now(), "start")
        for _minute in range(60):
            clock.advance(60)
            first_run.add(clock.now(), "heartbeat", detail={"acts": [[ACT, SHA]]})
        first_run.flush()
        first_run.checkpoint(signer, clock.now())
    clock.advance(25 * 60)
    writer = JournalWriter(data / "journal.sqlite", lambda: (screen_id, signer), clock, WriterSettings(flush_every_s=0.02)).start()
    assert writer.wait_written(2)  # crash_restart, start
    for minute in range(60):
        clock.advance(60)
        writer.record("heartbeat", detail={"acts": [{"id": ACT, "sha256": SHA}]})
        assert writer.wait_written(2 + 2 * (minute + 1))  # and the runtime's screen_on
    assert writer.stop(5.0)


@pytest.fixture
def device(tmp_path: Path):
    data = tmp_path / "device"
    identity = load_or_create_identity(data / "identity", "hall")
    screen = FakeScreen()
    app = build_api(screen, PairedAdmins(data / "identity" / "admins.json"), PairingWindow(time.monotonic),
                    identity.fingerprint_sha256, BundleInbox(data))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0)
    service.submit(server.start()).result(20)
    yield screen, identity, server.port, data
    service.submit(server.stop()).result(20)
    service.stop()


def test_pull_verify_report_and_a_cut_tail_caught_on_the_screen(device, tmp_path: Path):
    screen, identity, port, data = device
    _screen_journal(data, ManualClock())
    stranger = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    assert stranger.request("GET", "/journal?after=0").status == 401
    stranger.request("POST", "/pairing/request", signed=False)
    home, copy = tmp_path / "admin", tmp_path / "copies" / "hall"
    assert kioskctl("pair", f"127.0.0.1:{port}", "--fingerprint", identity.fingerprint_sha256, "--name", "hall",
                    "--code", screen.shown_code, home=home).returncode == 0

    pulled = kioskctl("journal", "pull", "hall", "--out", str(copy), home=home)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert "184 new entries" in pulled.stdout and "copy verified through seq 184" in pulled.stdout
    assert sorted(p.name for p in copy.iterdir() if not p.name.endswith(("-wal", "-shm"))) == \
        ["checkpoint.json", "device.crt", "journal.sqlite"]
    with JournalStore(data / "journal.sqlite", readonly=True) as store:
        assert store.exported_upto() == 184  # the screen may now prune through 184 (after its retention)
    again = kioskctl("journal", "pull", "hall", "--out", str(copy), home=home)
    assert again.returncode == 0 and "0 new entries" in again.stdout, again.stdout + again.stderr

    report = kioskctl("journal", "report", ACT, str(copy), "--json", "--html", str(tmp_path / "certificat.html"), home=home)
    assert report.returncode == 0, report.stderr
    found = json.loads(report.stdout)
    assert found["sha256"] == [SHA] and found["journals"][0]["ok"]
    [cut] = found["screens"][0]["interruptions"]
    assert cut["cause"] == "process_down_unclean" and cut["duration_s"] == 26 * 60
    page = (tmp_path / "certificat.html").read_text()
    assert "Certificat d'affichage" in page and "coupure de courant" in page

    _cut_tail(data / "journal.sqlite", keep_through=150)
    verify = subprocess.run([sys.executable, "-m", "kiosk.cli", "journal", "verify", "--data-dir", str(data),
                             "--checkpoint", str(copy / "checkpoint.json")], capture_output=True, text=True, timeout=60)
    assert verify.returncode == 1 and "truncated: the journal ends at seq 150" in verify.stdout, verify.stdout + verify.stderr
    copy_check = kioskctl("journal", "verify", str(copy), home=home)
    assert copy_check.returncode == 0 and "verified" in copy_check.stdout  # the admin's copy still holds it all


def _cut_tail(path: Path, keep_through: int) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    for name in TRIGGER_NAMES:
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DELETE FROM entries WHERE seq > ?", (keep_through,))
    db.execute("DELETE FROM checkpoints WHERE seq > ?", (keep_through,))
    db.close()


def test_unpaired_and_bad_requests_change_nothing(device):
    screen, identity, port, data = device
    stranger = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    assert stranger.request("POST", "/journal/exported", {"seq": 1}).status == 401
    admin = paired_client(screen, identity, port)
    assert admin.request("GET", "/journal?after=0").status == 404
    assert admin.request("POST", "/journal/exported", {"seq": 1}).status == 404
    assert [admin.request("GET", f"/journal?{query}").status for query in ("after=-1", "limit=0", "after=" + "9" * 400)] == [422] * 3
    assert [admin.request("POST", "/journal/exported", body).status for body in ({"seq": True}, {"seq": 1.5}, [1])] == [422] * 3
    assert not (data / "journal.sqlite").exists()


