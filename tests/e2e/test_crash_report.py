"""A native crash leaves a trace: the next start logs it and ``/status`` reports it (time, first lines,
counts); a SIGKILL counts as an unclean exit, not a crash; a clean stop counts nothing; a SIGTRAP (a
library's fatal check) is a crash too."""

import json
import os
import signal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from provisioning.admins import PairedAdmins
from provisioning.client import DeviceClient
from provisioning.identity import load_or_create_identity
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e


def _start(tmp_path: Path, layout: Path, data: Path) -> tuple[KioskProcess, int]:
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(data),
                          "--api-port", "0", "--api-host", "127.0.0.1"], tmp_path)
    port = kiosk.wait_event("api_listening", timeout_s=60)["port"]
    kiosk.wait_event("layout_applied", timeout_s=60)
    return kiosk, port


def test_a_segfault_is_reported_after_the_restart(tmp_path: Path):
    data = tmp_path / "data"
    identity = load_or_create_identity(data / "identity", "crash")
    admin = Ed25519PrivateKey.generate()
    PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "test admin")
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "crash", "screen": {"width": 320, "height": 180},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                                               "playlist": [{"kind": "text", "text": "A"}]}]}))

    def status(port: int) -> dict:
        answer = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin).request("GET", "/status")
        assert answer.status == 200, answer.body
        return answer.json()

    kiosk, port = _start(tmp_path, layout, data)
    first = status(port)
    assert (first["crash_count"], first["unclean_exits"], first["last_crash"]) == (0, 0, None)
    os.kill(kiosk.proc.pid, signal.SIGSEGV)  # a real fatal signal, as a bad pointer in a library raises it
    assert kiosk.wait_exit(30) == -signal.SIGSEGV

    kiosk, port = _start(tmp_path, layout, data)
    try:
        after = status(port)
        assert kiosk.named("previous_crash")[0]["msg"] == "Fatal Python error: Segmentation fault"
    finally:
        assert kiosk.stop() == 0
    assert (after["crash_count"], after["unclean_exits"]) == (1, 1)
    crash = after["last_crash"]
    assert crash["reason"] == "Fatal Python error: Segmentation fault"
    assert crash["first_lines"][0] == crash["reason"] and len(crash["first_lines"]) <= 20
    # kill() lands on whichever thread: its stack (or the main thread's) with the frames it was in.
    assert crash["crashed_thread"][0].startswith(("Thread 0x", "Current thread 0x")), crash
    assert any(line.strip().startswith("File ") for line in crash["crashed_thread"]), crash
    assert crash["at"].endswith("+00:00")

    kiosk, port = _start(tmp_path, layout, data)  # after a clean stop: nothing new, the last crash still shown
    again = status(port)
    kiosk.proc.kill()
    kiosk.wait_exit(30)
    assert (again["crash_count"], again["unclean_exits"], again["last_crash"]) == (1, 1, crash)

    kiosk, port = _start(tmp_path, layout, data)  # after a SIGKILL: an unclean exit, no crash
    killed = status(port)
    assert kiosk.named("previous_unclean_exit") and not kiosk.named("previous_crash")
    assert (killed["crash_count"], killed["unclean_exits"], killed["last_crash"]) == (1, 2, crash)
    os.kill(kiosk.proc.pid, signal.SIGTRAP)  # how Chromium's and Qt's fatal checks end the process
    assert kiosk.wait_exit(30) == -signal.SIGTRAP

    kiosk, port = _start(tmp_path, layout, data)
    try:
        trapped = status(port)
    finally:
        assert kiosk.stop() == 0
    assert (trapped["crash_count"], trapped["unclean_exits"]) == (2, 3)
    assert trapped["last_crash"]["reason"].startswith("SIGTRAP") and trapped["last_crash"]["crashed_thread"]
    # Bounded on disk: the last crash, the counts, and this run's (empty) faulthandler file; nothing grows.
    assert sorted(p.name for p in (data / "crash").iterdir()) == ["counts.json", "current.log", "last.log"]
    assert (data / "crash" / "last.log").stat().st_size <= 64 * 1024
