import base64
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from media.feeds.cayenne import decode_cayenne_lpp
from media.feeds.lorawan import parse_chirpstack_up, parse_tts_up, parse_uplink
from media.feeds.readings import PayloadRejected

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
if not FIXTURES.exists():  # shared/ lies beside the clone in CI and sessions; elsewhere, the copies
    FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_chirpstack_fixture():
    up = parse_uplink("application/8c3d/device/70b3d5e75e00a017/event/up", fixture("chirpstack-v4-up-parking.json"))
    assert up.source == "chirpstack"
    assert up.dev_eui == "70b3d5e75e00a017"
    assert up.device_name == "romaniquette-place-17"
    assert up.f_cnt == 4211 and up.f_port == 1
    assert up.decoded == {"type": "parking status", "occupied": True}
    assert up.tags == {"site": "romaniquette", "space": "17", "pmr": "false"}
    assert up.observed_at == datetime(2026, 7, 14, 13, 2, 10, 482913, tzinfo=UTC)
    assert up.frm_payload == b"\x01"
    assert up.raw.startswith(b"{")


def live_tts() -> dict:
    """The TTS fixture as a live uplink: the fixture carries the console's SimulateUplink correlation id."""
    doc = json.loads(fixture("tts-v3-up-weather.json"))
    doc["correlation_ids"] = [c for c in doc["correlation_ids"] if "SimulateUplink" not in c]
    return doc


def test_tts_fixture_normalises_the_eui():
    up = parse_uplink("v3/istres-plages@ttn/devices/romaniquette-meteo/up", json.dumps(live_tts()).encode())
    assert up.source == "tts"
    assert up.dev_eui == "2cf7f1c04430012b"
    assert up.dedup_id == "as:up:01J2Z8K3Q4W5E6R7T8Y9U0I1O2"
    assert up.decoded["uv_index"] == 8.2
    assert up.observed_at == datetime(2026, 7, 14, 13, 1, 58, 1942, tzinfo=UTC)


def test_chirpstack_omits_zero_fields():
    doc = json.loads(fixture("chirpstack-v4-up-parking.json"))
    del doc["fCnt"], doc["fPort"], doc["object"], doc["data"]
    up = parse_chirpstack_up(json.dumps(doc).encode())
    assert (up.f_cnt, up.f_port, up.decoded, up.frm_payload) == (0, 0, None, None)


@pytest.mark.parametrize(("mutate", "cause"), [
    (lambda d: "not json{", "malformed-json"),
    (lambda d: [1, 2], "not-an-object"),
    (lambda d: {**d, "deviceInfo": None}, "missing-field"),
    (lambda d: {**d, "deviceInfo": {**d["deviceInfo"], "devEui": "xyz"}}, "bad-eui"),
    (lambda d: {**d, "time": "yesterday"}, "bad-time"),
    (lambda d: {**d, "time": "2026-07-14T13:02:10"}, "bad-time"),
    (lambda d: {**d, "fCnt": "12"}, "wrong-type"),
    (lambda d: {**d, "object": [1]}, "wrong-type"),
    (lambda d: {**d, "data": "%%%"}, "bad-payload"),
])
def test_bad_chirpstack_messages_are_rejected_with_a_cause(mutate, cause):
    doc = mutate(json.loads(fixture("chirpstack-v4-up-parking.json")))
    payload = doc.encode() if isinstance(doc, str) else json.dumps(doc).encode()
    with pytest.raises(PayloadRejected) as caught:
        parse_chirpstack_up(payload)
    assert caught.value.cause == cause


def test_tts_without_uplink_message_and_unknown_topics():
    with pytest.raises(PayloadRejected, match="missing-field"):
        parse_tts_up(b'{"end_device_ids": {"dev_eui": "2CF7F1C04430012B"}}')
    with pytest.raises(PayloadRejected, match="unknown-topic"):
        parse_uplink("some/other/topic", b"{}")


def test_cayenne_lpp_temperature_is_signed_tenths():
    # channel 3 temperature -4.1 C (0xFFD7), channel 5 humidity 60 % (120 * 0.5), channel 1 presence
    payload = bytes([3, 0x67, 0xFF, 0xD7, 5, 0x68, 120, 1, 0x66, 1])
    assert decode_cayenne_lpp(payload) == {"temperature_3": -4.1, "humidity_5": 60.0, "presence_1": 1}
    assert decode_cayenne_lpp(base64.b64decode("AWcBEA==")) == {"temperature_1": 27.2}


