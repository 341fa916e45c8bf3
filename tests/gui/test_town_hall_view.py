"""The town-hall kiosk on screen, driven by real touch events and keys on an injected clock: a tile
opens its native view, the bar is everywhere, the focus walks through every screen, the session
warns with a countdown and ends (web data and accessibility wiped, home again), Acceo open and
closed. No QML warning (pytest-qt fails the test on one)."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent

from common.clock import ManualClock
from signs.town_hall.acceo_hours import PARIS
from signs.town_hall.fake_access import StandInAccessibility
from signs.town_hall.item import TownHallItem
from signs.town_hall.samples import write_sample_town_hall
from signs.town_hall.stage import Stage, context_for
from tests.support.visual_checks import contrast_findings, describe

OPEN = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS).astimezone(UTC)  # a Thursday, 10:00 in Istres
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=PARIS).astimezone(UTC)
BAR = ["bar-home", "bar-back", "bar-help", "bar-language", "bar-access", "bar-acceo", "bar-end"]


class WebSessions(QObject):
    """What the browser helper's ``webSessions`` offers: the test counts the wipes."""

    def __init__(self) -> None:
        super().__init__()
        self.ended = 0

    @Slot()
    def endSession(self) -> None:  # noqa: N802
        self.ended += 1


@pytest.fixture
def stage_for(qapp, tmp_path):
    made: list[Stage] = []

    def make(clock: ManualClock, **context) -> Stage:
        item = TownHallItem.model_validate(write_sample_town_hall(tmp_path / "layout"))
        stage = Stage(item, context_for(tmp_path / "layout", tmp_path / "cache"), clock, context=context)
        made.append(stage)
        return stage

    yield make
    for stage in made:
        stage.close()


def key(stage: Stage, k: Qt.Key) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QGuiApplication.sendEvent(stage.view, QKeyEvent(kind, k, Qt.KeyboardModifier.NoModifier))


def page(stage: Stage) -> str:
    return stage.session.property("page")


PAGE_ITEMS = {"home": "page-home", "agenda": "page-agenda", "news": "page-news", "info": "page-info", "acceo": "page-acceo",
              "help": "page-help", "access": "page-access", "acceo-call": "page-web", "web:demarches": "page-web",
              "legal_acts": "page-legal-acts"}


def reached(stage: Stage, target: str) -> bool:
    """The session is on ``target`` and its page is made and drawn."""
    return page(stage) == target and _visible(stage, PAGE_ITEMS[target])


def test_a_tile_opens_its_native_view_on_release_and_home_is_one_touch_away(qtbot, stage_for):
    stage = stage_for(ManualClock(OPEN))
    qtbot.waitUntil(lambda: stage.find("tile-agenda").height() > 0)
    where = stage.press("tile-agenda")
    qtbot.waitUntil(lambda: stage.find("tile-agenda").property("down") is True)
    assert page(stage) == "home"  # nothing happens on press: activation is on release
    stage.release(where)
    qtbot.waitUntil(lambda: reached(stage, "agenda"))
    assert stage.find("page-agenda").isVisible() and stage.find("entry-0").isVisible()
    assert stage.session.property("active")  # the first touch started the session
    for name in BAR:
        button = stage.find(name)
        assert button.width() >= 88 and button.height() >= 88, name
    stage.tap("bar-home")
    qtbot.waitUntil(lambda: reached(stage, "home"))
    stage.tap("tile-actu")
    qtbot.waitUntil(lambda: reached(stage, "news"))
    stage.tap("bar-acceo")  # Acceo: one touch from anywhere
    qtbot.waitUntil(lambda: reached(stage, "acceo"))
    stage.tap("bar-back")
    qtbot.waitUntil(lambda: reached(stage, "news"))


