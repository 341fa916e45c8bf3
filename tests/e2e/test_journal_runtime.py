"""The journal in the real runtime: ``kiosk run`` journals start and stop; killed (SIGKILL, as a power
cut leaves it), the next start journals ``crash_restart``; with the API on, the device key is made
once (by whichever part comes first) and signs the checkpoints; ``kiosk journal verify`` passes."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from journal.store import JournalStore
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e


def _layout(tmp_path: Path) -> Path:
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "journal", "screen": {"width": 320, "height": 180},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                                               "playlist": [{"kind": "text", "text": "Actes"}]}]}))
    return layout


def test_start_kill_restart_stop_are_journaled_and_verify(tmp_path: Path):
    data, layout = tmp_path / "data", _layout(tmp_path)
    args = ["run", "--layout", str(layout), "--windowed", "--data-dir", str(data), "--api-port", "0", "--api-host", "127.0.0.1"]
    kiosk = KioskProcess(args, tmp_path)
    kiosk.wait_event("journal_started", timeout_s=60)
    kiosk.wait_event("layout_applied", timeout_s=60)
    os.kill(kiosk.proc.pid, signal.SIGKILL)
    assert kiosk.wait_exit(30) == -signal.SIGKILL

    kiosk = KioskProcess(args, tmp_path)
    kiosk.wait_event("journal_started", timeout_s=60)
    kiosk.wait_event("layout_applied", timeout_s=60)
    assert kiosk.stop() == 0
    with JournalStore(data / "journal.sqlite", readonly=True) as store:
        events = [e.event for e in store.entries()]
        screens = {e.screen for e in store.entries()}
    assert events == ["start", "crash_restart", "start", "stop"], events
    assert screens == {json.loads((data / "identity" / "device.json").read_text())["device_id"]}
    verify = subprocess.run([sys.executable, "-m", "kiosk.cli", "journal", "verify", "--data-dir", str(data)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0 and "verified: entries 1..4 (4), signed through seq 4" in verify.stdout, verify.stdout
