"""The beach panel's H2S alert is one of the screen's alerts: raised, kept from expiring, lifted."""

from datetime import UTC, datetime

from common.clock import ManualClock
from kiosk.alerts import AlertCenter
from kiosk.alerts_local import LocalAlerts
from media.feeds.cap_area import ScreenPlace
from media.feeds.readings import Reading
from signs.beach.alerting import H2S_REFRESH_S, set_local_alerts
from signs.beach.feeds import BeachBatch
from signs.beach.item import BeachPanelItem
from signs.beach.live import BeachPanelLive
from tests.support.uplinks import beach_item


def h2s(ppm: float, at: datetime) -> BeachBatch:
    return BeachBatch("istres/plage/capteurs", (Reading("chirpstack:h2s-1", "h2s", ppm, "ppm", at, at),))


def test_the_panels_h2s_alert_takes_the_screen_and_lifts_with_it(qtbot, tmp_path):
    clock = ManualClock(datetime(2026, 7, 14, 11, 0, tzinfo=UTC))
    journal: list[str] = []
    center = AlertCenter(ScreenPlace(None, frozenset()), clock, tmp_path,
                         on_alert_event=lambda kind, _id, _detail: journal.append(kind))
    config = BeachPanelItem.model_validate({**beach_item("mqtt://127.0.0.1:1"), "h2s_hold_s": 600})
    panel = BeachPanelLive(config, clock)
    set_local_alerts(LocalAlerts(center, clock))
    try:
        panel.apply(h2s(0.02, clock.now()))
        assert not center.display["active"] and journal == []

        panel.apply(h2s(2.4, clock.now()))  # over 1 ppm: the panel's alert starts, so does the screen's
        qtbot.waitUntil(lambda: center.display["active"], timeout=2000)
        assert "Accès déconseillé" in center.display["headline"] and journal == ["shown"]

        clock.advance(60)
        panel.apply(h2s(2.5, clock.now()))  # same band, just raised: nothing new for the alert centre
        clock.advance(H2S_REFRESH_S)
        panel.apply(h2s(2.6, clock.now()))  # still high much later: raised again so it does not expire
        qtbot.waitUntil(lambda: journal.count("updated") == 1, timeout=2000)

        panel.apply(h2s(0.01, clock.now()))  # under the threshold, but not yet for the hold period
        clock.advance(601)
        panel.apply(h2s(0.01, clock.now()))
        qtbot.waitUntil(lambda: not center.display["active"], timeout=2000)
        assert journal[-1] == "lifted" and not panel.state.alert.active
    finally:
        set_local_alerts(None)
        center.stop()


def test_an_alert_left_by_the_previous_run_lifts_after_the_hold_not_at_the_first_low_reading(qtbot, tmp_path):
    clock = ManualClock(datetime(2026, 7, 14, 11, 0, tzinfo=UTC))
    config = BeachPanelItem.model_validate({**beach_item("mqtt://127.0.0.1:1"), "h2s_hold_s": 600})
    before = AlertCenter(ScreenPlace(None, frozenset()), clock, tmp_path)
    set_local_alerts(LocalAlerts(before, clock))
    try:
        BeachPanelLive(config, clock).apply(h2s(3.0, clock.now()))
        qtbot.waitUntil(lambda: before.display["active"], timeout=2000)
        before.stop()  # the process ends with the alert held (stored)

        clock.advance(120)
        after = AlertCenter(ScreenPlace(None, frozenset()), clock, tmp_path)
        after.restore()
        qtbot.waitUntil(lambda: after.display["active"], timeout=2000)  # back on screen after the restart
        set_local_alerts(LocalAlerts(after, clock))
        panel = BeachPanelLive(config, clock)  # the panel takes the restored alert as its own again
        assert panel.state.alert.active
        panel.apply(h2s(0.01, clock.now()))  # under the threshold: the hold starts, nothing lifts yet
        qtbot.wait(50)
        assert after.display["active"]
        clock.advance(601)
        panel.apply(h2s(0.01, clock.now()))
        qtbot.waitUntil(lambda: not after.display["active"], timeout=2000)
        assert not after.store.held(), "the earlier run's alert is cancelled, not left to expire"
        after.stop()
    finally:
        set_local_alerts(None)
