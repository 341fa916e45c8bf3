"""A real window under Xvfb: the OpenGL scene graph, the GPU video path (VideoOutput) and web."""

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.kiosk_process import KioskProcess, kiosk_env
from tests.support.xvfb import xvfb

pytestmark = pytest.mark.e2e


def test_video_and_web_in_a_real_window(tmp_path: Path):
    (tmp_path / "green.mp4").write_bytes((Path(__file__).parents[1] / "data" / "green.mp4").read_bytes())
    (tmp_path / "site").mkdir()
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({
        "schema_version": 2, "name": "window", "screen": {"width": 640, "height": 360},
        "regions": [
            {"id": "v", "x": 0, "y": 0, "width": 320, "height": 360,
             "playlist": [{"kind": "video", "src": "green.mp4", "duration_s": 30}]},
            {"id": "w", "x": 320, "y": 0, "width": 320, "height": 360,
             "playlist": [{"kind": "web", "url": "local:/demo/index.html", "duration_s": 30}]},
        ]}))
    shots = tmp_path / "shots"
    with xvfb() as display:
        env = kiosk_env(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(tmp_path / "data"),
                              "--screenshot-dir", str(shots), "--screenshot-every", "0.5"], tmp_path, env)
        try:
            kiosk.wait_event("layout_applied", timeout_s=90)
            applied_at = kiosk.named("layout_applied")[0]["mono"]
            kiosk.wait_for(lambda events: any(e.get("event") == "screenshot_saved" and e["grabbed_mono"] > applied_at + 0.6
                                              for e in events), 60, "a screenshot after the layout applied")
        finally:
            assert kiosk.stop() == 0
    shot = next(Path(e["path"]) for e in kiosk.named("screenshot_saved") if e["grabbed_mono"] > applied_at + 0.6)
    image = QImage(str(shot))
    video = image.pixelColor(160, 180)
    assert video.green() > 150 and video.red() < 60, video.name()
    header = image.pixelColor(324, 4)  # the demo page's blue header, clear of its text
    assert header.name() == "#0b5cad"
