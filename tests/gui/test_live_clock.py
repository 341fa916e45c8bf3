"""Time in the live path comes from the injected clock: tests move it, nothing sleeps.

The panel's adapter takes batches parsed by the same function paho's thread runs; the clock is
moved past a value's time-to-live and past the H2S hold, and each tick says what the panel shows.
"""

from datetime import timedelta

from common.clock import ManualClock
from signs.beach.feeds import message_parser
from signs.beach.item import BeachPanelItem
from signs.beach.live import BeachPanelLive
from tests.support.uplinks import WEATHER_TOPIC, beach_item, weather_uplink


def tile(panel: BeachPanelLive, key: str) -> dict:
    return next(t for t in panel.display["tiles"] if t["key"] == key)


def make_panel(clock: ManualClock, **overrides) -> tuple[BeachPanelLive, object]:
    config = BeachPanelItem.model_validate(beach_item("mqtt://127.0.0.1:1", **overrides))
    return BeachPanelLive(config, clock), message_parser(config)


def deliver(panel: BeachPanelLive, parse, clock: ManualClock, **values) -> None:
    panel.apply(parse(WEATHER_TOPIC, weather_uplink(at=clock.now(), **values), clock.now()))
    panel.tick()  # the runtime redraws once per slice of batches


def test_a_value_expires_when_the_clock_passes_its_ttl(qtbot):
    clock = ManualClock()
    panel, parse = make_panel(clock, ttl_s={"air_temperature": 60})
    deliver(panel, parse, clock, air_temperature_c=24.5)
    assert tile(panel, "air_temperature")["fresh"] and tile(panel, "air_temperature")["value_fr"] == "24,5"
    clock.advance(59)
    panel.tick()
    assert tile(panel, "air_temperature")["fresh"]
    clock.advance(2)
    panel.tick()
    assert not tile(panel, "air_temperature")["fresh"] and tile(panel, "air_temperature")["value_fr"] == "—"


def test_the_h2s_alert_lifts_only_after_the_hold_of_clock_time(qtbot):
    clock = ManualClock()
    panel, parse = make_panel(clock, h2s_hold_s=900)
    deliver(panel, parse, clock, h2s_ppm=6.0)
    assert panel.display["alert"] is True
    clock.advance(60)
    deliver(panel, parse, clock, h2s_ppm=0.2)  # under the threshold: the hold starts now
    for _ in range(14):
        clock.advance(60)
        deliver(panel, parse, clock, h2s_ppm=0.2)
        assert panel.display["alert"] is True  # less than 900 s under
    clock.advance(timedelta(seconds=61).total_seconds())
    deliver(panel, parse, clock, h2s_ppm=0.2)
    assert panel.display["alert"] is False
