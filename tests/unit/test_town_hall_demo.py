"""The demo's town-hall kiosk: added to the assembled demo layout, valid, its feeds and map beside it,
its acts the demo's own catalogue."""

from datetime import date

from kiosk.cli import demo_layout_path
from layouts import load_layout_file


def test_the_demo_gets_a_valid_town_hall_item(tmp_path):
    from signs.legal_acts.demo import assemble_demo
    from signs.town_hall.demo import add_town_hall

    layout_file = add_town_hall(assemble_demo(demo_layout_path(), tmp_path / "demo", today=date(2026, 11, 20)))
    item = load_layout_file(layout_file).regions[0].playlist[2]
    assert item.kind == "town_hall" and item.legal_acts is not None and item.legal_acts.acts_file == "acts.json"
    assert all((layout_file.parent / name).is_file() for name in item.file_references().values())
