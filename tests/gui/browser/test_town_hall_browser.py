"""The town-hall kiosk's web tile in the real locked-down browser: the tile opens its allow-listed
page in place, its page's attempt to leave the allow-list is refused and said, Terminer ends the
visit and wipes its web data (the browser's own privacy test proves what the wipe removes)."""

from datetime import UTC, datetime

from PySide6.QtTest import QTest

from common.clock import ManualClock
from kiosk.browser import browser_context
from signs.town_hall.acceo_hours import PARIS
from signs.town_hall.item import TownHallItem
from signs.town_hall.samples import write_sample_town_hall
from signs.town_hall.stage import Stage, context_for, touch_device

OPEN = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS).astimezone(UTC)


def web_view(pages):
    """The browser of the page on screen, read through properties: walking the item tree into
    Chromium's own items would make Python wrappers of objects it cannot wrap."""
    page = pages.property("current")
    return page.property("browser") if page is not None and page.objectName() == "page-web" else None


def test_a_web_tile_runs_in_the_locked_browser_and_terminer_wipes_the_visit(qtbot, qapp, tmp_path, hostile_server):
    document = write_sample_town_hall(tmp_path / "layout")
    tile = next(t for t in document["tiles"] if t["id"] == "demarches")
    tile.update(url=hostile_server.home + "/meta_refresh.html", allow=["127.0.0.1"])  # it tries to leave at once
    context = browser_context(qapp)
    sessions = context["webSessions"]
    ended: list[int] = []
    sessions.sessionEnded.connect(ended.append)
    stage = Stage(TownHallItem.model_validate(document), context_for(tmp_path / "layout", tmp_path / "cache"),
                  ManualClock(OPEN), context=context)
    try:
        pages, bar_end = stage.find("pages"), stage.find("bar-end")  # found before any web view exists
        stage.tap("tile-demarches")
        qtbot.waitUntil(lambda: web_view(pages) is not None, timeout=10_000)
        view = web_view(pages)
        qtbot.waitUntil(lambda: view.property("shownPanel") != "", timeout=20_000)  # the refusal is said
        assert view.property("currentUrl").startswith(hostile_server.home)
        assert hostile_server.outside_hits() == []

        where = stage.centre_of(bar_end)  # Terminer
        QTest.touchEvent(stage.view, touch_device()).press(0, where, stage.view).commit()
        stage.release(where)  # the visit ends at once, its web data with it
        qtbot.waitUntil(lambda: len(ended) == 1, timeout=5_000)
        qtbot.waitUntil(lambda: stage.session.property("page") == "home", timeout=5_000)
    finally:
        stage.close()