@pytest.mark.parametrize("payload", [bytes([1]), bytes([1, 0x67, 0x01]), bytes([1, 0x99, 0, 0])])
def test_cayenne_lpp_rejects_truncated_or_unknown_records(payload):
    with pytest.raises(PayloadRejected, match="bad-lpp"):
        decode_cayenne_lpp(payload)


def chirpstack_payload(**changes) -> bytes:
    doc = json.loads(fixture("chirpstack-v4-up-parking.json"))
    doc.update(changes)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(("payload", "cause"), [
    (b"[" * 30_000 + b"]" * 30_000, "too-deep"),  # within 64 KB: RecursionError before
    (b'{"fCnt": ' + b"9" * 5000 + b"}", "huge-number"),  # over 4,300 digits: ValueError before
    (b'{"time": "a", "time": "b"}', "duplicate-key"),
    (b"{}" + b" " * 70_000, "too-large"),
    (b'{"deviceInfo": "\xff"}', "not-utf8"),
    (chirpstack_payload(time="0001-01-01T00:00:00+01:00"), "bad-time"),  # OverflowError on tz conversion before
    (chirpstack_payload(time="9999-12-31T23:59:59-01:00"), "bad-time"),
    (chirpstack_payload(time="2999-01-01T00:00:00Z"), "bad-time"),  # past 2099: no sensor will ever send it
    (chirpstack_payload(fCnt=-5), "bad-fcnt"),
    (chirpstack_payload(fCnt=2**32), "bad-fcnt"),
    (chirpstack_payload(fPort=300), "bad-fport"),
    (chirpstack_payload(fCnt=True), "wrong-type"),
    (chirpstack_payload(deduplicationId={"a": 1}), "wrong-type"),
    (chirpstack_payload(data=12), "bad-payload"),
])
def test_hostile_chirpstack_messages_are_refused_with_a_cause(payload, cause):
    with pytest.raises(PayloadRejected) as caught:
        parse_chirpstack_up(payload)
    assert caught.value.cause == cause


@pytest.mark.parametrize("eui", [7_0353_5757_5000_17, 70353575750001.7, None, "70b3d5e75e00a01", "70b3d5e75e00a017x", True])
def test_an_eui_must_be_16_hex_digits_as_text(eui):
    doc = json.loads(fixture("chirpstack-v4-up-parking.json"))
    doc["deviceInfo"]["devEui"] = eui
    with pytest.raises(PayloadRejected, match="bad-eui"):
        parse_chirpstack_up(json.dumps(doc).encode())


def test_chirpstack_tags_must_be_texts():
    doc = json.loads(fixture("chirpstack-v4-up-parking.json"))
    doc["deviceInfo"]["tags"] = {"space": 17}
    with pytest.raises(PayloadRejected, match="wrong-type"):
        parse_chirpstack_up(json.dumps(doc).encode())


@pytest.mark.parametrize(("mutate", "cause"), [
    (lambda d: d.update(simulated=True), "simulated"),
    (lambda d: d.update(simulated="yes"), "simulated"),
    (lambda d: d["correlation_ids"].append("rpc:/ttn.lorawan.v3.AppAs/SimulateUplink:01"), "simulated"),
    (lambda d: d.update(correlation_ids=5), "wrong-type"),  # TypeError before
    (lambda d: d.update(correlation_ids=[5]), "wrong-type"),
    (lambda d: d["end_device_ids"].update(dev_eui=2_000_000_000_000_000), "bad-eui"),
    (lambda d: d["uplink_message"].update(f_cnt=-1), "bad-fcnt"),
    (lambda d: d["uplink_message"].update(received_at="9999-12-31T23:59:59-01:00"), "bad-time"),
])
def test_hostile_or_simulated_tts_messages_are_refused(mutate, cause):
    doc = live_tts()
    mutate(doc)
    with pytest.raises(PayloadRejected) as caught:
        parse_tts_up(json.dumps(doc).encode())
    assert caught.value.cause == cause


def test_the_shared_tts_fixture_was_simulated_in_the_console_and_is_refused():
    with pytest.raises(PayloadRejected, match="simulated"):
        parse_tts_up(fixture("tts-v3-up-weather.json"))
    assert parse_tts_up(json.dumps({**live_tts(), "simulated": False}).encode()).dev_eui == "2cf7f1c04430012b"


def test_cayenne_lpp_refuses_a_repeated_channel_and_oversized_payloads():
    with pytest.raises(PayloadRejected, match="appears twice"):
        decode_cayenne_lpp(bytes([3, 0x67, 0, 1, 3, 0x67, 0, 2]))
    with pytest.raises(PayloadRejected, match="bad-lpp"):
        decode_cayenne_lpp(bytes([1, 0x66, 1]) * 100)
