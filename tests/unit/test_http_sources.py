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
