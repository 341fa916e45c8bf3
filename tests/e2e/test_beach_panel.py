"""The beach panel in the real kiosk process, fed by a real mosquitto: values drawn, H2S alert and its hold."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.kiosk_process import KioskProcess
from tests.support.mosquitto import Mosquitto, publish
from tests.support.uplinks import WEATHER_TOPIC, beach_item, weather_uplink

pytestmark = pytest.mark.e2e
ALERT_RED = "#b00020"  # the panel's own H2S view
TAKEOVER_SEVERE = "#8a1000"  # the screen's alert takeover (AlertOverlay.qml), above every region
UV_VERY_HIGH = "#d7263d"


def shot_after(kiosk: KioskProcess, after_mono: float) -> QImage:
    kiosk.wait_for(lambda events: any(e.get("event") == "screenshot_saved" and e["grabbed_mono"] > after_mono for e in events),
                   30, "a screenshot")
    path = next(e["path"] for e in kiosk.named("screenshot_saved") if e["grabbed_mono"] > after_mono)
    return QImage(path)


def test_panel_draws_live_values_and_the_h2s_alert_lifts_after_its_hold(tmp_path: Path):
    """Event-driven: each uplink's frame is awaited (live_drawn), and the 2 s hold is crossed by the
    readings' own times (observed 2.1 s apart), as the rule is written, instead of by sleeping."""
    broker = Mosquitto(tmp_path).start()
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({
        "schema_version": 2, "name": "plage", "screen": {"width": 960, "height": 540},
        "regions": [{"id": "panel", "x": 0, "y": 0, "width": 960, "height": 540,
                     "playlist": [beach_item(broker.url, h2s_hold_s=2)]}]}))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(tmp_path / "data"),
                          "--screenshot-dir", str(tmp_path / "shots"), "--screenshot-every", "0.5", "--probe-live-latency"], tmp_path)
    drawn = 0

    def send_and_see(**values: float | datetime) -> QImage:
        nonlocal drawn
        publish(broker.port, WEATHER_TOPIC, weather_uplink(**values))
        drawn += 1
        return shot_after(kiosk, kiosk.wait_event("live_drawn", count=drawn, timeout_s=20)["t"])

    try:
        kiosk.wait_event("feed_connected", timeout_s=60)
        kiosk.wait_event("layout_applied", timeout_s=60)
        normal = send_and_see(h2s_ppm=0.02)
        # The UV tile (second row, middle) is framed in the WHO "very high" red; no alert on screen.
        assert normal.pixelColor(480, 20).name() != ALERT_RED
        lower_middle = {normal.pixelColor(x, y).name() for x in range(330, 630, 2) for y in range(300, 540, 2)}
        assert UV_VERY_HIGH in lower_middle

        assert send_and_see(h2s_ppm=1.6).pixelColor(20, 20).name() in (ALERT_RED, TAKEOVER_SEVERE)
        kiosk.wait_event("h2s_alert_started", timeout_s=20)
        # The panel raised it as one of the screen's alerts: the takeover covers every region.
        shown = shot_after(kiosk, kiosk.wait_event("alert_drawn", kind="shown", timeout_s=20)["t"])
        assert shown.pixelColor(20, 20).name() == TAKEOVER_SEVERE
        assert kiosk.named("alert_shown")[0]["alert_id"].startswith("local-h2s-")
        under_since = datetime.now(UTC)
        held = send_and_see(at=under_since, h2s_ppm=0.1)  # under the threshold: the hold starts
        assert held.pixelColor(20, 20).name() == TAKEOVER_SEVERE  # still held
        send_and_see(at=under_since + timedelta(seconds=2.1), h2s_ppm=0.05)  # 2 s under: it lifts
        kiosk.wait_event("h2s_alert_lifted", timeout_s=20)
        lifted = shot_after(kiosk, kiosk.wait_event("alert_drawn", kind="cleared", timeout_s=20)["t"])
        assert lifted.pixelColor(20, 20).name() not in (ALERT_RED, TAKEOVER_SEVERE)
    finally:
        assert kiosk.stop() == 0
        broker.stop()
    assert not kiosk.named("unhandled_exception")


def test_broker_down_values_turn_unavailable_then_come_back_without_a_restart(tmp_path: Path):
    broker = Mosquitto(tmp_path).start()
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({
        "schema_version": 2, "name": "plage", "screen": {"width": 640, "height": 360},
        "regions": [{"id": "panel", "x": 0, "y": 0, "width": 640, "height": 360,
                     "playlist": [beach_item(broker.url, ttl_s={"air_temperature": 2})]}]}))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(tmp_path / "data")], tmp_path)
    try:
        kiosk.wait_event("feed_connected", timeout_s=60)
        publish(broker.port, WEATHER_TOPIC, weather_uplink())
        kiosk.wait_event("reading_current", quantity="air_temperature", timeout_s=20)
        broker.stop()
        kiosk.wait_event("feed_disconnected", timeout_s=20)
        expired = kiosk.wait_event("reading_expired", quantity="air_temperature", timeout_s=20)
        assert expired["msg"].startswith("indisponible (dernière donnée ")
        broker.start()
        kiosk.wait_event("feed_connected", count=2, timeout_s=60)
        publish(broker.port, WEATHER_TOPIC, weather_uplink())
        kiosk.wait_event("reading_current", count=2, quantity="air_temperature", timeout_s=20)
    finally:
        assert kiosk.stop() == 0
        broker.stop()
    assert len(kiosk.named("feed_disconnected")) == 1  # a transition, logged once however long it lasts
    assert len(kiosk.named("start")) == 1
