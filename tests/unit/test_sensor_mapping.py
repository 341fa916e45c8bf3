import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from media.feeds.lorawan import parse_chirpstack_up, parse_tts_up
from media.feeds.mapping import DeviceRule, FieldRule, SensorMap
from media.feeds.readings import PayloadRejected

DATA = Path(__file__).resolve().parents[1] / "data" / "fixtures"
NOW = datetime(2026, 7, 14, 13, 5, tzinfo=UTC)

WEATHER = DeviceRule(dev_eui="2cf7f1c04430012b", fields=(
    FieldRule("air_temperature", "air_temperature_c", "°C", minimum=-20, maximum=50),
    FieldRule("wind_speed", "wind_speed_mps", "km/h", scale=3.6, minimum=0, maximum=250),
    FieldRule("uv_index", "uv_index", "", minimum=0, maximum=20),
    FieldRule("water_temperature", "temperature_2", "°C", minimum=-2, maximum=40),
    FieldRule("h2s", "h2s_ppm_x100", "ppm", scale=0.01, minimum=0, maximum=200),
))
PARKING = DeviceRule(tags=(("site", "romaniquette"),), fields=(FieldRule("parking_occupied", "occupied", ""),))


def live_tts() -> dict:
    """The TTS fixture without its console SimulateUplink correlation id (refused as "simulated" otherwise)."""
    doc = json.loads((DATA / "tts-v3-up-weather.json").read_text())
    doc["correlation_ids"] = [c for c in doc["correlation_ids"] if "SimulateUplink" not in c]
    return doc


def weather(**decoded):
    doc = live_tts()
    doc["uplink_message"]["decoded_payload"] = decoded
    return parse_tts_up(json.dumps(doc).encode())


def test_fixture_values_become_readings():
    sensors = SensorMap([WEATHER, PARKING])
    readings, rejected = sensors.readings(parse_tts_up(json.dumps(live_tts()).encode()), NOW)
    by_quantity = {r.quantity: r for r in readings}
    assert rejected == []
    assert by_quantity["air_temperature"].value == 29.4
    assert by_quantity["wind_speed"].value == pytest.approx(21.96)
    assert by_quantity["uv_index"].source == "tts:2cf7f1c04430012b"
    assert by_quantity["uv_index"].raw.startswith(b"{")  # kept for audit
    parking, _ = sensors.readings(parse_chirpstack_up((DATA / "chirpstack-v4-up-parking.json").read_bytes()), NOW)
    assert [(r.quantity, r.value) for r in parking] == [("parking_occupied", True)]


def test_sentinels_out_of_range_and_wrong_types_are_refused_one_by_one():
    sensors = SensorMap([WEATHER])
    up = weather(air_temperature_c=80, uv_index=0xFFFF, wind_speed_mps="fast", h2s_ppm_x100=0xFFFE, temperature_2=21.5)
    readings, rejected = sensors.readings(up, NOW)
    assert [(r.quantity, r.value) for r in readings] == [("water_temperature", 21.5)]  # the good one still counts
    assert sorted(r.cause for r in rejected) == ["out-of-range", "sentinel", "sentinel", "wrong-type"]
    assert any("warming up" in r.detail for r in rejected)


def test_duplicates_out_of_order_and_fcnt_resets():
    sensors = SensorMap([WEATHER])
    first = weather(uv_index=5)
    sensors.readings(first, NOW)
    with pytest.raises(PayloadRejected, match="duplicate"):
        sensors.readings(first, NOW)  # the same uplink id again
    older = replace(first, dedup_id="as:up:2", f_cnt=9013, observed_at=first.observed_at - timedelta(minutes=1))
    with pytest.raises(PayloadRejected, match="out-of-order"):
        sensors.readings(older, NOW)
    after_reset = replace(first, dedup_id="as:up:3", f_cnt=1, observed_at=first.observed_at + timedelta(minutes=5))
    assert sensors.readings(after_reset, NOW)[0][0].value == 5


def test_unknown_devices_and_cayenne_payloads():
    sensors = SensorMap([WEATHER])
    stranger = replace(weather(uv_index=1), dev_eui="0000000000000001")
    with pytest.raises(PayloadRejected, match="unknown-device"):
        sensors.readings(stranger, NOW)
    raw_only = replace(weather(), decoded=None, frm_payload=bytes([2, 0x67, 0x00, 0xD7]))  # 21.5 C on channel 2
    readings, _ = sensors.readings(raw_only, NOW)
    assert [(r.quantity, r.value) for r in readings] == [("water_temperature", 21.5)]


