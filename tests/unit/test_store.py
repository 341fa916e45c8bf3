import json
from pathlib import Path

from layouts import parse_layout
from layouts.store import CURRENT, LAST_GOOD, LayoutStore


def layout(name: str):
    return parse_layout(json.dumps({
        "schema_version": 2, "name": name,
        "regions": [{"id": "r", "x": 0, "y": 0, "width": 100, "height": 100,
                     "playlist": [{"kind": "text", "text": name}]}],
    }))


def test_current_then_last_good(tmp_path: Path):
    store = LayoutStore(tmp_path)
    assert store.load_best() is None
    store.save_current(layout("one"), tmp_path)
    store.mark_current_good()
    store.save_current(layout("two"), tmp_path)
    assert store.load(CURRENT).layout.name == "two"
    assert store.load(LAST_GOOD).layout.name == "one"
    assert store.load_best().layout.name == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current.json", "last-good.json"]  # no temp files left


def test_a_damaged_current_falls_back_to_last_good(tmp_path: Path):
    store = LayoutStore(tmp_path)
    store.save_current(layout("good"), tmp_path)
    store.mark_current_good()
    (tmp_path / "current.json").write_bytes(b'{"layout": {"name": ')  # torn write by another tool
    best = store.load_best()
    assert best.layout.name == "good"
    assert best.slot == LAST_GOOD


def test_a_stored_document_that_breaks_the_schema_is_not_played(tmp_path: Path):
    store = LayoutStore(tmp_path)
    (tmp_path / "current.json").write_text(json.dumps({"layout": {"schema_version": 2, "name": "x", "regions": []}, "base_dir": "/"}))
    assert store.load_best() is None


def test_rollback_returns_to_the_layout_before_and_twice_goes_forward(tmp_path: Path):
    store = LayoutStore(tmp_path)
    for name in ("one", "two"):
        store.save_current(layout(name), tmp_path)
        store.mark_current_good()
    assert store.rollback().layout.name == "one"
    store.mark_current_good()
    assert store.rollback().layout.name == "two"
    assert {p.name for p in tmp_path.iterdir()} == {"current.json", "last-good.json", "previous.json"}