def test_the_focus_walks_through_every_screen_and_reaches_every_action(qtbot, stage_for):
    stage = stage_for(ManualClock(OPEN))
    qtbot.waitUntil(lambda: stage.view.activeFocusItem() is not None)
    tiles = [t["id"] for t in stage.descriptor["tiles"]]

    def walk() -> list[str]:
        seen: list[str] = []
        for _ in range(80):
            key(stage, Qt.Key.Key_Right)
            name = stage.view.activeFocusItem().objectName()
            if seen and name == seen[0]:
                break
            seen.append(name)
        return seen

    found = walk()
    assert set(BAR) <= set(found) and {f"tile-{t}" for t in tiles} <= set(found)
    for target in ("agenda", "news", "info", "acceo", "help", "access"):
        stage.session.open(target)
        qtbot.waitUntil(lambda target=target: reached(stage, target))
        found = walk()
        assert set(BAR) <= set(found), (target, found)
        if target == "access":
            assert {"text-scale-100", "text-scale-150", "text-scale-200", "high-contrast"} <= set(found)
        if target == "acceo":
            assert {"acceo-call", "acceo-status"} <= set(found)
        if target == "info":
            assert {"info-0", "info-1", "info-2"} <= set(found)
    # Enter acts on the focused control, Escape goes back, F1 opens help from anywhere.
    stage.session.home()
    qtbot.waitUntil(lambda: reached(stage, "home"))
    stage.find("tile-infos").forceActiveFocus()
    key(stage, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reached(stage, "info"))
    key(stage, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: reached(stage, "help"))
    key(stage, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: reached(stage, "info"))


def test_the_session_warns_with_a_countdown_then_ends_and_wipes(qtbot, stage_for):
    clock, access, web = ManualClock(OPEN), StandInAccessibility(), WebSessions()
    stage = stage_for(clock, accessibility=access, webSessions=web)
    session = stage.session
    stage.tap("tile-agenda")
    qtbot.waitUntil(lambda: reached(stage, "agenda"))
    access.setTextScale(2.0)
    clock.advance(89)
    session.tick()
    assert not session.property("warning")
    clock.advance(2)  # 91 s idle: the warning, 29 s left of its 30
    session.tick()
    qtbot.waitUntil(lambda: stage.find("session-warning").isVisible())
    assert session.property("countdownS") == 29 and "29 s" in stage.find("session-countdown").property("text")
    assert stage.view.activeFocusItem().objectName() == "session-continue"
    for expected in ("session-end", "session-continue", "session-end"):  # the arrows stay within the warning
        key(stage, Qt.Key.Key_Right)
        assert stage.view.activeFocusItem().objectName() == expected
    assert any("toujours là" in said for said in access.said)  # spoken as well as shown
    stage.tap("session-continue")  # "Continuer": a new idle time
    qtbot.waitUntil(lambda: not _visible(stage, "session-warning"))
    assert not session.property("warning") and page(stage) == "agenda"
    clock.advance(90 + 29)
    session.tick()
    assert session.property("warning") and session.property("countdownS") == 1
    clock.advance(1)
    session.tick()
    qtbot.waitUntil(lambda: reached(stage, "home"))
    assert not session.property("active") and web.ended == 1 and access.resets == 1 and access.property("textScale") == 1.0


def _visible(stage: Stage, name: str) -> bool:
    try:
        return stage.find(name).isVisible()
    except LookupError:
        return False


def test_terminer_ends_at_once_and_slow_mode_and_calls_lengthen_the_idle_time(qtbot, stage_for):
    clock, access, web = ManualClock(OPEN), StandInAccessibility(timeout_factor=2.0), WebSessions()
    stage = stage_for(clock, accessibility=access, webSessions=web)
    session = stage.session
    stage.tap("bar-acceo")
    qtbot.waitUntil(lambda: reached(stage, "acceo"))
    clock.advance(150)  # slow mode: 2 x 90 s before the warning
    session.tick()
    assert not session.property("warning")
    stage.tap("acceo-call")  # the Acceo page in the browser: a call pauses the idle time
    qtbot.waitUntil(lambda: reached(stage, "acceo-call"))
    assert session.property("paused")
    clock.advance(3600)
    session.tick()
    assert session.property("active") and not session.property("warning")
    stage.tap("bar-end")  # "Terminer": at once
    qtbot.waitUntil(lambda: reached(stage, "home"))
    assert not session.property("active") and not session.property("paused") and web.ended == 1 and access.resets == 1


