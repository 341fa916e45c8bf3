"""Bad input never breaks the screen: skipped once with a reason, the rest keeps playing."""

import json
import signal
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.http import Route
from tests.support.images import bomb_png, solid_jpeg, solid_png
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e
RECOVERY_BLUE = (0x0B, 0x3D, 0x6B)


def pixel(path: Path, x: int, y: int) -> tuple[int, int, int]:
    colour = QImage(str(path)).pixelColor(x, y)
    return colour.red(), colour.green(), colour.blue()


def layout_doc(name: str, playlist: list[dict], width: int = 320, height: int = 240) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": width, "height": height},
            "regions": [{"id": "main", "x": 0, "y": 0, "width": width, "height": height, "playlist": playlist}]}


def test_each_bad_item_is_skipped_once_and_good_items_keep_playing(http_server, tmp_path: Path):
    http_server.routes["/good.png"] = Route(solid_png((255, 0, 0)))
    http_server.routes["/corrupt.jpg"] = Route(solid_jpeg((9, 9, 9), (300, 300))[:300])
    http_server.routes["/bomb.png"] = Route(bomb_png())
    http_server.routes["/video.mp4"] = Route(b"this is no video at all" * 100, content_type="video/mp4")
    http_server.routes["/hang.html"] = Route(b"<html>late</html>", content_type="text/html", hang_s=20)
    (tmp_path / "notes.txt").write_text("not a picture")
    bad = {
        "missing-file": {"kind": "image", "src": "missing.png"},
        "not-a-picture": {"kind": "image", "src": "notes.txt"},
        "unreachable": {"kind": "image", "src": "http://127.0.0.1:9/x.png"},
        "http-404": {"kind": "image", "src": f"{http_server.url}/gone.png"},
        "corrupt": {"kind": "image", "src": f"{http_server.url}/corrupt.jpg"},
        "bomb": {"kind": "image", "src": f"{http_server.url}/bomb.png"},
        "bad-video": {"kind": "video", "src": f"{http_server.url}/video.mp4"},
        "never-loads": {"kind": "web", "url": f"{http_server.url}/hang.html", "load_timeout_s": 2},
        "bad-pdf": {"kind": "pdf", "src": "notes.txt"},
    }
    playlist = [{"id": "good-image", "kind": "image", "src": f"{http_server.url}/good.png", "duration_s": 0.8}]
    playlist += [{"id": name, "duration_s": 0.8, **item} for name, item in bad.items()]
    playlist += [{"id": "good-text", "kind": "text", "text": "OK", "duration_s": 0.8}]
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps(layout_doc("bad-items", playlist)))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--data-dir", str(tmp_path / "data")], tmp_path)
    try:
        kiosk.wait_event("item_shown", count=8, region="main", timeout_s=120)
    finally:
        assert kiosk.stop() == 0
    assert {e["item"] for e in kiosk.named("item_shown")} == {"good-image", "good-text"}
    skipped = kiosk.named("item_skipped")
    warned = [e for e in skipped if e["level"] == "warning"]
    assert sorted(e["item"] for e in warned) == sorted(bad), [(e["item"], e.get("msg")) for e in warned]
    reasons = {e["item"]: e["msg"] for e in warned}
    assert "not found" in reasons["missing-file"]
    assert "not an image format" in reasons["not-a-picture"]
    assert "cannot download" in reasons["unreachable"]
    assert "HTTP 404" in reasons["http-404"]
    assert "corrupt or truncated" in reasons["corrupt"]
    assert "decompression bomb" in reasons["bomb"]
    assert "video" in reasons["bad-video"]
    assert "did not load within 2 s" in reasons["never-loads"]
    assert "PDF" in reasons["bad-pdf"]
    assert not kiosk.named("unhandled_exception")
    assert not [line for line in kiosk.other_lines if "Traceback" in line]


@pytest.mark.parametrize("content", [
    b'{"schema_version": 2, "name": "cut', b"", b'{"schema_version": 2, "name": "x", "regions": []}', b"\x00\x01binary",
])
def test_an_unusable_layout_with_nothing_stored_shows_the_recovery_screen(tmp_path: Path, content: bytes):
    layout = tmp_path / "broken.json"
    layout.write_bytes(content)
    out = tmp_path / "shot.png"
    kiosk = KioskProcess(["snapshot", str(layout), "--out", str(out), "--data-dir", str(tmp_path / "data")], tmp_path)
    assert kiosk.wait_exit(90) == 0
    invalid = kiosk.named("layout_invalid")
    assert invalid and invalid[0]["level"] == "error" and "problems" in invalid[0]
    assert kiosk.named("recovery_screen")
    assert pixel(out, 5, 5) == RECOVERY_BLUE
    assert QImage(str(out)).width() == 1920  # no layout: the default screen size


def test_an_invalid_new_layout_keeps_the_last_good_one(tmp_path: Path):
    data = tmp_path / "data"
    good = tmp_path / "good.json"
    good.write_text(json.dumps(layout_doc("good", [{"id": "hello", "kind": "text", "text": "Bonjour", "duration_s": 5}])))
    first = KioskProcess(["run", "--layout", str(good), "--data-dir", str(data)], tmp_path)
    first.wait_event("layout_applied", timeout_s=60)
    assert first.stop() == 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(layout_doc("bad", [{"kind": "text", "text": ""}])))
    second = KioskProcess(["run", "--layout", str(bad), "--data-dir", str(data)], tmp_path)
    second.wait_event("layout_applied", timeout_s=60)
    assert second.stop() == 0
    assert second.named("layout_invalid")[0]["problems"] == ["$.regions[0].playlist[0].text: must not be empty"]
    assert second.named("layout_applied")[0]["layout"] == "good"
    assert second.named("item_shown")[0]["item"] == "hello"


def test_sighup_reloads_without_a_gap_and_sigterm_quits_cleanly(tmp_path: Path):
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(layout_doc("before", [{"id": "a", "kind": "text", "text": "A", "duration_s": 30}])))
    kiosk = KioskProcess(["run", "--layout", str(path), "--data-dir", str(tmp_path / "data")], tmp_path)
    kiosk.wait_event("layout_applied", layout="before", timeout_s=60)
    path.write_text(json.dumps(layout_doc("after", [{"id": "b", "kind": "text", "text": "B", "duration_s": 30}])))
    kiosk.send(signal.SIGHUP)
    kiosk.wait_event("layout_applied", layout="after", timeout_s=60)
    code = kiosk.stop()
    assert code == 0
    assert kiosk.named("reload")
    stopped = kiosk.named("stopping")
    assert stopped and stopped[0]["reason"] == "SIGTERM"
    assert kiosk.named("stopped")
