"""The status's feed states from a real beach panel source and a real mosquitto: connected, and the
age of each value (as measured from the value's observation time), then disconnected."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.scene_figures import feed_states, oldest_value_age_s
from signs.beach.item import BeachPanelItem
from tests.gui.test_beach_live import start_panel
from tests.support.mosquitto import Mosquitto, publish
from tests.support.uplinks import WEATHER_TOPIC, beach_item, weather_uplink


@pytest.fixture
def broker(tmp_path: Path):
    server = Mosquitto(tmp_path).start()
    yield server
    server.stop()


def test_feed_states_say_connected_and_the_age_of_each_value(qtbot, broker, jobs):
    config = BeachPanelItem.model_validate(beach_item(broker.url))
    live, panel = start_panel(config, jobs)
    try:
        qtbot.waitUntil(lambda: panel.connected is True, timeout=10_000)
        publish(broker.port, WEATHER_TOPIC, weather_uplink(water_temperature_c=22.0, h2s_ppm=0.02))
        qtbot.waitUntil(lambda: "air_temperature" in panel.state.values, timeout=10_000)
        observed = panel.state.values["air_temperature"][1]
        later = observed + timedelta(minutes=5)
        (key, feed), = feed_states(live, later).items()
        assert feed["connected"] is True and feed["age_s"]["air_temperature"] == 300.0
        assert oldest_value_age_s({key: feed}) >= 300.0
        broker.stop()
        qtbot.waitUntil(lambda: panel.connected is False, timeout=15_000)
        assert feed_states(live, datetime.now(UTC))[key]["connected"] is False
    finally:
        live.stop_all(1.0)
