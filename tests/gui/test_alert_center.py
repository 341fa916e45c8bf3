"""The alert centre in the GUI thread, on a moved clock: messages from other threads, the expiry timer,
the stored alerts across a restart, the journal hook, a flood's bounded logging, the language alternation."""

import json
import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from common.clock import ManualClock
from kiosk.alerts import AlertCenter
from media.feeds.cap import parse_cap
from media.feeds.cap_area import ScreenPlace
from tests.support.cap import ROMANIQUETTE, cap, fixture_bytes, stamp

T0 = datetime(2026, 7, 14, 13, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def center(clock: ManualClock, data: Path, hook=None, **kwargs) -> AlertCenter:  # noqa: ANN001
    journal = hook if hook is not None else (lambda kind, alert_id, detail: None)
    made = AlertCenter(ScreenPlace(ROMANIQUETTE), clock, data, on_alert_event=journal, **kwargs)
    made.restore()
    return made


def submit(c: AlertCenter, raw: bytes, qtbot) -> list:  # noqa: ANN001
    future = c.submit(parse_cap(raw, "test"), raw)
    qtbot.waitUntil(future.done, timeout=2000)
    return [(ch.kind, ch.alert_id) for ch in future.result()]


def test_from_another_thread_to_the_display_and_the_hook(qtbot, clock, tmp_path):
    journal: list[tuple[str, str, dict]] = []
    c = center(clock, tmp_path, lambda kind, alert_id, detail: journal.append((kind, alert_id, detail)))
    raw = fixture_bytes()
    futures = []
    worker = threading.Thread(target=lambda: futures.append(c.submit(parse_cap(raw, "mqtt"), raw)))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(futures) and futures[0].done(), timeout=2000)
    assert c.display["active"] and c.display["alertId"] == "FR-13047-2026-0042" and c.display["lang"] == "fr"
    assert journal[0][:2] == ("shown", "FR-13047-2026-0042") and journal[0][2]["severity"] == "Severe"
    assert c.status()[0]["on_screen"] is True
    c.stop()


def test_expiry_timer_lifts_on_the_clock(qtbot, clock, tmp_path):
    c = center(clock, tmp_path)
    submit(c, cap("short", sent=T0, expires=T0 + timedelta(seconds=2)), qtbot)
    assert c.display["active"]
    clock.advance(2)  # the real timer fires about 2 s later and finds the clock moved too
    qtbot.waitUntil(lambda: not c.display["active"], timeout=4000)
    c.stop()


def test_restart_during_an_alert_shows_it_again(qtbot, clock, tmp_path):
    first = center(clock, tmp_path)
    submit(first, cap("kept", sent=T0, expires=T0 + timedelta(hours=2)), qtbot)
    submit(first, cap("c", sent=T0, expires=T0 + timedelta(hours=2), msg_type="Cancel",
                      references=f"securite-civile@istres.fr,gone,{stamp(T0)}"), qtbot)
    assert first.flush(2.0)
    first.stop()
    stored = json.loads((tmp_path / "alerts.json").read_text())
    assert len(stored["alerts"]) == 1 and "gone" in stored["lifted"]
    clock.advance(600)
    second = center(clock, tmp_path)
    assert second.display["active"] and second.display["alertId"] == "kept"
    assert submit(second, cap("gone", sent=T0, expires=T0 + timedelta(hours=2)), qtbot) == [("refused", "gone")]
    second.stop()
    clock.advance(3 * 3600)
    third = center(clock, tmp_path)
    assert not third.display["active"], "expired while stopped: not shown again"
    third.stop()


def test_a_corrupt_store_starts_empty_and_says_so(qtbot, clock, tmp_path, caplog):
    (tmp_path / "alerts.json").write_text("{not json")
    with caplog.at_level(logging.ERROR):
        c = center(clock, tmp_path)
    assert not c.display["active"] and any(getattr(r, "event", "") == "alerts_store_unreadable" for r in caplog.records)
    c.stop()


def test_a_flood_is_logged_within_budget(qtbot, clock, tmp_path, caplog):
    c = center(clock, tmp_path)
    submit(c, cap("real", sent=T0, expires=T0 + timedelta(hours=2), severity="Extreme"), qtbot)
    with caplog.at_level(logging.INFO, logger="kiosk.alerts"):
        futures = [c.submit(parse_cap(raw, "mqtt"), raw) for raw in
                   (cap(f"f{i}", sent=T0, expires=T0 - timedelta(seconds=1)) for i in range(1000))]
        qtbot.waitUntil(lambda: all(f.done() for f in futures), timeout=10000)
    events = [getattr(r, "event", "") for r in caplog.records]
    assert events.count("alert_flood") == 1 and events.count("alert_refused") == 20, "1,000 refusals, 20 lines and a flood line"
    assert c.display["alertId"] == "real"
    clock.advance(11)
    c._roll_budget()
    suppressed = [r for r in caplog.records if getattr(r, "event", "") == "alert_log_suppressed"]
    assert suppressed and suppressed[0].counts == {"refused": 980}
    c.stop()


def test_french_and_english_alternate(qtbot, clock, tmp_path, monkeypatch):
    monkeypatch.setattr("kiosk.alerts.ALTERNATE_MS", 50)
    c = center(clock, tmp_path)
    submit(c, fixture_bytes().replace(b"2026-07-15T09:00", b"2026-07-16T09:00"), qtbot)
    seen = set()
    c.displayChanged.connect(lambda: seen.add(c.display["lang"]))
    c._alternate.setInterval(50)
    qtbot.waitUntil(lambda: seen == {"fr", "en"}, timeout=3000)
    c.stop()
