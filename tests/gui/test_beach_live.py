"""The beach panel's live store against a real mosquitto: values in, ages out, broker down and back."""

import json
from pathlib import Path

import pytest

from common.clock import SystemClock
from kiosk.jobs import Jobs
from kiosk.live_data import LiveData
from signs.beach.item import BeachPanelItem
from signs.beach.kind import live_spec
from signs.beach.live import BeachPanelLive
from tests.support.mosquitto import Mosquitto, publish
from tests.support.uplinks import (
    WEATHER_TOPIC,
    beach_item,
    flag_message,
    parking_uplink,
    weather_uplink,
)


@pytest.fixture
def broker(tmp_path: Path):
    server = Mosquitto(tmp_path).start()
    yield server
    server.stop()


def tile(panel: BeachPanelLive, key: str) -> dict:
    return next(t for t in panel.display["tiles"] if t["key"] == key)


def start_panel(config: BeachPanelItem, jobs: Jobs) -> tuple[LiveData, BeachPanelLive]:
    """The panel's live source, run by the runtime's live-data service as a scene would."""
    live = LiveData(jobs, SystemClock())
    key = live.acquire(live_spec(config, Path()))
    return live, live.source(key)


def test_fixture_uplinks_reach_the_store_and_age_out_when_the_broker_is_gone(qtbot, broker, tmp_path, jobs):
    config = BeachPanelItem.model_validate(beach_item(broker.url, ttl_s={"air_temperature": 3, "uv_index": 3}))
    live, panel = start_panel(config, jobs)
    try:
        qtbot.waitUntil(lambda: panel.connected is True, timeout=10_000)
        publish(broker.port, WEATHER_TOPIC, weather_uplink(water_temperature_c=22.0, h2s_ppm=0.02))
        for space, occupied, pmr in ((1, False, True), (2, True, False), (3, False, False)):
            publish(broker.port, *parking_uplink(space, occupied, pmr))
        publish(broker.port, "istres/plage/drapeau", flag_message("yellow"))
        qtbot.waitUntil(lambda: tile(panel, "air_temperature")["fresh"] and panel.display["flag_known"]
                        and tile(panel, "parking")["value_fr"] == "2", timeout=10_000)
        assert panel.state.values["air_temperature"][0] == 29.4
        assert tile(panel, "air_temperature")["value_fr"] == "29,4"
        assert tile(panel, "wind")["detail_fr"].startswith("Force 4 · jolie brise")
        assert tile(panel, "uv")["detail_fr"] == "très élevé"
        assert tile(panel, "parking")["detail_fr"] == "dont 1 PMR · 49 inconnues"
        assert panel.display["flag_fr"].startswith("Drapeau jaune")

        broker.stop()  # the network is gone: values must not stay "current"
        qtbot.waitUntil(lambda: not tile(panel, "air_temperature")["fresh"], timeout=10_000)
        assert tile(panel, "air_temperature")["value_fr"] == "—"
        assert tile(panel, "air_temperature")["age_fr"].startswith("indisponible (dernière donnée ")

        broker.start()  # back, on the same port: the feed reconnects by itself
        qtbot.waitUntil(lambda: panel.connected is True, timeout=40_000)
        publish(broker.port, WEATHER_TOPIC, weather_uplink(air_temperature_c=30.1))
        qtbot.waitUntil(lambda: tile(panel, "air_temperature")["fresh"], timeout=10_000)
        assert tile(panel, "air_temperature")["value_fr"] == "30,1"
    finally:
        live.stop_all()


def test_bad_uplinks_are_refused_once_per_cause_and_leave_other_values(qtbot, broker, caplog, jobs):
    config = BeachPanelItem.model_validate(beach_item(broker.url))
    live, panel = start_panel(config, jobs)
    try:
        qtbot.waitUntil(lambda: panel.connected is True, timeout=10_000)
        publish(broker.port, WEATHER_TOPIC, weather_uplink(water_temperature_c=22.0))
        qtbot.waitUntil(lambda: tile(panel, "water_temperature")["fresh"], timeout=10_000)
        for payload in (b"{not json", b"{not json either", weather_uplink(water_temperature_c=80.0),
                        weather_uplink(uv_index=0xFFFF), weather_uplink(uv_index=0xFFFE)):
            publish(broker.port, WEATHER_TOPIC, payload)
        publish(broker.port, "application/x/device/0000000000000001/event/up",
                parking_uplink(9, False)[1].replace(b"70b3d5e75e000009", b"0000000000000001").replace(b'"romaniquette"', b'"ailleurs"'))
        qtbot.waitUntil(lambda: len([r for r in caplog.records if getattr(r, "event", "") == "reading_refused"]) >= 4, timeout=10_000)
        qtbot.wait(300)
    finally:
        live.stop_all()
    refused = [r for r in caplog.records if getattr(r, "event", "") == "reading_refused"]
    warnings = sorted(r.reason for r in refused if r.levelname == "WARNING")
    assert warnings == ["malformed-json", "out-of-range", "sentinel", "unknown-device"]  # once per cause
    assert tile(panel, "water_temperature")["value_fr"] == "22,0"  # untouched


