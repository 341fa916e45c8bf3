"""ChirpStack v4 and The Things Stack v3 uplinks (MQTT JSON) -> Uplink.

ChirpStack omits fields equal to 0, false or "" (so ``fCnt`` 0 is absent); TTS sends snake_case
and upper-case EUIs. Both are normalised here. Every field read is checked for its type: an EUI
is 16 hex digits as text (a number is refused, not converted), counters are whole numbers in
their LoRaWAN range, ids are bounded text (they are remembered for deduplication). Uplinks that
The Things Stack simulated from its console (``"simulated": true``) are refused: a test value
must never reach a public panel; the console also leaves a ``SimulateUplink`` correlation id, refused
alike. Pure and thread-safe; PayloadRejected is the only exception.
"""

import base64
import binascii
import re
from typing import Any

from media.feeds.feedtime import parse_time
from media.feeds.jsondoc import MAX_MESSAGE_BYTES, decode_json_object
from media.feeds.readings import PayloadRejected, Uplink

__all__ = ["MAX_MESSAGE_BYTES", "parse_chirpstack_up", "parse_time", "parse_tts_up", "parse_uplink"]

_EUI = re.compile(r"[0-9a-f]{16}", re.ASCII)
MAX_FCNT = 2**32 - 1  # 32-bit frame counter
MAX_FPORT = 255
MAX_ID_CHARS = 128  # dedup ids, device names
MAX_TAGS = 32
SIMULATE_RPC = "rpc:/ttn.lorawan.v3.AppAs/SimulateUplink"  # correlation id of an uplink made in the console


def _eui(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _EUI.fullmatch(value.strip().lower()):
        raise PayloadRejected("bad-eui", f"{where} {repr(value)[:40]} is not a 16-hex-digit EUI (as text)")
    return value.strip().lower()


def _text(value: Any, where: str, default: str = "") -> str:
    if value is None:
        return default
    if not isinstance(value, str) or len(value) > MAX_ID_CHARS:
        raise PayloadRejected("wrong-type", f"{where} is not text of at most {MAX_ID_CHARS} characters")
    return value


def _b64(value: Any, where: str) -> bytes | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PayloadRejected("bad-payload", f"{where} is not base64 text")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise PayloadRejected("bad-payload", f"{where} is not base64") from None


def _counter(value: Any, where: str, maximum: int, cause: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadRejected("wrong-type", f"{where} {repr(value)[:40]} is not a whole number")
    if not 0 <= value <= maximum:
        raise PayloadRejected(cause, f"{where} {value} is outside 0..{maximum}")
    return value


def _decoded(value: Any, where: str) -> dict[str, Any] | None:
    if value is not None and not isinstance(value, dict):
        raise PayloadRejected("wrong-type", f"{where} (the decoded payload) is not a JSON object")
    return value


def _tags(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > MAX_TAGS or not all(
            isinstance(v, str) and len(k) <= MAX_ID_CHARS and len(v) <= MAX_ID_CHARS for k, v in value.items()):
        raise PayloadRejected("wrong-type", f"{where} is not a map of at most {MAX_TAGS} short texts")
    return dict(value)


def parse_chirpstack_up(payload: bytes) -> Uplink:
    doc = decode_json_object(payload, "ChirpStack uplink")
    info = doc.get("deviceInfo")
    if not isinstance(info, dict):
        raise PayloadRejected("missing-field", "deviceInfo is missing")
    return Uplink(
        source="chirpstack",
        dev_eui=_eui(info.get("devEui"), "deviceInfo.devEui"),
        device_name=_text(info.get("deviceName"), "deviceInfo.deviceName"),
        dedup_id=_text(doc.get("deduplicationId"), "deduplicationId"),
        f_cnt=_counter(doc.get("fCnt", 0), "fCnt", MAX_FCNT, "bad-fcnt"),  # omitted when 0
        f_port=_counter(doc.get("fPort", 0), "fPort", MAX_FPORT, "bad-fport"),
        observed_at=parse_time(doc.get("time"), "time"),
        decoded=_decoded(doc.get("object"), "object"),
        frm_payload=_b64(doc.get("data"), "data"),
        tags=_tags(info.get("tags"), "deviceInfo.tags"),
        raw=bytes(payload),
    )


def _tts_uplink_id(correlation: Any) -> str:
    if correlation is None:
        return ""
    if not isinstance(correlation, list) or not all(isinstance(c, str) for c in correlation):
        raise PayloadRejected("wrong-type", "correlation_ids is not a list of texts")
    if any(c.startswith(SIMULATE_RPC) for c in correlation):
        raise PayloadRejected("simulated", "an uplink simulated from The Things Stack console (SimulateUplink) "
                                           "is never shown as live")
    uplink_id = next((c for c in correlation if c.startswith("as:up:")), "")
    return _text(uplink_id, "correlation_ids as:up:")


def parse_tts_up(payload: bytes) -> Uplink:
    doc = decode_json_object(payload, "The Things Stack uplink")
    simulated = doc.get("simulated", False)
    if simulated is not False:  # true, or anything that is not plainly false
        raise PayloadRejected("simulated", "an uplink simulated from The Things Stack console is never shown as live")
    ids = doc.get("end_device_ids")
    message = doc.get("uplink_message")
    if not isinstance(ids, dict) or not isinstance(message, dict):
        raise PayloadRejected("missing-field", "end_device_ids or uplink_message is missing")
    received = message.get("received_at") if message.get("received_at") is not None else doc.get("received_at")
    return Uplink(
        source="tts",
        dev_eui=_eui(ids.get("dev_eui"), "end_device_ids.dev_eui"),
        device_name=_text(ids.get("device_id"), "end_device_ids.device_id"),
        dedup_id=_tts_uplink_id(doc.get("correlation_ids")),
        f_cnt=_counter(message.get("f_cnt", 0), "uplink_message.f_cnt", MAX_FCNT, "bad-fcnt"),
        f_port=_counter(message.get("f_port", 0), "uplink_message.f_port", MAX_FPORT, "bad-fport"),
        observed_at=parse_time(received, "received_at"),
        decoded=_decoded(message.get("decoded_payload"), "uplink_message.decoded_payload"),
        frm_payload=_b64(message.get("frm_payload"), "uplink_message.frm_payload"),
        raw=bytes(payload),
    )


def parse_uplink(topic: str, payload: bytes) -> Uplink:
    """Pick the format from the MQTT topic (ChirpStack ``application/.../event/up``, TTS ``v3/.../up``)."""
    if topic.startswith("application/") and topic.endswith("/event/up"):
        return parse_chirpstack_up(payload)
    if topic.startswith("v3/") and topic.endswith("/up"):
        return parse_tts_up(payload)
    raise PayloadRejected("unknown-topic", f"no adapter for topic {topic[:200]!r}")
