"""``kioskctl discover`` on a terminal: rows appear as screens answer, under a spinner that is gone at
the end, and the screens this administrator paired are named in the MINE column (by fingerprint)."""

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from provisioning.identity import load_or_create_identity
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e


def test_the_table_fills_in_under_a_spinner_and_marks_my_screens(tmp_path: Path):
    layout = tmp_path / "l.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "x", "screen": {"width": 320, "height": 180},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                                               "playlist": [{"kind": "text", "text": "x"}]}]}))
    kiosks = {}
    for name in ("plage-nord", "plage-sud"):
        kiosks[name] = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(tmp_path / name),
                                     "--api-port", "0", "--api-host", "127.0.0.1", "--advertise", "--advertise-interface",
                                     "127.0.0.1", "--device-name", name], tmp_path)
    home = tmp_path / "admin"
    try:
        for kiosk in kiosks.values():
            kiosk.wait_event("advertised", timeout_s=90)
        fp = load_or_create_identity(tmp_path / "plage-nord" / "identity", "plage-nord").fingerprint_sha256
        (home / "istres-kioskctl").mkdir(parents=True)
        (home / "istres-kioskctl" / "devices.json").write_text(json.dumps(
            {"nord": {"name": "nord", "host": "127.0.0.1", "port": 1, "fingerprint_sha256": fp}}))
        leader, follower = pty.openpty()
        env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "provisioning.cli", "discover", "--seconds", "3", "--interface",
                                    "127.0.0.1"], stdout=follower, stderr=subprocess.PIPE, env=env)
        os.close(follower)
        screen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the program ended: the terminal closed
                break
            if not chunk:
                break
            screen += chunk
        _out, err = process.communicate(timeout=30)
        os.close(leader)
        assert process.returncode == 0 and time.monotonic() - started < 15
        text = screen.decode()
        assert "browsing the LAN" in text and "s left" in text  # the spinner ran
        assert text.endswith("\r\x1b[K")  # and is wiped at the end
        rows = {line.split()[0]: line for line in text.replace("\r\x1b[K", "\n").splitlines() if line.startswith("plage-")}
        assert set(rows) == {"plage-nord", "plage-sud"}
        assert rows["plage-nord"].split()[5] == "nord" and rows["plage-sud"].split()[5] == "-"
        assert b"1 paired by you" in err
        piped = subprocess.run([sys.executable, "-m", "provisioning.cli", "discover", "--seconds", "2", "--interface",
                                "127.0.0.1"], capture_output=True, text=True, env=env, timeout=30)
        assert "browsing" not in piped.stdout and "\x1b" not in piped.stdout and "plage-sud" in piped.stdout
    finally:
        for kiosk in kiosks.values():
            assert kiosk.stop() == 0
