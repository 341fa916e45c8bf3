import json
from datetime import UTC, datetime

import pytest

from media.feeds.http_sources import HttpValueRule, reading_from_http
from media.feeds.readings import PayloadRejected

NOW = datetime(2026, 7, 14, 13, 5, tzinfo=UTC)
ODS = {"total_count": 3, "results": [
    {"date_mesure": "2026-07-14T12:30:00+00:00", "temperature_eau": 22.4, "capteur": "bouee-romaniquette"},
    {"date_mesure": "2026-07-14T13:00:00+00:00", "temperature_eau": 22.9, "capteur": "bouee-romaniquette"},
    {"date_mesure": "2026-07-14T12:00:00+00:00", "temperature_eau": 21.8, "capteur": "bouee-romaniquette"},
]}
STA = {"@iot.nextLink": "https://sta.example/v1.1/Datastreams(7)/Observations?$skip=2",
       "value": [{"@iot.id": 2, "phenomenonTime": "2026-07-14T13:01:00Z", "result": 0.04},
                 {"@iot.id": 1, "phenomenonTime": "2026-07-14T12:46:00Z", "result": 0.02}]}


def test_opendatasoft_takes_the_newest_record():
    rule = HttpValueRule("opendatasoft", "water_temperature", "°C", "temperature_eau", "date_mesure", minimum=-2, maximum=40)
    reading = reading_from_http(json.dumps(ODS).encode(), rule, "ods", NOW)
    assert (reading.value, reading.observed_at) == (22.9, datetime(2026, 7, 14, 13, 0, tzinfo=UTC))


def test_sensorthings_takes_the_newest_observation():
    reading = reading_from_http(json.dumps(STA).encode(), HttpValueRule("sensorthings", "h2s", "ppm"), "sta", NOW)
    assert reading.value == 0.04 and reading.quantity == "h2s"


def test_generic_json_with_dotted_paths_and_a_scale():
    doc = {"data": [{"t": "2026-07-14T13:02:00Z", "wind": {"ms": 5}}]}
    rule = HttpValueRule("json", "wind_speed", "km/h", "data.0.wind.ms", "data.0.t", scale=3.6)
    assert reading_from_http(json.dumps(doc).encode(), rule, "meteo", NOW).value == 18.0


@pytest.mark.parametrize(("body", "rule", "cause"), [
    (b"<html>502</html>", HttpValueRule("opendatasoft", "h2s"), "malformed-json"),
    (b'{"results": "nope"}', HttpValueRule("opendatasoft", "h2s"), "unexpected-shape"),
    (b'{"value": []}', HttpValueRule("sensorthings", "h2s"), "no-data"),
    (b'{"value": [{"result": 1}]}', HttpValueRule("sensorthings", "h2s"), "missing-field"),
    (b'{"value": [{"phenomenonTime": "2026-07-14T13:01:00Z", "result": "high"}]}', HttpValueRule("sensorthings", "h2s"), "wrong-type"),
    (b'{"value": [{"phenomenonTime": "2026-07-14T13:01:00Z", "result": 80}]}',
     HttpValueRule("sensorthings", "water_temperature", maximum=40), "out-of-range"),
])
def test_bad_documents_say_what_and_where(body, rule, cause):
    with pytest.raises(PayloadRejected) as caught:
        reading_from_http(body, rule, "src", NOW)
    assert caught.value.cause == cause


def sta(*observations: tuple[str, str]) -> bytes:
    """A SensorThings document with results written as raw JSON text (NaN and Infinity included)."""
    items = ", ".join(f'{{"phenomenonTime": "{at}", "result": {result}}}' for at, result in observations)
    return f'{{"value": [{items}]}}'.encode()


@pytest.mark.parametrize(("result", "cause"), [
    ("NaN", "not-finite"), ("Infinity", "not-finite"), ("true", "wrong-type"), ("false", "wrong-type"),
    ("null", "wrong-type"), ("1" + "0" * 50, "huge-number"), ("65535", "sentinel"), ("-1e12", "out-of-range"),
])
def test_only_finite_numbers_become_readings(result, cause):
    with pytest.raises(PayloadRejected) as caught:
        reading_from_http(sta(("2026-07-14T13:01:00Z", result)), HttpValueRule("sensorthings", "h2s", "ppm"), "sta", NOW)
    assert caught.value.cause == cause


def test_a_future_dated_record_is_passed_over_not_taken_as_the_newest():
    body = sta(("2999-01-01T00:00:00Z", "9"), ("2026-07-14T13:10:01Z", "8"), ("2026-07-14T13:01:00Z", "0.04"))
    reading = reading_from_http(body, HttpValueRule("sensorthings", "h2s", "ppm"), "sta", NOW)
    assert (reading.value, reading.observed_at) == (0.04, datetime(2026, 7, 14, 13, 1, tzinfo=UTC))
    with pytest.raises(PayloadRejected, match="from-the-future"):
        reading_from_http(sta(("2026-07-14T14:00:00Z", "1")), HttpValueRule("sensorthings", "h2s"), "sta", NOW)
    with pytest.raises(PayloadRejected, match="too-old"):
        reading_from_http(sta(("2026-07-01T14:00:00Z", "1")), HttpValueRule("sensorthings", "h2s"), "sta", NOW)


def test_sensorthings_intervals_and_epoch_seconds_in_generic_json():
    reading = reading_from_http(sta(("2026-07-14T12:45:00Z/2026-07-14T13:00:00Z", "0.5")),
                                HttpValueRule("sensorthings", "h2s"), "sta", NOW)
    assert reading.observed_at == datetime(2026, 7, 14, 13, 0, tzinfo=UTC)
    doc = {"t": NOW.timestamp() - 60, "v": 21}
    rule = HttpValueRule("json", "air_temperature", "°C", "v", "t")
    assert reading_from_http(json.dumps(doc).encode(), rule, "json", NOW).observed_at == datetime(2026, 7, 14, 13, 4, tzinfo=UTC)
    with pytest.raises(PayloadRejected, match="bad-time"):  # epoch milliseconds are not seconds
        reading_from_http(json.dumps({"t": NOW.timestamp() * 1000, "v": 21}).encode(), rule, "json", NOW)


@pytest.mark.parametrize(("body", "cause"), [
    (b'{"value": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "too-deep"),
    (b'{"value": [], "value": []}', "duplicate-key"),
    (b" " * (3 * 1024 * 1024), "too-large"),
    (b'[{"result": 1}]', "not-an-object"),
    (sta(("0001-01-01T00:00:00+01:00", "1")), "bad-time"),
    (sta(("9999-12-31T23:59:59-01:00", "1")), "bad-time"),
])
def test_hostile_documents_are_refused_with_a_cause(body, cause):
    with pytest.raises(PayloadRejected) as caught:
        reading_from_http(body, HttpValueRule("sensorthings", "h2s"), "sta", NOW)
    assert caught.value.cause == cause
