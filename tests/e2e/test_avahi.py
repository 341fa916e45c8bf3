"""Standard DNS-SD tools see a screen: avahi-browse lists it with its TXT records.

The screen runs in its own network namespace (a test host), avahi-daemon listens on the link to it.
"""

import os
import subprocess
import time
from pathlib import Path

import pytest

from kiosk.cli import demo_layout_path
from tests.support.kiosk_process import KioskProcess, kiosk_env
from tests.support.netns import host_with_avahi, missing_tools

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root (CI runs as root)")]


def test_avahi_browse_lists_the_screen_with_its_txt_records(tmp_path: Path):
    assert not missing_tools(), f"missing: {missing_tools()} (make test installs them as root)"
    with host_with_avahi(tmp_path) as host:
        # `ip netns exec` runs the real kiosk process inside the test host.
        kiosk = KioskProcess(["run", "--layout", str(demo_layout_path()), "--windowed", "--data-dir", str(tmp_path / "data"),
                              "--advertise", "--advertise-interface", host.address,
                              "--device-name", "Plage Romaniquette", "--role", "beach-panel"],
                             tmp_path, kiosk_env(tmp_path), wrap=host.command)
        try:
            kiosk.wait_event("advertised", timeout_s=60)
            deadline, lines = time.monotonic() + 20, []
            while time.monotonic() < deadline and not any(line.startswith("=") for line in lines):
                browse = subprocess.run(["avahi-browse", "-rtp", "_kiosk._tcp"], capture_output=True, text=True, timeout=30)
                lines = browse.stdout.splitlines()
        finally:
            assert kiosk.stop() == 0
    resolved = [line for line in lines if line.startswith("=")]
    assert resolved, lines
    fields = resolved[0].split(";")
    assert fields[3] == "Plage\\032Romaniquette" and fields[7] == host.address
    txt = fields[9]
    for record in ('"role=beach-panel"', '"paired=no"', '"version=0.1.0"'):
        assert record in txt
    advertised = kiosk.named("advertised")[0]
    assert f'"id={advertised["device_id"]}"' in txt
