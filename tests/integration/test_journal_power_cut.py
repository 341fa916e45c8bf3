"""A real process writing the journal is killed (SIGKILL: what a power cut leaves, no ``stop``), and
a new one starts: the report for the act shows the interruption with its cause, nothing committed
before the kill is lost, and the chain still verifies."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from journal.report import act_report
from journal.store import JournalStore
from journal.verify import verify

ACT, SHA = "PC-2026-0031", "d" * 64
SCREEN_RUN = """
import os, signal, sqlite3, sys, time
from pathlib import Path
from common.clock import SystemClock
from kiosk.journal_writer import JournalWriter, WriterSettings
from kiosk.journal_wiring import device_keys
data, mode, act, sha = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
writer = JournalWriter(data / "journal.sqlite", device_keys(data, "hall", False), SystemClock(),
                       WriterSettings(flush_every_s=0.05, heartbeat_every_s=0.2)).start()
for _ in range(10):
    writer.record("heartbeat", detail={"acts": [{"id": act, "sha256": sha}]})
    time.sleep(0.1)
reader = sqlite3.connect(data / "journal.sqlite")
while reader.execute("SELECT count(*) FROM entries WHERE event = 'heartbeat'").fetchone()[0] < 20 if mode == "stop" else \
        reader.execute("SELECT count(*) FROM entries WHERE event = 'heartbeat'").fetchone()[0] < 10:
    time.sleep(0.01)  # committed: what a power cut may not take away
print("committed", flush=True)
if mode == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
writer.stop(2.0)
"""


def _run(data: Path, mode: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCREEN_RUN, str(data), mode, ACT, SHA], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})


def test_a_killed_run_then_a_restart_show_as_an_unclean_interruption(tmp_path: Path):
    killed = _run(tmp_path, "kill")
    assert killed.returncode == -signal.SIGKILL and "committed" in killed.stdout, killed.stderr
    time.sleep(1.5)  # the power is off
    clean = _run(tmp_path, "stop")
    assert clean.returncode == 0, clean.stderr
    with JournalStore(tmp_path / "journal.sqlite", readonly=True) as store:
        events = [e.event for e in store.entries()]
        verdict = verify(store)
        report = act_report([store], ACT, threshold_s=0.8)
    assert events.count("heartbeat") == 20 and events[:1] == ["start"] and events[-1] == "stop"
    assert events[events.index("crash_restart") - 1] != "stop"  # the first run left no stop
    assert verdict.ok, verdict.as_json()
    [cut] = report["screens"][0]["interruptions"]
    assert cut["cause"] == "process_down_unclean", json.dumps(report, indent=1)
    assert 1.5 <= cut["duration_s"] < 10
    assert report["sha256"] == [SHA]
