"""Property tests of every feed parser: arbitrary JSON-ish values and mutated fixtures.

Whatever comes in, the only exception is PayloadRejected with a known cause, and what comes out
is usable: readings hold finite floats (a bool only for on/off quantities), every time is aware,
UTC, and within the feed window around its arrival.
"""

import copy
import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from media.feeds.cayenne import decode_cayenne_lpp
from media.feeds.feedtime import EARLIEST, FEED_WINDOW, LATEST, parse_time
from media.feeds.flag import Flag, parse_flag_message
from media.feeds.http_sources import HttpValueRule, reading_from_http
from media.feeds.jsondoc import decode_json_object
from media.feeds.lorawan import parse_uplink
from media.feeds.mapping import DeviceRule, FieldRule, SensorMap
from media.feeds.readings import PayloadRejected, Reading
from media.feeds.values import BOOLEAN_QUANTITIES, check_value

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
FIXTURES = SHARED if SHARED.exists() else Path(__file__).resolve().parents[1] / "data" / "fixtures"
NOW = datetime(2026, 7, 14, 13, 5, tzinfo=UTC)
CS_TOPIC = "application/8c3d/device/70b3d5e75e00a017/event/up"
TTS_TOPIC = "v3/istres-plages@ttn/devices/romaniquette-meteo/up"
QUANTITIES = ["parking_occupied", "parking_free", "water_temperature", "air_temperature", "wind_speed", "uv_index", "h2s"]
CAUSES = {
    "too-large", "not-utf8", "malformed-json", "too-deep", "huge-number", "duplicate-key", "not-an-object",
    "bad-time", "from-the-future", "too-old", "wrong-type", "not-finite", "out-of-range", "sentinel",
    "bad-eui", "bad-fcnt", "bad-fport", "bad-payload", "missing-field", "simulated", "unknown-topic", "bad-lpp",
    "bad-flag", "out-of-order", "duplicate", "unknown-device", "no-payload", "unexpected-shape", "no-data",
}
PROPERTY = settings(max_examples=150, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())


CHIRPSTACK = load("chirpstack-v4-up-parking.json")
TTS = load("tts-v3-up-weather.json")
TTS["correlation_ids"] = TTS["correlation_ids"][:1]  # live, not the console's SimulateUplink
SENSORS = [
    DeviceRule(tags=(("site", "romaniquette"),), fields=(FieldRule("parking_occupied", "occupied", ""),)),
    DeviceRule(dev_eui="2cf7f1c04430012b", fields=(
        FieldRule("air_temperature", "air_temperature_c", "°C", minimum=-20, maximum=50),
        FieldRule("wind_speed", "wind_speed_mps", "km/h", scale=3.6, minimum=0, maximum=250),
        FieldRule("uv_index", "uv_index", ""),  # no range: the value check alone must hold
        FieldRule("h2s", "wind_direction_deg", "ppm", scale=1e300),  # a scale that overflows
    )),
]

# -- strategies ------------------------------------------------------------------------------
numbers = st.one_of(
    st.integers(), st.integers(min_value=-(10**60), max_value=10**60), st.just(0xFFFF), st.just(0xFFFE),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -1e308, 5e-324, -0.0]))
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


@st.composite
def time_texts(draw: st.DrawFn) -> str:
    """RFC 3339-shaped text with any year, impossible fields, offsets and fraction lengths."""
    if draw(st.booleans()):  # near the receive time, so that the window is exercised
        at = draw(st.datetimes(min_value=datetime(2026, 7, 10), max_value=datetime(2026, 7, 18)))
        offset = draw(st.integers(-14 * 60, 14 * 60))
        sign = "-" if offset < 0 else "+"
        return at.isoformat(timespec=draw(st.sampled_from(["seconds", "microseconds"]))) + \
            f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    year = draw(st.sampled_from([1, 1999, 2000, 2026, 2099, 2100, 2999, 9999]) | st.integers(0, 9999))
    fields = [draw(st.integers(0, 99)) for _ in range(5)]
    fraction = "." + "7" * draw(st.integers(1, 12)) if draw(st.booleans()) else ""
    zone = draw(st.sampled_from(["Z", "z", "+00:00", "+01:00", "-01:00", "+23:59", "-23:59", "+24:00", "", "+0530"]))
    return f"{year:04d}-{fields[0]:02d}-{fields[1]:02d}T{fields[2]:02d}:{fields[3]:02d}:{fields[4]:02d}{fraction}{zone}"


