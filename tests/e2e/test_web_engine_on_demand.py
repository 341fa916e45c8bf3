"""QtWebEngine is loaded only when a layout the run may play has web items (kiosk.web_engine).

Checked on the real process: whether Chromium's library is mapped into it (/proc/<pid>/maps).
A web layout arriving in a run without the engine restarts the runtime in place (same pid), which
then plays it with the engine.
"""

import json
import signal
from pathlib import Path

import pytest

from layouts import parse_layout
from layouts.store import LayoutStore
from tests.support.http import LoopbackServer, Route
from tests.support.images import solid_png
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e
WEB_LIBRARY = "libQt6WebEngineCore"


def _layout(name: str, items: list[dict]) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": 640, "height": 360}, "background": "#000000",
            "regions": [{"id": "main", "x": 0, "y": 0, "width": 640, "height": 360, "playlist": items}]}


def _pictures(folder: Path) -> list[dict]:
    (folder / "a.png").write_bytes(solid_png((200, 40, 40), (320, 180)))
    return [{"id": "picture", "kind": "image", "src": "a.png", "duration_s": 1},
            {"id": "words", "kind": "text", "text": "Bonjour", "duration_s": 1}]


def _web_page(server: LoopbackServer) -> list[dict]:
    server.routes["/page.html"] = Route(b"<!doctype html><body style='background:#246'>Page</body>", content_type="text/html")
    return [{"id": "page", "kind": "web", "url": f"{server.url}/page.html", "duration_s": 5}]


def _maps_web_engine(pid: int) -> bool:
    return WEB_LIBRARY in Path(f"/proc/{pid}/maps").read_text()


def test_a_layout_without_web_items_never_loads_the_engine(tmp_path: Path) -> None:
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps(_layout("pictures", _pictures(tmp_path))))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(tmp_path / "data")], tmp_path)
    try:
        kiosk.wait_event("item_shown", count=3, timeout_s=60)  # a full round: both items drawn, one again
        assert not _maps_web_engine(kiosk.proc.pid)
    finally:
        assert kiosk.stop() == 0


def test_a_layout_with_a_web_item_loads_it(tmp_path: Path) -> None:
    server = LoopbackServer().start()
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps(_layout("web", _web_page(server))))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(tmp_path / "data")], tmp_path)
    try:
        kiosk.wait_event("layout_applied", timeout_s=60)
        assert _maps_web_engine(kiosk.proc.pid)
    finally:
        kiosk.stop()
        server.stop()


def test_a_web_layout_arriving_later_restarts_the_runtime_in_place_with_the_engine(tmp_path: Path) -> None:
    server = LoopbackServer().start()
    store = LayoutStore(tmp_path / "data" / "layouts")
    store.save_current(parse_layout(json.dumps(_layout("pictures", _pictures(tmp_path))), "test"), tmp_path)
    kiosk = KioskProcess(["run", "--windowed", "--data-dir", str(tmp_path / "data")], tmp_path)
    try:
        kiosk.wait_event("layout_applied", layout="pictures", timeout_s=60)
        assert not _maps_web_engine(kiosk.proc.pid)
        store.save_current(parse_layout(json.dumps(_layout("web", _web_page(server))), "test"), tmp_path)
        kiosk.send(signal.SIGHUP)  # what a push does: the store changed, read it again
        kiosk.wait_event("web_engine_needed", layout="web", timeout_s=30)
        kiosk.wait_event("start", count=2, timeout_s=60)
        kiosk.wait_event("layout_applied", layout="web", timeout_s=60)
        assert kiosk.proc.poll() is None and _maps_web_engine(kiosk.proc.pid)  # the same process, now with the engine
        assert [e["pid"] for e in kiosk.named("start")] == [kiosk.proc.pid, kiosk.proc.pid]
        assert not kiosk.qml_warnings()
    finally:
        assert kiosk.stop() == 0
        server.stop()
