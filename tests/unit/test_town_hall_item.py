"""The town_hall item's own rules (each problem with its path) and the kiosk's pure visitor state:
the navigation stack and the session clock (idle, warning, end, slow mode, paused during a call)."""

import pytest
from pydantic import ValidationError

from layouts.validate import collect_problems
from signs.town_hall.item import TownHallItem
from signs.town_hall.model import HOME, MAX_DEPTH, Navigation, SessionClock
from signs.town_hall.samples import ITEM


def problems(item: dict) -> list[str]:
    return [f"{p.path}: {p.message}" for p in TownHallItem.model_validate(item).problems("$.item")]


def test_the_demo_item_is_valid():
    assert problems(ITEM) == []


def test_each_tile_needs_one_target_and_what_its_view_reads():
    item = {"kind": "town_hall", "tiles": [
        {"id": "a", "label_fr": "A", "label_en": "A"},
        {"id": "a", "label_fr": "B", "label_en": "B", "view": "agenda"},
        {"id": "c", "label_fr": "C", "label_en": "C", "view": "acceo", "url": "https://x.fr"},
        {"id": "d", "label_fr": "D", "label_en": "D", "url": "ftp://x.fr"}]}
    found = problems(item)
    assert "$.item.tiles[0]: give the tile a native view or a url (one of them)" in found
    assert "$.item.tiles[1].id: tile id 'a' is used twice" in found
    assert "$.item.tiles[1].view: the agenda view needs agenda_url in the item" in found
    assert "$.item.tiles[2]: give the tile a native view or a url (one of them)" in found
    assert any(p.startswith("$.item.tiles[3].url: must be a https:// or http:// URL") for p in found)


def test_acceo_hours_must_make_sense():
    acceo = {"slug": "mairie", "hours": [{"day": "monday", "opens": "09:00", "closes": "08:00"},
                                         {"day": "tuesday", "opens": "09:00", "closes": "12:00"},
                                         {"day": "tuesday", "opens": "11:00", "closes": "17:00"}]}
    found = problems({**ITEM, "acceo": acceo})
    assert "$.item.acceo.hours[0].closes: closes at 08:00, not after it opens (09:00)" in found
    assert "$.item.acceo.hours: two opening spans overlap on tuesday" in found


@pytest.mark.parametrize("bad", [{"acceo": {"slug": "../../evil"}},
                                 {"acceo": {"slug": "a", "hours": [{"day": "funday", "opens": "9", "closes": "x"}]}},
                                 {"warning_s": 5}, {"idle_timeout_s": float("nan")}, {"tiles": []},
                                 {"tiles": [{"id": "x", "label_fr": "x", "label_en": "x", "url": "https://a.fr", "allow": ["*"]}]}])
def test_outside_values_are_refused(bad):
    with pytest.raises(ValidationError):
        TownHallItem.model_validate({**ITEM, **bad})


def test_a_layout_with_the_item_validates_through_the_registry():
    document = {"schema_version": 2, "name": "Hall", "screen": {"width": 1920, "height": 1080, "orientation": "landscape"},
                "regions": [{"id": "main", "x": 0, "y": 0, "width": 1920, "height": 1080, "playlist": [{**ITEM, "agenda_url": "../x.ics"}]}]}
    _layout, found = collect_problems(document)
    assert [p.path for p in found] == ["$.regions[0].playlist[0].agenda_url"]


def test_navigation_back_home_and_bounded_depth():
    nav = Navigation()
    nav.back()
    assert nav.page == HOME
    nav.open("agenda")
    nav.open("agenda")
    nav.open("acceo")
    assert nav.stack == [HOME, "agenda", "acceo"]
    nav.back()
    assert nav.page == "agenda"
    nav.open(HOME)
    assert nav.stack == [HOME]
    for i in range(100):
        nav.open(f"info:{i}")
    assert len(nav.stack) == MAX_DEPTH and nav.stack[0] == HOME


def test_the_session_clock():
    clock = SessionClock(idle_s=90, warning_s=30)
    assert not clock.active and clock.remaining_s(0) == 0 and not clock.expired(0)
    assert clock.touched(100) and not clock.touched(110)
    assert not clock.warning(199) and clock.warning(201) and clock.remaining_s(201) == 29
    assert clock.expired(230)
    clock.set_factor(2.0)
    assert not clock.warning(250) and clock.warning(291)
    for bad in (float("nan"), float("inf"), 0.1, 99, True):
        clock.set_factor(bad)
        assert clock.factor == 1.0 or bad is True
    clock.set_factor(1.0)
    clock.set_paused(True, 150)
    assert not clock.expired(10_000) and not clock.warning(10_000)
    clock.set_paused(False, 10_000)
    assert clock.remaining_s(10_000) == 120
    assert clock.end() >= 0 and not clock.active