times = st.one_of(time_texts(), json_values)


def _containers(node: Any) -> list[Any]:
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        found.append(current)
        children = current.values() if isinstance(current, dict) else current
        stack.extend(c for c in children if isinstance(c, (dict, list)) and c)
    return found


@st.composite
def mutated(draw: st.DrawFn, doc: dict[str, Any], time_keys: tuple[str, ...] = ()) -> bytes:
    """The document with 1-3 changes anywhere: a value replaced (by any JSON value, or a time), a key removed."""
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 3))):
        nodes = [n for n in _containers(doc) if n]
        if not nodes:
            break
        node = draw(st.sampled_from(nodes))
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        action = draw(st.sampled_from(["value", "time", "delete"]))
        if action == "delete" and isinstance(node, dict):
            del node[key]
        else:
            node[key] = draw(time_texts() if action == "time" or key in time_keys else json_values)
    text = json.dumps(doc, allow_nan=True)
    if draw(st.integers(0, 9)) == 0:  # and sometimes the text itself is cut or spliced
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=5)) + text[cut + draw(st.integers(0, 3)):]
    return text.encode("utf-8", "surrogatepass")


def assert_cause(refusal: PayloadRejected) -> None:
    assert refusal.cause in CAUSES, refusal.cause


def assert_usable(reading: Reading, received_at: datetime) -> None:
    if reading.quantity in BOOLEAN_QUANTITIES:
        assert type(reading.value) is bool
    else:
        assert type(reading.value) is float and math.isfinite(reading.value)
    assert reading.observed_at.tzinfo is UTC
    assert -FEED_WINDOW.age <= reading.observed_at - received_at <= FEED_WINDOW.ahead


# -- helpers ---------------------------------------------------------------------------------
@PROPERTY
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v, allow_nan=True).encode())))
def test_decode_json_object_refuses_or_returns_an_object(payload):
    try:
        assert isinstance(decode_json_object(payload, "p"), dict)
    except PayloadRejected as refusal:
        assert_cause(refusal)


@PROPERTY
@given(times, st.booleans())
def test_parse_time_is_bounded_and_utc(value, epoch):
    try:
        at = parse_time(value, "t", epoch_seconds=epoch)
    except PayloadRejected as refusal:
        assert refusal.cause == "bad-time"
        return
    assert at.tzinfo is UTC and EARLIEST <= at < LATEST


@PROPERTY
@given(json_values, st.sampled_from(QUANTITIES), st.floats(-1e6, 1e6).filter(bool),
       st.one_of(st.none(), st.floats(-1e3, 1e3)), st.one_of(st.none(), st.floats(-1e3, 1e3)))
def test_check_value_gives_a_finite_float_in_range_or_refuses(raw, quantity, scale, minimum, maximum):
    try:
        value = check_value(raw, "v", quantity=quantity, scale=scale, minimum=minimum, maximum=maximum)
    except PayloadRejected as refusal:
        assert refusal.cause in {"wrong-type", "not-finite", "out-of-range", "sentinel"}
        return
    if quantity in BOOLEAN_QUANTITIES:
        assert type(value) is bool
        return
    assert type(value) is float and math.isfinite(value)
    assert (minimum is None or value >= minimum) and (maximum is None or value <= maximum)


# -- LoRaWAN ---------------------------------------------------------------------------------
def uplink_readings(topic: str, payload: bytes) -> None:
    try:
        uplink = parse_uplink(topic, payload)
        readings, refused = SensorMap(SENSORS).readings(uplink, NOW)
    except PayloadRejected as refusal:
        assert_cause(refusal)
        return
    assert uplink.observed_at.tzinfo is UTC and len(uplink.dev_eui) == 16
    for reading in readings:
        assert_usable(reading, NOW)
    for refusal in refused:
        assert_cause(refusal)


@PROPERTY
@given(mutated(CHIRPSTACK, ("time",)))
def test_chirpstack_uplinks(payload):
    uplink_readings(CS_TOPIC, payload)


@PROPERTY
@given(mutated(TTS, ("received_at",)))
def test_tts_uplinks(payload):
    uplink_readings(TTS_TOPIC, payload)


