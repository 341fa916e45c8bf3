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


def test_tts_fixture_normalises_the_eui():
    up = parse_uplink("v3/istres-plages@ttn/devices/romaniquette-meteo/up", fixture("tts-v3-up-weather.json"))
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
    (lambda d: [1, 2], "malformed-json"),
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
