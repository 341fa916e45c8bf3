"""Under systemd: READY=1 once up, WATCHDOG=1 pings from the GUI thread, STOPPING=1 on SIGTERM."""

import socket
import time
from pathlib import Path

import pytest

from kiosk.cli import demo_layout_path
from tests.support.kiosk_process import KioskProcess, kiosk_env

pytestmark = pytest.mark.e2e


def test_ready_watchdog_and_stopping_reach_systemd(tmp_path: Path):
    address = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(address)
        server.settimeout(0.2)
        env = kiosk_env(tmp_path, NOTIFY_SOCKET=address, WATCHDOG_USEC="400000")  # ping every 200 ms
        kiosk = KioskProcess(["run", "--layout", str(demo_layout_path()), "--data-dir", str(tmp_path / "data")], tmp_path, env)
        messages: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and messages.count("WATCHDOG=1") < 3:
            try:
                messages.append(server.recv(256).decode())
            except TimeoutError:
                continue
        assert kiosk.stop() == 0
        try:
            while True:
                messages.append(server.recv(256).decode())
        except TimeoutError:
            pass
    assert messages[0] == "READY=1"
    assert messages.count("WATCHDOG=1") >= 3
    assert messages[-1] == "STOPPING=1"
