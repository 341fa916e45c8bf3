"""The scheduler on the Qt event loop, driven by a ManualClock (nothing sleeps): one timer armed to
the exact next change, the switch when it fires, clock jumps, an untrusted clock, external shows.

The screen side is a small recording stand-in for the Player (its two signals and ``front_scene``):
the real Player and flow are exercised end to end by tests/e2e/test_schedule_switch.py.
"""

import json
import logging
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from common.clock import ManualClock
from kiosk.scheduler import JUMP_CHECK_MS, Scheduler
from layouts.store import LayoutStore
from tests.unit.schedule_reference import utc


def layout_doc(name: str) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 200},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 200, "playlist": [{"kind": "text", "text": name}]}]}


class Screen(QObject):
    """What the scheduler sees of the Player; ``show`` brings a layout to the front at once."""

    layout_applied = Signal(object)
    layout_failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.front_scene = None
        self.shown: list[str] = []

    def show(self, stored) -> None:
        if stored is None:
            return
        self.shown.append(stored.layout.name)
        self.front_scene = type("Scene", (), {"layout": stored.layout, "base_dir": stored.base_dir})()
        self.layout_applied.emit(self.front_scene)


def stored_plan(tmp_path: Path):
    folder = tmp_path / "bundle"
    folder.mkdir()
    for name in ("layout", "night", "results"):
        (folder / f"{name}.json").write_text(json.dumps(layout_doc(name)))
    (folder / "schedule.json").write_text(json.dumps({"default": "layout.json", "entries": [
        {"id": "night", "layout": "night.json", "priority": 10, "from": "22:00", "until": "06:00"},
        {"id": "election", "layout": "results.json", "priority": 90, "dates": ["2026-11-29"], "from": "19:00", "until": "02:00"}]}))
    store = LayoutStore(tmp_path / "store")
    from layouts import load_layout_file
    store.save_current(load_layout_file(folder / "layout.json"), folder)
    return store


def make(tmp_path, clock):
    store, screen, rereads = stored_plan(tmp_path), Screen(), []
    scheduler = Scheduler(clock, screen.show, lambda: rereads.append(1) or scheduler.take(store.load_best()))
    scheduler.attach(screen)
    return store, screen, scheduler, rereads


def test_one_timer_to_the_exact_next_change_and_the_switch_when_it_fires(qtbot, tmp_path):
    clock = ManualClock(utc(2026, 11, 29, 17, 59, 30))  # Sunday 18:59:30 in Paris, election night at 19:00
    store, screen, scheduler, _ = make(tmp_path, clock)
    scheduler.take(store.load_best())
    assert screen.shown == ["layout"]
    assert scheduler.timer.isActive() and abs(scheduler.timer.remainingTime() - 30_000) < 200
    clock.advance(30)
    scheduler.timer.timeout.emit()  # what the timer does when its 30 s have passed
    assert screen.shown == ["layout", "results"]
    assert scheduler.status_fields()["schedule"] == {"layout": "results", "source": "election",
                                                     "next_change": "2026-11-30T01:00:00+00:00"}
    clock.advance(7 * 3600)  # 02:00 Monday: the election is over, the night goes on until 06:00
    scheduler.timer.timeout.emit()
    assert screen.shown == ["layout", "results", "night"]
    clock.advance(1)
    scheduler.timer.timeout.emit()  # a spurious wake-up changes nothing
    assert screen.shown == ["layout", "results", "night"]
    assert scheduler.timer.isActive() and abs(scheduler.timer.remainingTime() - (4 * 3600 - 1) * 1000) < 200


def test_a_wall_clock_jump_is_logged_with_its_size_and_evaluated_at_once(qtbot, tmp_path, caplog):
    clock = ManualClock(utc(2026, 12, 1, 12))
    store, screen, scheduler, _ = make(tmp_path, clock)
    scheduler.start()
    scheduler.take(store.load_best())
    assert screen.shown == ["layout"] and scheduler.jump_timer.interval() == JUMP_CHECK_MS
    clock.advance(30)
    scheduler.check_jump()  # no jump: nothing logged, nothing shown
    clock.set_wall(utc(2026, 12, 1, 22))  # NTP or a manual set: 10 hours later, monotonic time did not move
    with caplog.at_level(logging.INFO, logger="kiosk.schedule"):
        scheduler.check_jump()
    jumps = [r for r in caplog.records if getattr(r, "event", "") == "clock_jump"]
    assert len(jumps) == 1 and jumps[0].jump_s == 35_970.0  # 12:00:30 -> 22:00, monotonic still
    assert screen.shown == ["layout", "night"]


