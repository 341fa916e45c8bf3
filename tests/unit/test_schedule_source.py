"""The cache keeps what a schedule or an override will switch to, not only what plays now."""

import json
from datetime import timedelta

from kiosk.schedule_source import ScheduledSource
from layouts import load_layout_file
from layouts.store import LayoutStore
from tests.unit.schedule_reference import utc


def image_layout(name: str, url: str) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 200},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 200, "playlist": [{"kind": "image", "src": url}]}]}


def test_scheduled_and_override_layouts_are_protected(tmp_path):
    folder = tmp_path / "bundle"
    folder.mkdir()
    for name in ("layout", "night", "urgent"):
        (folder / f"{name}.json").write_text(json.dumps(image_layout(name, f"https://example.org/{name}.png")))
    (folder / "schedule.json").write_text(json.dumps({"default": "layout.json", "entries": [
        {"id": "night", "layout": "night.json", "priority": 10, "from": "22:00", "until": "06:00"}]}))
    store = LayoutStore(tmp_path / "store")
    store.save_current(load_layout_file(folder / "layout.json"), folder)
    source = ScheduledSource(store, None)
    assert source.protected_urls() == {"https://example.org/layout.png", "https://example.org/night.png"}
    now = utc(2026, 12, 1, 12)
    store.overrides.add(load_layout_file(folder / "urgent.json"), folder, now, now + timedelta(hours=1))
    assert "https://example.org/urgent.png" in source.protected_urls()