@PROPERTY
@given(st.sampled_from([CS_TOPIC, TTS_TOPIC, "v3/x/up", "other"]), st.one_of(
    st.binary(max_size=200), json_values.map(lambda v: json.dumps(v, allow_nan=True).encode())))
def test_arbitrary_payloads_on_uplink_topics(topic, payload):
    uplink_readings(topic, payload)


@PROPERTY
@given(st.binary(max_size=300))
def test_cayenne_lpp(payload):
    try:
        values = decode_cayenne_lpp(payload)
    except PayloadRejected as refusal:
        assert refusal.cause == "bad-lpp"
        return
    assert all(type(v) in (int, float) and math.isfinite(v) for v in values.values())


# -- the flag --------------------------------------------------------------------------------
FLAG = {"flag": "yellow", "set_by": "Poste de secours", "set_at": "2026-07-14T13:00:00Z"}


@PROPERTY
@given(st.one_of(mutated(FLAG, ("set_at",)), st.fixed_dictionaries(
    {"flag": st.sampled_from([f.value for f in Flag]) | json_values, "set_by": st.text() | json_values,
     "set_at": times}).map(lambda d: json.dumps(d, allow_nan=True).encode("utf-8", "surrogatepass"))))
def test_flag_messages(payload):
    try:
        message = parse_flag_message(payload, NOW)
    except PayloadRejected as refusal:
        assert_cause(refusal)
        return
    assert isinstance(message.flag, Flag) and 0 < len(message.set_by) <= 80 and message.set_by.isprintable()
    assert message.set_at.tzinfo is UTC and -FEED_WINDOW.age <= message.set_at - NOW <= FEED_WINDOW.ahead


# -- HTTP sources ----------------------------------------------------------------------------
ODS = {"total_count": 2, "results": [{"date_mesure": "2026-07-14T13:00:00+00:00", "temperature_eau": 22.9},
                                     {"date_mesure": "2026-07-14T12:30:00+00:00", "temperature_eau": 22.4}]}
STA = {"value": [{"phenomenonTime": "2026-07-14T13:01:00Z", "result": 0.04},
                 {"phenomenonTime": "2026-07-14T12:45:00Z/2026-07-14T13:00:00Z", "result": 0.02}]}
GENERIC = {"data": [{"t": 1784034000, "v": 21.5}]}
HTTP_CASES = [
    (ODS, HttpValueRule("opendatasoft", "water_temperature", "°C", "temperature_eau", "date_mesure", minimum=-2, maximum=40),
     ("date_mesure",)),
    (STA, HttpValueRule("sensorthings", "h2s", "ppm"), ("phenomenonTime",)),
    (GENERIC, HttpValueRule("json", "air_temperature", "°C", "data.0.v", "data.0.t", scale=1e300), ("t",)),
]


@pytest.mark.parametrize(("doc", "rule", "time_keys"), HTTP_CASES, ids=["opendatasoft", "sensorthings", "json"])
def test_http_sources(doc, rule, time_keys):
    @PROPERTY
    @given(mutated(doc, time_keys))
    def check(body):
        try:
            reading = reading_from_http(body, rule, "src", NOW)
        except PayloadRejected as refusal:
            assert_cause(refusal)
            return
        assert_usable(reading, NOW)

    check()


# -- time and memory -------------------------------------------------------------------------
HOSTILE_64K = {
    "deep": b'{"a": ' + b"[" * 32_000 + b"]" * 32_000 + b"}",
    "numbers": b'{"a": [' + b",".join([b"9" * 39] * 1600) + b"]}",
    "keys": b"{" + b",".join(b'"k%d": 1' % i for i in range(6000)) + b"}",
    "repeated": b"{" + b",".join([b'"k": 1'] * 8000) + b"}",
    "escapes": b'{"a": "' + b"\\u00e9" * 10_900 + b'"}',
    "times": b'{"time": "' + b"9" * 60_000 + b'"}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_64K))
def test_hostile_64_kb_messages_cost_little(name):
    import time

    payload = HOSTILE_64K[name]
    assert len(payload) <= 64 * 1024
    started = time.perf_counter()
    for topic in (CS_TOPIC, TTS_TOPIC):
        with pytest.raises(PayloadRejected):
            parse_uplink(topic, payload)
    with pytest.raises(PayloadRejected):
        parse_flag_message(payload, NOW)
    assert time.perf_counter() - started < 1.0  # measured: a few ms each on the development machine