def test_a_clock_before_the_build_date_shows_the_default_and_says_so(qtbot, tmp_path):
    clock = ManualClock(utc(2000, 1, 1, 23))  # an RTC without battery: a night, but the clock is not trusted
    store, screen, scheduler, _ = make(tmp_path, clock)
    scheduler.take(store.load_best())
    assert screen.shown == ["layout"] and scheduler.status_fields()["clock_suspect"] is True
    assert not scheduler.timer.isActive()  # nothing to wait for; the jump check notices the correction
    clock.set_wall(utc(2026, 12, 1, 23))
    scheduler.check_jump()
    assert screen.shown == ["layout", "night"] and scheduler.status_fields()["clock_suspect"] is False


def test_an_override_stored_by_the_api_is_shown_then_expires_on_the_clock(qtbot, tmp_path):
    clock = ManualClock(utc(2026, 12, 1, 12))
    store, screen, scheduler, rereads = make(tmp_path, clock)
    scheduler.take(store.load_best())
    folder = tmp_path / "urgent"
    folder.mkdir()
    (folder / "layout.json").write_text(json.dumps(layout_doc("urgent")))
    from layouts import load_layout_file
    store.overrides.add(load_layout_file(folder / "layout.json"), folder, clock.now(), clock.now() + timedelta(minutes=90))
    with qtbot.waitSignal(scheduler.changed, timeout=2000):
        scheduler.request_reread()  # from the service thread in the runtime: a queued signal
    assert screen.shown == ["layout", "urgent"]
    assert abs(scheduler.timer.remainingTime() - 90 * 60_000) < 200
    clock.advance(90 * 60)
    scheduler.timer.timeout.emit()
    assert screen.shown == ["layout", "urgent", "layout"]


def test_a_layout_someone_else_brought_makes_the_store_be_read_again(qtbot, tmp_path):
    clock = ManualClock(utc(2026, 12, 1, 23))
    store, screen, scheduler, rereads = make(tmp_path, clock)
    scheduler.take(store.load_best())
    assert screen.shown == ["night"]  # midnight in Paris
    pushed = store.load_best()
    screen.show(pushed)  # a push shows the default directly (kiosk.management), not through the scheduler
    qtbot.waitUntil(lambda: len(rereads) == 1, timeout=2000)
    assert screen.shown[-1] == "night"  # the schedule of the pushed bundle applies at once


def test_a_change_beyond_the_look_ahead_is_reached_by_looking_again(qtbot, tmp_path):
    folder = tmp_path / "far"
    folder.mkdir()
    for name in ("layout", "christmas"):
        (folder / f"{name}.json").write_text(json.dumps(layout_doc(name)))
    (folder / "schedule.json").write_text(json.dumps({"default": "layout.json", "entries": [
        {"id": "christmas", "layout": "christmas.json", "priority": 10, "dates": ["2026-12-25"]}]}))
    store = LayoutStore(tmp_path / "store")
    from layouts import load_layout_file
    store.save_current(load_layout_file(folder / "layout.json"), folder)
    clock, screen = ManualClock(utc(2026, 12, 5, 12)), Screen()
    scheduler = Scheduler(clock, screen.show, lambda: None)
    scheduler.attach(screen)
    scheduler.take(store.load_best())
    assert scheduler.status_fields()["schedule"]["next_change"] is None  # not within the week ahead
    wake_ups = 0
    while screen.shown == ["layout"]:  # each wake-up: the timer's whole wait, capped at a day
        assert scheduler.timer.isActive() and wake_ups < 30
        clock.advance(scheduler.timer.remainingTime() / 1000)
        scheduler.timer.timeout.emit()
        wake_ups += 1
    assert screen.shown == ["layout", "christmas"] and clock.now() == utc(2026, 12, 24, 23)
    assert wake_ups <= 20  # about one a day, not a poll
