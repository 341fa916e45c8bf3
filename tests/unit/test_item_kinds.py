"""The item-kind registry: every kind declared once in its sign's folder; kiosk names none.

A test-only kind (tests.plugins.sparkle_signs/sparkle/) shows that adding a kind is adding a
folder: registered here, it validates, reports its own problems, appears in the JSON Schema and
is refused again once removed.
"""

import json
import re
from pathlib import Path

import pytest

from layouts import LayoutInvalid, parse_layout
from layouts.kinds import item_models, kind_names, register_item_model, unregister_item_model
from layouts.schema import layout_json_schema
from signs.kinds import incomplete_kinds, runtime_kinds

ROOT = Path(__file__).resolve().parents[2]


def layout_with(item: dict) -> str:
    return json.dumps({"schema_version": 2, "name": "t", "regions": [{"id": "r", "x": 0, "y": 0, "width": 100, "height": 100, "playlist": [item]}]})


@pytest.fixture
def sparkle():
    from tests.plugins.sparkle_signs.sparkle.item import SparkleItem

    register_item_model(SparkleItem)
    yield SparkleItem
    unregister_item_model("sparkle")


def test_every_kind_has_a_model_a_view_and_a_way_to_be_shown():
    assert set(kind_names()) >= {"image", "video", "web", "pdf", "text", "clock", "qr", "beach_panel"}
    assert incomplete_kinds() == []
    for name, kind in runtime_kinds().items():
        assert kind.view.is_file(), f"{name}: {kind.view} is missing"
        assert name in item_models()


def test_a_kind_from_its_own_folder_validates_with_its_own_rules(sparkle):
    layout = parse_layout(layout_with({"kind": "sparkle", "stars": 40, "duration_s": 5}))
    item = layout.regions[0].playlist[0]
    assert isinstance(item, sparkle) and item.stars == 40
    with pytest.raises(LayoutInvalid) as refused:
        parse_layout(layout_with({"kind": "sparkle", "duration_s": 2, "twinkle_every_s": 3, "stars": 0}))
    assert [str(p) for p in refused.value.problems] == ["$.regions[0].playlist[0].stars: must be at least 1 (found 0)"]
    with pytest.raises(LayoutInvalid) as refused:
        parse_layout(layout_with({"kind": "sparkle", "duration_s": 2, "twinkle_every_s": 3}))
    assert [str(p) for p in refused.value.problems] == [
        "$.regions[0].playlist[0].twinkle_every_s: must twinkle at least once while on screen"]
    schema = json.dumps(layout_json_schema())
    assert "SparkleItem" in schema and '"sparkle"' in schema


def test_an_unknown_kind_is_named_with_the_known_ones_and_a_removed_kind_is_refused(sparkle):
    with pytest.raises(LayoutInvalid) as refused:
        parse_layout(layout_with({"kind": "hologram"}))
    message = str(refused.value.problems[0])
    assert message.startswith("$.regions[0].playlist[0]: kind must be one of: ") and "sparkle" in message and "image" in message
    unregister_item_model("sparkle")
    with pytest.raises(LayoutInvalid):
        parse_layout(layout_with({"kind": "sparkle"}))


def test_the_runtime_names_no_item_kind():
    names = [n for n in kind_names() if n != "sparkle"]
    pattern = re.compile(r"""["'](%s)["']|\b(%s)\b""" % ("|".join(names), "beach|Beach|flag|Flag"))
    offenders = []
    for path in [*(ROOT / "kiosk").rglob("*.py"), *(ROOT / "kiosk").rglob("*.qml")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0] if path.suffix == ".py" else line.split("//", 1)[0]
            if pattern.search(code):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