def test_http_sources_feed_values_and_the_flag_and_a_304_costs_nothing(qtbot, http_server, jobs):
    from datetime import UTC, datetime

    from tests.support.http import Route

    now = datetime.now(UTC).isoformat()
    http_server.routes["/ods"] = Route(json.dumps({"total_count": 1, "results": [
        {"date_mesure": now, "temperature_eau": 22.9}]}).encode(), content_type="application/json")
    http_server.routes["/sta"] = Route(json.dumps({"value": [{"phenomenonTime": now, "result": 0.04}]}).encode())
    http_server.routes["/flag"] = Route(json.dumps({"flag": "green", "set_by": "Poste", "set_at": now}).encode())
    http_server.routes["/broken"] = Route(b"<html>oops</html>")
    config = BeachPanelItem.model_validate({
        "kind": "beach_panel", "languages": "fr", "http_sources": [
            {"kind": "opendatasoft", "url": f"{http_server.url}/ods", "every_s": 5, "quantity": "water_temperature",
             "value_path": "temperature_eau", "time_path": "date_mesure", "unit": "°C", "minimum": -2, "maximum": 40},
            {"kind": "sensorthings", "url": f"{http_server.url}/sta", "every_s": 5, "quantity": "h2s", "unit": "ppm"},
            {"kind": "flag", "url": f"{http_server.url}/flag", "every_s": 5},
            {"kind": "json", "url": f"{http_server.url}/broken", "every_s": 5, "quantity": "uv_index"},
            {"kind": "json", "url": "http://127.0.0.1:9/down", "every_s": 5, "quantity": "air_temperature"},
        ]})
    live, panel = start_panel(config, jobs)
    try:
        qtbot.waitUntil(lambda: tile(panel, "water_temperature")["fresh"] and tile(panel, "h2s")["fresh"]
                        and panel.display["flag_known"], timeout=10_000)
        assert tile(panel, "water_temperature")["value_fr"] == "22,9"
        assert tile(panel, "h2s")["value_fr"] == "faible"
        assert panel.display["flag_fr"].startswith("Drapeau vert")
        body_bytes = http_server.stats.body_bytes_sent
        qtbot.waitUntil(lambda: sum(1 for path, _ in http_server.stats.requests if path == "/ods") >= 2, timeout=10_000)
        second = [headers for path, headers in http_server.stats.requests if path == "/ods"][1]
        assert "If-None-Match" in second
        qtbot.wait(200)
        assert http_server.stats.body_bytes_sent - body_bytes <= len(b"<html>oops</html>") * 2  # only the broken one again
        assert not tile(panel, "uv")["fresh"] and not tile(panel, "air_temperature")["fresh"]
    finally:
        live.stop_all()
        jobs.wait_idle()


def test_nan_never_lifts_the_h2s_alert_and_a_future_uplink_freezes_nothing(qtbot, broker, caplog, jobs):
    """Over MQTT, as the bugs were seen: NaN read as "under" lifted the alert; an uplink dated 2999
    made every later real uplink "out of order"; a flag set tomorrow or null was taken."""
    from datetime import UTC, datetime, timedelta

    config = BeachPanelItem.model_validate(beach_item(broker.url, h2s_hold_s=1))
    live, panel = start_panel(config, jobs)
    try:
        qtbot.waitUntil(lambda: panel.connected is True, timeout=10_000)
        publish(broker.port, WEATHER_TOPIC, weather_uplink(h2s_ppm=8.0))
        publish(broker.port, "istres/plage/drapeau", flag_message("red"))
        qtbot.waitUntil(lambda: panel.display["alert"] is True and panel.display["flag"] == "red", timeout=10_000)
        for _ in range(3):  # NaN readings for longer than the hold: the alert stays
            publish(broker.port, WEATHER_TOPIC, weather_uplink(h2s_ppm=float("nan")))
            publish(broker.port, WEATHER_TOPIC, weather_uplink(h2s_ppm=True))
            qtbot.wait(600)
        assert panel.display["alert"] is True and tile(panel, "h2s")["value_fr"] == "très élevé"
        publish(broker.port, WEATHER_TOPIC, weather_uplink(at=datetime(2999, 1, 1, tzinfo=UTC), h2s_ppm=0.0))
        publish(broker.port, WEATHER_TOPIC, weather_uplink(at=datetime.now(UTC) + timedelta(hours=1), h2s_ppm=0.0))
        publish(broker.port, "istres/plage/drapeau", flag_message("green", at=datetime.now(UTC) + timedelta(days=1)))
        publish(broker.port, "istres/plage/drapeau", b'{"flag": null, "set_by": "x", "set_at": "%s"}'
                % datetime.now(UTC).isoformat().encode())
        publish(broker.port, WEATHER_TOPIC, weather_uplink(uv_index=3.0))  # a real one, after them: taken
        qtbot.waitUntil(lambda: tile(panel, "uv")["value_fr"] == "3", timeout=10_000)
        qtbot.wait(200)
        assert panel.display["alert"] is True and panel.display["flag"] == "red"
    finally:
        live.stop_all()
    reasons = sorted(r.reason for r in caplog.records if getattr(r, "event", "") == "reading_refused"
                     and r.levelname == "WARNING")
    assert reasons == ["bad-flag", "bad-time", "from-the-future", "not-finite", "wrong-type"]  # once per cause
