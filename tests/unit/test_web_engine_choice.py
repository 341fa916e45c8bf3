"""Whether a run loads QtWebEngine (kiosk.web_engine) and which Qt Quick renderer it uses (kiosk.window)."""

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import web_engine
from kiosk.options import RunOptions
from kiosk.window import software_rendering


def _layout(*kinds: str) -> dict:
    return {"schema_version": 2, "name": "t", "screen": {"width": 640, "height": 360},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 640, "height": 360,
                         "playlist": [{"id": f"i{n}", "kind": kind} for n, kind in enumerate(kinds)]}]}


def test_the_web_kind_needs_the_engine_and_the_picture_kinds_do_not() -> None:
    needing = web_engine.kinds_needing_web()
    assert "web" in needing
    assert not needing & {"image", "text", "clock", "qr"}


def test_a_layout_file_with_a_web_item_needs_the_engine(tmp_path: Path) -> None:
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(_layout("image", "web")))
    assert web_engine.needs_web(path, tmp_path / "data")
    path.write_text(json.dumps(_layout("image", "text", "clock")))
    assert not web_engine.needs_web(path, tmp_path / "data")


def test_a_stored_layout_with_a_web_item_needs_the_engine(tmp_path: Path) -> None:
    store = tmp_path / "data" / "layouts"
    store.mkdir(parents=True)
    (store / "last-good.json").write_text(json.dumps({"layout": _layout("web"), "base_dir": str(tmp_path)}))
    assert web_engine.needs_web(None, tmp_path / "data")  # a fallback to last-good may show it


def test_the_kiosk_that_embeds_the_locked_browser_needs_the_engine() -> None:
    assert "town_hall" in web_engine.kinds_needing_web()  # ItemKind.embeds_web: its QML makes web views at run time


def test_layouts_a_schedule_or_an_override_may_show_count_too(tmp_path: Path) -> None:
    """Else the scheduler's switch to a web layout would restart the run, which would not load it either."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "layout.json").write_text(json.dumps(_layout("image")))
    (folder / "night.json").write_text(json.dumps(_layout("web")))
    (folder / "schedule.json").write_text(json.dumps({"default": "layout.json", "entries": [
        {"id": "n", "layout": "night.json", "priority": 1, "from": "22:00", "until": "06:00"},
        {"id": "x", "layout": "../outside.json", "priority": 2}]}))
    assert web_engine.needs_web(folder / "layout.json", tmp_path / "data")
    (folder / "night.json").write_text(json.dumps(_layout("text")))
    assert not web_engine.needs_web(folder / "layout.json", tmp_path / "data")

    store = tmp_path / "data" / "layouts"
    store.mkdir(parents=True)
    (store / "current.json").write_text(json.dumps({"layout": _layout("image"), "schedule": {
        "document": {}, "layouts": {"night.json": _layout("web")}}}))
    assert web_engine.needs_web(None, tmp_path / "data")
    (store / "current.json").write_text(json.dumps({"layout": _layout("image")}))
    assert not web_engine.needs_web(None, tmp_path / "data")
    (store / "overrides.json").write_text(json.dumps({"overrides": [{"key": "k", "layout": _layout("web")}]}))
    assert web_engine.needs_web(None, tmp_path / "data")


def test_unreadable_oversized_or_malformed_files_count_as_no_kinds(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (web_engine.MAX_SCAN_BYTES + 1))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for path in (big, deep, tmp_path / "missing.json", tmp_path):
        assert not web_engine.needs_web(path, tmp_path / "nothing")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.sampled_from(
                        ["regions", "playlist", "kind", "x", "layout"]), children, max_size=5), max_leaves=40))
def test_any_json_document_gives_a_set_of_strings_quickly(document: object) -> None:
    started = time.monotonic()
    kinds = web_engine.document_kinds(document)
    assert isinstance(kinds, set) and all(isinstance(k, str) for k in kinds)
    assert time.monotonic() - started < 0.5


def test_the_restart_drops_the_layout_file_so_the_store_decides() -> None:
    argv = ["/venv/bin/kiosk", "run", "--layout", "a.json", "--data-dir", "d", "--layout=b.json", "--windowed"]
    assert web_engine.restart_argv(argv) == ["/venv/bin/kiosk", "run", "--data-dir", "d", "--windowed"]


def _options(**fields: object) -> RunOptions:
    return RunOptions(data_dir=Path("/nonexistent"), layout_path=None, **fields)


@pytest.fixture
def on_x(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    monkeypatch.delenv("QSG_RHI_BACKEND", raising=False)


@pytest.mark.usefixtures("on_x")
def test_without_a_gpu_render_node_qt_quick_draws_in_software(tmp_path: Path) -> None:
    assert software_rendering(_options(), dri_dir=tmp_path)
    (tmp_path / "renderD128").touch()
    assert not software_rendering(_options(), dri_dir=tmp_path)


@pytest.mark.usefixtures("on_x")
def test_the_operators_backend_choice_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QUICK_BACKEND", "software")
    (tmp_path / "renderD128").touch()
    assert software_rendering(_options(), dri_dir=tmp_path)
    monkeypatch.setenv("QT_QUICK_BACKEND", "rhi")
    assert not software_rendering(_options(), dri_dir=Path("/nonexistent"))
