"""A kind declared outside the tree (its own folder, nothing else touched) plays in the real runtime."""

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.kiosk_process import KioskProcess, kiosk_env

pytestmark = pytest.mark.e2e
PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


def test_a_test_only_kind_is_validated_resolved_and_drawn(tmp_path: Path):
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "sparkle", "screen": {"width": 320, "height": 180},
                                  "regions": [{"id": "s", "x": 0, "y": 0, "width": 320, "height": 180, "playlist": [
                                      {"kind": "sparkle", "color": "#12ab34", "duration_s": 10}]}]}))
    out = tmp_path / "shot.png"
    env = kiosk_env(tmp_path, PYTHONPATH=str(PLUGINS), KIOSK_ITEM_PACKAGES="sparkle_signs")
    kiosk = KioskProcess(["snapshot", str(layout), "--out", str(out), "--data-dir", str(tmp_path / "data")], tmp_path, env)
    assert kiosk.wait_exit(90) == 0
    assert kiosk.named("item_shown", kind="sparkle")
    colour = QImage(str(out)).pixelColor(160, 90)
    assert (colour.red(), colour.green(), colour.blue()) == (0x12, 0xab, 0x34)
