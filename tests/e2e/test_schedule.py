"""A real screen with a schedule: it switches on its own timer at the minute the schedule says,
an override pushed with kioskctl shows until its end and then the schedule takes over again, and
``kioskctl schedule`` prints the timeline the screen evaluates."""

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from provisioning.admin_key import load_or_create_admin_key
from provisioning.admins import PairedAdmins
from provisioning.devices import KnownDevice, KnownDevices
from provisioning.identity import load_or_create_identity
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e
PARIS = ZoneInfo("Europe/Paris")


def text_layout(name: str) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 180},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                         "playlist": [{"kind": "text", "text": name, "duration_s": 30}]}]}


def kioskctl(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home), "TZ": "Europe/Paris"}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True, timeout=180, env=env)


def folder_of(tmp_path: Path, name: str, layouts: dict[str, str], schedule: dict | None = None) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, layout_name in layouts.items():
        (folder / file).write_text(json.dumps(text_layout(layout_name)))
    if schedule is not None:
        (folder / "schedule.json").write_text(json.dumps(schedule))
    return folder


def test_a_scheduled_switch_an_override_and_the_timeline(tmp_path: Path):
    now = datetime.now(UTC)
    change = (now + timedelta(seconds=25)).replace(second=0, microsecond=0) + timedelta(minutes=1)  # 35-95 s ahead
    local = change.astimezone(PARIS)
    schedule = {"default": "layout.json", "entries": [
        {"id": "soon", "layout": "soon.json", "priority": 5, "from": local.strftime("%H:%M"),
         "until": (local + timedelta(minutes=2)).strftime("%H:%M")}]}
    folder = folder_of(tmp_path, "site", {"layout.json": "day", "soon.json": "soon"}, schedule)
    home = tmp_path / "admin"
    admin = load_or_create_admin_key(home / "istres-kioskctl" / "admin.key")
    data = tmp_path / "plage"
    identity = load_or_create_identity(data / "identity", "plage")
    PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "test")  # as if paired
    kiosk = KioskProcess(["run", "--layout", str(folder / "layout.json"), "--windowed", "--data-dir", str(data),
                          "--api-port", "0", "--api-host", "127.0.0.1", "--device-name", "plage"], tmp_path)
    try:
        port = kiosk.wait_event("api_listening", timeout_s=60)["port"]
        kiosk.wait_event("layout_applied", layout="day", timeout_s=60)
        KnownDevices(home / "istres-kioskctl" / "devices.json").save(KnownDevice("plage", "127.0.0.1", port, identity.fingerprint_sha256))

        timeline = json.loads(kioskctl("schedule", "plage", "--days", "1", "--json", home=home).stdout)
        assert timeline["clock_suspect"] is False and timeline["time_zone"] == "Europe/Paris"
        assert [(s["layout"], s["source"]) for s in timeline["segments"][:3]] == [("day", "default"), ("soon", "soon"), ("day", "default")]
        assert datetime.fromisoformat(timeline["segments"][1]["start"]) == change
        printed = kioskctl("schedule", "plage", home=home)
        assert printed.returncode == 0 and "soon" in printed.stdout and local.strftime("%H:%M") in printed.stdout

        urgent = folder_of(tmp_path, "urgent", {"layout.json": "urgent"})
        bundle = tmp_path / "urgent.tar.gz"
        assert kioskctl("bundle", str(urgent), "-o", str(bundle), home=home).returncode == 0
        until = (datetime.now(UTC) + timedelta(seconds=8)).replace(microsecond=0)  # kioskctl sends whole seconds
        answer = kioskctl("override", "plage", str(bundle), "--until", until.isoformat(), home=home)
        assert answer.returncode == 0, answer.stdout + answer.stderr
        kiosk.wait_event("layout_applied", layout="urgent", timeout_s=20)
        back = kiosk.wait_event("schedule_switch", layout="day", source="default", count=2, timeout_s=30)
        late_s = (datetime.fromisoformat(back["ts"]) - until).total_seconds()
        print(f"override ended {late_s * 1000:.0f} ms after its until")
        assert 0 <= late_s < 1.0  # on its own timer, at the end, never early
        kiosk.wait_event("layout_applied", layout="day", count=2, timeout_s=20)

        switched = kiosk.wait_event("schedule_switch", layout="soon", timeout_s=120)
        late_s = (datetime.fromisoformat(switched["ts"]) - change).total_seconds()
        print(f"scheduled switch {late_s * 1000:.0f} ms after its minute")
        assert 0 <= late_s < 1.0
        kiosk.wait_event("layout_applied", layout="soon", timeout_s=20)
        status = json.loads(kioskctl("status", "plage", "--json", home=home).stdout)
        assert status["clock_suspect"] is False and status["schedule"]["source"] == "soon"
        refused = kioskctl("override", "plage", str(bundle), "--until", "2020-01-01T00:00:00+00:00", home=home)
        assert refused.returncode == 1 and "already past" in refused.stderr

        # A pushed bundle carries its schedule: the entry running now is on screen at once.
        always = {"default": "layout.json", "entries": [{"id": "all-day", "layout": "pushed-now.json", "priority": 1}]}
        pushed = folder_of(tmp_path, "pushed", {"layout.json": "pushed-default", "pushed-now.json": "pushed-now"}, always)
        assert kioskctl("bundle", str(pushed), "-o", str(tmp_path / "pushed.tar.gz"), home=home).returncode == 0
        answer = kioskctl("push", str(tmp_path / "pushed.tar.gz"), "plage", home=home)
        assert answer.returncode == 0, answer.stdout + answer.stderr
        kiosk.wait_event("layout_applied", layout="pushed-now", timeout_s=30)
        kiosk.wait_event("schedule_switch", layout="pushed-now", source="all-day", timeout_s=5)
        assert not kiosk.named("clock_jump")
    finally:
        assert kiosk.stop() == 0
