"""The real kiosk process plays a layout whose items come from a loopback HTTP server."""

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.http import Route
from tests.support.images import solid_png
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e

BLUE_PAGE = b"""<!doctype html><html><body style="margin:0;background:#0000ff"><h1 style="color:#fff">Agenda</h1></body></html>"""
DURATIONS_S = {"red": 1.0, "green": 1.2, "page": 1.5}


def write_layout(path: Path, base_url: str, name: str = "e2e") -> Path:
    doc = {
        "schema_version": 2, "name": name, "screen": {"width": 640, "height": 360}, "background": "#000000",
        "regions": [
            {"id": "main", "x": 0, "y": 0, "width": 400, "height": 360, "background": "#000000", "playlist": [
                {"id": "red", "kind": "image", "src": f"{base_url}/red.png", "duration_s": DURATIONS_S["red"], "fit": "cover"},
                {"id": "green", "kind": "image", "src": f"{base_url}/green.png", "duration_s": DURATIONS_S["green"], "fit": "cover"},
                {"id": "page", "kind": "web", "url": f"{base_url}/page.html", "duration_s": DURATIONS_S["page"]},
            ]},
            {"id": "side", "x": 400, "y": 0, "width": 240, "height": 360, "background": "#ffcc00", "playlist": [
                {"id": "note", "kind": "text", "text": "Istres", "color": "#000000", "duration_s": 30},
            ]},
        ],
    }
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture
def content_server(http_server):
    http_server.routes["/red.png"] = Route(solid_png((255, 0, 0)), content_type="image/png")
    http_server.routes["/green.png"] = Route(solid_png((0, 255, 0)), content_type="image/png")
    http_server.routes["/page.html"] = Route(BLUE_PAGE, content_type="text/html")
    return http_server


def expected_colour(item: str) -> tuple[int, int, int]:
    return {"red": (255, 0, 0), "green": (0, 255, 0), "page": (0, 0, 255)}[item]


def pixel(path: Path, x: int, y: int) -> tuple[int, int, int]:
    colour = QImage(str(path)).pixelColor(x, y)
    return colour.red(), colour.green(), colour.blue()


def test_order_durations_and_pixels(content_server, tmp_path: Path):
    layout = write_layout(tmp_path / "layout.json", content_server.url)
    shots = tmp_path / "shots"
    kiosk = KioskProcess(["run", "--layout", str(layout), "--data-dir", str(tmp_path / "data"),
                          "--screenshot-dir", str(shots), "--screenshot-every", "0.7"], tmp_path)
    try:
        kiosk.wait_event("item_shown", count=7, region="main", timeout_s=90)
    finally:
        assert kiosk.stop() == 0
    shown = kiosk.named("item_shown", region="main")
    order = [e["item"] for e in shown]
    assert order[:7] == ["red", "green", "page", "red", "green", "page", "red"]
    for before, after in zip(shown, shown[1:7], strict=False):
        on_screen_s = after["t"] - before["t"]
        assert abs(on_screen_s - DURATIONS_S[before["item"]]) <= 0.1, (before["item"], on_screen_s)
    hidden = kiosk.named("item_hidden", region="main")
    for h in hidden[:6]:  # cut transitions: the old item leaves in the very frame the new one arrives
        assert any(abs(s["t"] - h["t"]) < 0.001 for s in shown)
    assert kiosk.named("layout_applied")
    assert kiosk.named("first_frame")
    assert not kiosk.named("unhandled_exception")
    assert kiosk.named("stopped")[0]["unhandled_exceptions"] == 0

    # Screenshots: the side region is always yellow; the main region shows the item on screen then.
    checked = 0
    for saved in kiosk.named("screenshot_saved"):
        at = saved["grabbed_mono"]
        current = [s for s in shown if s["t"] <= at]
        if not current or any(abs(s["t"] - at) < 0.15 for s in shown):
            continue  # too close to a change to know which frame the grab took
        path = Path(saved["path"])
        if not path.exists():
            continue  # rotated away (only the newest are kept)
        assert pixel(path, 520, 20) == (255, 204, 0)
        got = pixel(path, 200, 300)
        want = expected_colour(current[-1]["item"])
        assert all(abs(g - w) <= 6 for g, w in zip(got, want, strict=True)), (current[-1]["item"], got)  # JPEG rounding
        checked += 1
    assert checked >= 3


def test_offline_after_a_restart_the_cache_keeps_the_screen_playing(content_server, tmp_path: Path):
    layout = write_layout(tmp_path / "layout.json", content_server.url)
    data = tmp_path / "data"
    online = KioskProcess(["run", "--layout", str(layout), "--data-dir", str(data)], tmp_path)
    online.wait_event("item_shown", item="green", timeout_s=60)
    assert online.stop() == 0
    content_server.stop()  # the network is gone
    offline = KioskProcess(["run", "--layout", str(layout), "--data-dir", str(data)], tmp_path)
    try:
        offline.wait_event("item_shown", item="green", timeout_s=60)
    finally:
        assert offline.stop() == 0
    assert [e["item"] for e in offline.named("item_shown", region="main")][:2] == ["red", "green"]
    from_cache = {e["item"] for e in offline.named("item_from_cache")}
    assert {"red", "green"} <= from_cache


def test_video_plays_and_is_drawn_by_the_software_renderer(tmp_path: Path):
    video = Path(__file__).parents[1] / "data" / "green.mp4"
    (tmp_path / "green.mp4").write_bytes(video.read_bytes())
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "video", "screen": {"width": 320, "height": 180},
                                  "regions": [{"id": "v", "x": 0, "y": 0, "width": 320, "height": 180,
                                               "playlist": [{"kind": "video", "src": "green.mp4", "duration_s": 10}]}]}))
    out = tmp_path / "shot.png"
    kiosk = KioskProcess(["snapshot", str(layout), "--out", str(out), "--data-dir", str(tmp_path / "data")], tmp_path)
    assert kiosk.wait_exit(90) == 0
    assert kiosk.named("item_shown", kind="video")
    r, g, b = pixel(out, 160, 90)
    assert g > 150 and r < 60 and b < 60, (r, g, b)
