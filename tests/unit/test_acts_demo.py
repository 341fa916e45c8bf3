"""The demo's legal-acts screen: assembled next to the demo layout, a valid layout whose acts all read."""

import json
from datetime import date

from kiosk.cli import demo_layout_path
from layouts import load_layout_file
from media.acts.feed_json import parse_acts_feed


def test_the_assembled_demo_is_a_valid_layout_with_three_dozen_acts(tmp_path):
    from signs.legal_acts.demo import assemble_demo

    layout_file = assemble_demo(demo_layout_path(), tmp_path / "demo", today=date(2026, 7, 14))
    layout = load_layout_file(layout_file)
    item = layout.regions[0].playlist[1]
    assert item.kind == "legal_acts" and item.attract_tour and len(item.bundled_files) == 36
    assert all((layout_file.parent / name).is_file() for name in item.file_references().values())
    acts, problems = parse_acts_feed((layout_file.parent / "acts.json").read_bytes(), "acts.json")
    assert problems == [] and len(acts) == 36 and len({a.category for a in acts}) == 8
    assert json.loads(demo_layout_path().read_text())["regions"][0]["playlist"][1]["kind"] == "image"  # the original is untouched
    assemble_demo(demo_layout_path(), tmp_path / "demo")  # twice is fine
