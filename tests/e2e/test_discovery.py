"""A screen announces itself (DNS-SD on loopback here) and kioskctl finds it; it withdraws on exit."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import demo_layout_path
from provisioning.identity import load_or_create_identity
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e


def kioskctl_discover(seconds: float = 2.5) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "provisioning.cli", "discover", "--seconds", str(seconds),
                             "--interface", "127.0.0.1", "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_two_screens_are_discovered_with_their_txt_records_and_withdraw_on_exit(tmp_path: Path):
    screens = []
    for name, role in (("Plage Romaniquette", "beach-panel"), ("Hall mairie", "touch-kiosk")):
        data = tmp_path / role
        screens.append((name, role, data, KioskProcess(
            ["run", "--layout", str(demo_layout_path()), "--windowed", "--data-dir", str(data), "--advertise",
             "--advertise-interface", "127.0.0.1", "--device-name", name, "--role", role], tmp_path)))
    try:
        for *_, kiosk in screens:
            kiosk.wait_event("advertised", timeout_s=60)
        found = {d["name"]: d for d in kioskctl_discover()}
        for name, role, data, _kiosk in screens:
            identity = load_or_create_identity(data / "identity", name)
            device = found[name]
            assert device["role"] == role and device["paired"] is False
            assert device["device_id"] == identity.device_id
            assert device["fingerprint_sha256"] == identity.fingerprint_sha256
            assert device["addresses"] == ["127.0.0.1"]
    finally:
        for *_, kiosk in screens:
            assert kiosk.stop() == 0
    for *_, kiosk in screens:
        assert kiosk.named("advertisement_stopped")
        assert not kiosk.named("unhandled_exception")
        assert not [e for e in kiosk.events if e.get("level") in ("error", "critical")]
    assert [d for d in kioskctl_discover(1.5) if d["name"] in {name for name, *_ in screens}] == []  # ours withdrew