def test_acceo_says_open_now_or_when_again_and_never_a_dead_end(qtbot, stage_for):
    stage = stage_for(ManualClock(OPEN))
    stage.tap("bar-acceo")
    qtbot.waitUntil(lambda: reached(stage, "acceo"))
    assert "disponible maintenant" in stage.find("acceo-status").property("text") and _visible(stage, "acceo-call")
    assert not _visible(stage, "acceo-contacts")
    closed = stage_for(ManualClock(SATURDAY))
    closed.tap("bar-acceo")
    qtbot.waitUntil(lambda: reached(closed, "acceo"))
    # "9 h" is never split over two lines (a no-break space)
    assert "fermé : reprise lundi à 9\u00a0h" in closed.find("acceo-status").property("text") and not _visible(closed, "acceo-call")
    contacts = closed.find("acceo-contacts").property("text")
    assert "SMS" in contacts and "accueil@istres.example" in contacts and "Accueil de la mairie" in contacts
    closed.tap("bar-language")
    qtbot.waitUntil(lambda: "closed: opens again Monday at 9 am" in closed.find("acceo-status").property("text"))


def test_without_the_browser_a_web_tile_offers_the_page_on_the_phone(qtbot, stage_for):
    stage = stage_for(ManualClock(OPEN))
    stage.tap("tile-demarches")
    qtbot.waitUntil(lambda: reached(stage, "web:demarches"))
    assert _visible(stage, "web-fallback")


def test_the_region_is_held_during_a_session_and_its_reset_wipes_the_visitor(qtbot, stage_for):
    from PySide6.QtCore import QMetaObject

    web = WebSessions()
    stage = stage_for(ManualClock(OPEN), webSessions=web)
    touches: list[bool] = []
    stage.root.interacted.connect(lambda: touches.append(True))
    assert not stage.root.property("holdingRegion")
    stage.tap("tile-infos")
    qtbot.waitUntil(lambda: reached(stage, "info"))
    assert touches and stage.root.property("holdingRegion")  # the region's idle time restarts while it holds
    QMetaObject.invokeMethod(stage.root, "resetSession")  # what the runtime calls when the region's session ends
    qtbot.waitUntil(lambda: reached(stage, "home"))
    assert not stage.root.property("holdingRegion") and web.ended == 1


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_no_text_is_cut_on_any_screen_at_any_text_size(qtbot, stage_for, scale):
    """Every Text item that is shown says all of itself (Qt's ``truncated``: elided or past its line
    limit), on every page, for the three text sizes, in French and English."""
    access = StandInAccessibility(text_scale=scale)
    stage = stage_for(ManualClock(SATURDAY), accessibility=access)
    cut: list[str] = []
    for language in ("fr", "en"):
        access.setLanguage(language)
        for target in ("home", "agenda", "news", "info", "info:0", "acceo", "help", "access", "map"):
            stage.session.open(target)
            qtbot.waitUntil(lambda target=target: stage.find("pages").property("shown") == target)
            stage.settle()
            cut += [f"{language} {target}: {item.property('text')!r}" for item in stage.items()
                    if item.isVisible() and item.property("truncated") is True]
    assert any(item.property("truncated") is False for item in stage.items())  # the property is read, not missing
    assert cut == []


def test_the_legal_acts_tile_opens_the_catalogue_of_the_legal_acts_sign(qtbot, stage_for):
    stage = stage_for(ManualClock(OPEN))
    stage.tap("tile-actes")
    qtbot.waitUntil(lambda: reached(stage, "legal_acts"))
    catalogue = stage.find("legal-acts-catalogue")
    assert catalogue.isVisible() and catalogue.property("catalogue").property("total") == 8
    stage.tap("bar-home")  # the bar stays over it: home in one touch
    qtbot.waitUntil(lambda: reached(stage, "home"))


@pytest.mark.parametrize("high_contrast", [False, True])
def test_every_text_on_every_screen_meets_its_contrast(qtbot, stage_for, high_contrast):
    """Measured on the grabbed window (tests/support/visual_checks): 4.5:1 (3:1 for large text), and
    7:1 in high-contrast mode, for every shown text of every page."""
    access = StandInAccessibility(high_contrast=high_contrast)
    stage = stage_for(ManualClock(OPEN), accessibility=access)
    found = []
    for target in ("home", "agenda", "news", "info", "info:0", "acceo", "help", "access", "map"):
        stage.session.open(target)
        qtbot.waitUntil(lambda target=target: stage.find("pages").property("shown") == target)
        stage.settle()
        image = stage.view.grabWindow()
        found += contrast_findings(stage.root, image, level="AAA" if high_contrast else "AA",
                                   minimum=7.0 if high_contrast else None)
    assert found == [], describe(found)
