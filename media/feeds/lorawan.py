"""ChirpStack v4 and The Things Stack v3 uplinks (MQTT JSON) -> Uplink.

ChirpStack omits fields equal to 0, false or "" (so ``fCnt`` 0 is absent); TTS sends snake_case
and upper-case EUIs. Both are normalised here.
"""

import base64
import binascii
import json
import re
from datetime import UTC, datetime
from typing import Any

from media.feeds.readings import PayloadRejected, Uplink

_EUI = re.compile(r"^[0-9a-f]{16}$")
MAX_MESSAGE_BYTES = 64 * 1024


def _json_object(payload: bytes) -> dict[str, Any]:
    if len(payload) > MAX_MESSAGE_BYTES:
        raise PayloadRejected("too-large", f"{len(payload)} bytes, over {MAX_MESSAGE_BYTES}")
    try:
        doc = json.loads(payload)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PayloadRejected("malformed-json", str(exc)) from None
    if not isinstance(doc, dict):
        raise PayloadRejected("malformed-json", "the message is not a JSON object")
    return doc


def parse_time(value: Any, where: str) -> datetime:
    """RFC 3339 with any number of fraction digits (ChirpStack sends nanoseconds)."""
    if not isinstance(value, str):
        raise PayloadRejected("bad-time", f"{where} is missing or not a string")
    text = value.strip().replace("Z", "+00:00")
    match = re.match(r"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)$", text)
    if match:  # Python reads at most 6 fraction digits
        fraction = (match.group(2) or "")[:7]
        text = match.group(1) + fraction + match.group(3)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise PayloadRejected("bad-time", f"{where} {value!r} is not an RFC 3339 time") from None
    if parsed.tzinfo is None:
        raise PayloadRejected("bad-time", f"{where} {value!r} has no time zone")
    return parsed.astimezone(UTC)


def _eui(value: Any, where: str) -> str:
    eui = str(value or "").strip().lower()
    if not _EUI.match(eui):
        raise PayloadRejected("bad-eui", f"{where} {value!r} is not a 16-hex-digit EUI")
    return eui


def _b64(value: Any, where: str) -> bytes | None:
    if value in (None, ""):
        return None
    try:
        return base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError):
        raise PayloadRejected("bad-payload", f"{where} is not base64") from None


def _optional_int(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadRejected("wrong-type", f"{where} {value!r} is not a whole number")
    return value


def parse_chirpstack_up(payload: bytes) -> Uplink:
    doc = _json_object(payload)
    info = doc.get("deviceInfo")
    if not isinstance(info, dict):
        raise PayloadRejected("missing-field", "deviceInfo is missing")
    decoded = doc.get("object")
    if decoded is not None and not isinstance(decoded, dict):
        raise PayloadRejected("wrong-type", "object (the decoded payload) is not a JSON object")
    tags = info.get("tags") or {}
    return Uplink(
        source="chirpstack",
        dev_eui=_eui(info.get("devEui"), "deviceInfo.devEui"),
        device_name=str(info.get("deviceName") or ""),
        dedup_id=str(doc.get("deduplicationId") or ""),
        f_cnt=_optional_int(doc.get("fCnt", 0), "fCnt"),  # omitted when 0
        f_port=_optional_int(doc.get("fPort", 0), "fPort"),
        observed_at=parse_time(doc.get("time"), "time"),
        decoded=decoded,
        frm_payload=_b64(doc.get("data"), "data"),
        tags={str(k): str(v) for k, v in tags.items()} if isinstance(tags, dict) else {},
        raw=payload,
    )


def parse_tts_up(payload: bytes) -> Uplink:
    doc = _json_object(payload)
    ids = doc.get("end_device_ids")
    message = doc.get("uplink_message")
    if not isinstance(ids, dict) or not isinstance(message, dict):
        raise PayloadRejected("missing-field", "end_device_ids or uplink_message is missing")
    decoded = message.get("decoded_payload")
    if decoded is not None and not isinstance(decoded, dict):
        raise PayloadRejected("wrong-type", "uplink_message.decoded_payload is not a JSON object")
    correlation = doc.get("correlation_ids") or []
    uplink_id = next((c for c in correlation if isinstance(c, str) and c.startswith("as:up:")), "")
    return Uplink(
        source="tts",
        dev_eui=_eui(ids.get("dev_eui"), "end_device_ids.dev_eui"),
        device_name=str(ids.get("device_id") or ""),
        dedup_id=uplink_id,
        f_cnt=_optional_int(message.get("f_cnt", 0), "uplink_message.f_cnt"),
        f_port=_optional_int(message.get("f_port", 0), "uplink_message.f_port"),
        observed_at=parse_time(message.get("received_at") or doc.get("received_at"), "received_at"),
        decoded=decoded,
        frm_payload=_b64(message.get("frm_payload"), "uplink_message.frm_payload"),
        raw=payload,
    )


def parse_uplink(topic: str, payload: bytes) -> Uplink:
    """Pick the format from the MQTT topic (ChirpStack ``application/.../event/up``, TTS ``v3/.../up``)."""
    if topic.startswith("application/") and topic.endswith("/event/up"):
        return parse_chirpstack_up(payload)
    if topic.startswith("v3/") and topic.endswith("/up"):
        return parse_tts_up(payload)
    raise PayloadRejected("unknown-topic", f"no adapter for topic {topic!r}")
