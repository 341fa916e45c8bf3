"""The blank-frame probe that the transitions benchmark relies on can see a blank region."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from kiosk.frame_probe import region_is_blank
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e


def test_region_is_blank_on_images():
    image = QImage(100, 50, QImage.Format.Format_ARGB32)
    image.fill(QColor("#202020"))
    assert region_is_blank(image, QRect(0, 0, 100, 50), QColor("#202020"))
    image.setPixelColor(99, 49, QColor("#ffffff"))
    assert not region_is_blank(image, QRect(0, 0, 100, 50), QColor("#202020"))
    assert region_is_blank(image, QRect(0, 0, 99, 49), QColor("#202020"))


def test_the_probe_reports_a_region_that_shows_only_its_background(tmp_path: Path):
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({
        "schema_version": 2, "name": "blank", "screen": {"width": 320, "height": 120},
        "regions": [
            {"id": "empty", "x": 0, "y": 0, "width": 160, "height": 120, "background": "#202020",
             "playlist": [{"id": "space", "kind": "text", "text": " ", "duration_s": 0.3},
                          {"id": "space2", "kind": "text", "text": "  ", "duration_s": 0.3}]},
            {"id": "full", "x": 160, "y": 0, "width": 160, "height": 120, "background": "#202020",
             "playlist": [{"id": "word", "kind": "text", "text": "Istres", "duration_s": 0.3},
                          {"id": "word2", "kind": "text", "text": "Plage", "duration_s": 0.3}]},
        ]}))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--probe-blank-frames",
                          "--data-dir", str(tmp_path / "data")], tmp_path)
    try:
        kiosk.wait_event("item_shown", count=4, region="full", timeout_s=60)
    finally:
        assert kiosk.stop() == 0
    blanks = kiosk.named("blank_frame")
    assert blanks and {e["region"] for e in blanks} == {"empty"}
    assert kiosk.named("frame_probe")[0]["blank_frames"] >= 1