def test_a_car_park_count_is_refused_when_negative_or_over_capacity():
    count = DeviceRule(dev_eui="2cf7f1c04430012b", fields=(FieldRule("parking_free", "free", "", minimum=0, maximum=52),))
    sensors = SensorMap([count])
    readings, rejected = sensors.readings(weather(free=-3), NOW)
    assert readings == [] and rejected[0].cause == "out-of-range"
    readings, rejected = sensors.readings(replace(weather(free=17), dedup_id="as:up:x", f_cnt=9999,
                                                  observed_at=weather().observed_at + timedelta(minutes=1)), NOW)
    assert readings[0].value == 17 and rejected == []


def weather_raw(text_value: str, field: str = "h2s_ppm_x100") -> bytes:
    """A TTS uplink whose decoded field is written as raw JSON text (NaN, Infinity, 1e999 are not in json.dumps' reach)."""
    doc = live_tts()
    doc["uplink_message"]["decoded_payload"] = {field: "@@"}
    return json.dumps(doc).encode().replace(b'"@@"', text_value.encode())


@pytest.mark.parametrize(("text", "cause"), [
    ("NaN", "not-finite"), ("Infinity", "not-finite"), ("-Infinity", "not-finite"), ("1e999", "not-finite"),
    ("true", "wrong-type"), ("false", "wrong-type"), ("null", "wrong-type"), ('"8"', "wrong-type"), ("[8]", "wrong-type"),
    ("1" + "0" * 30, "out-of-range"), ("65535.0", "sentinel"),
])
def test_only_finite_numbers_become_numeric_readings(text, cause):
    readings, rejected = SensorMap([WEATHER]).readings(parse_tts_up(weather_raw(text)), NOW)
    assert readings == [] and [r.cause for r in rejected] == [cause]


def test_a_scale_that_overflows_is_refused_not_infinite():
    huge = DeviceRule(dev_eui="2cf7f1c04430012b", fields=(FieldRule("h2s", "h2s_ppm_x100", "ppm", scale=1e300),))
    readings, rejected = SensorMap([huge]).readings(weather(h2s_ppm_x100=1e10 / 11), NOW)
    assert readings == [] and rejected[0].cause == "not-finite"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True])
def test_a_rule_with_a_non_finite_number_is_a_configuration_error(bad):
    with pytest.raises(ValueError, match="finite"):
        FieldRule("h2s", "h2s_ppm", "ppm", scale=bad)
    with pytest.raises(ValueError, match="finite"):
        FieldRule("h2s", "h2s_ppm", "ppm", maximum=bad)


def test_parking_occupancy_is_true_false_or_0_1_and_nothing_else():
    sensors = SensorMap([PARKING])
    doc = json.loads((DATA / "chirpstack-v4-up-parking.json").read_text())
    for n, (occupied, expected) in enumerate([(1, True), (False, False), (2, None), (float("nan"), None), ("yes", None)]):
        doc.update(object={"occupied": occupied}, deduplicationId=f"p-{n}", fCnt=100 + n,
                   time=(NOW - timedelta(minutes=10 - n)).isoformat())
        readings, rejected = sensors.readings(parse_chirpstack_up(json.dumps(doc).encode()), NOW)
        assert [r.value for r in readings] == ([] if expected is None else [expected])
        assert [r.cause for r in rejected] == ([] if expected is not None else ["wrong-type"])
        assert all(type(r.value) is bool for r in readings)


def test_a_future_dated_uplink_is_refused_and_does_not_freeze_the_device():
    sensors = SensorMap([WEATHER])
    future = replace(weather(uv_index=9), dedup_id="as:up:f", observed_at=datetime(2099, 1, 1, tzinfo=UTC))
    with pytest.raises(PayloadRejected, match="from-the-future"):
        sensors.readings(future, NOW)
    real = replace(weather(uv_index=5), dedup_id="as:up:r", observed_at=NOW - timedelta(seconds=30))
    assert [r.value for r in sensors.readings(real, NOW)[0]] == [5]  # taken, not "out of order"
    slightly_ahead = replace(real, dedup_id="as:up:s", f_cnt=9100, observed_at=NOW + timedelta(minutes=4))
    assert sensors.readings(slightly_ahead, NOW)[0]  # clock drift within the window is tolerated
    old = replace(real, dedup_id="as:up:o", f_cnt=9101, observed_at=NOW - timedelta(days=2))
    with pytest.raises(PayloadRejected, match="too-old"):
        sensors.readings(old, NOW)


def test_a_reset_device_is_still_ordered_by_time():
    sensors = SensorMap([WEATHER])
    sensors.readings(replace(weather(uv_index=5), f_cnt=5000), NOW)
    stale_after_reset = replace(weather(uv_index=6), dedup_id="as:up:z", f_cnt=1,
                                observed_at=weather().observed_at - timedelta(minutes=1))
    with pytest.raises(PayloadRejected, match="out-of-order"):
        sensors.readings(stale_after_reset, NOW)
