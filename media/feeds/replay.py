"""Recorded uplinks played back on their timeline, re-dated to now: the demo without a broker, and
``kiosk replay`` to a real one.

A replay file is JSON: ``{"cycle_s": 60, "messages": [{"at_s": 0, "topic": ..., "payload": {...}}]}``.
Each message gets the current time and a fresh id / frame counter when it is sent, so the
deduplication and freshness rules treat it as a live uplink.
"""

import copy
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from media.feeds.jsondoc import decode_json_object
from media.feeds.mqtt_feed import MqttSettings
from media.feeds.readings import PayloadRejected


@dataclass(frozen=True, slots=True)
class ReplayMessage:
    at_s: float
    topic: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Replay:
    cycle_s: float
    messages: tuple[ReplayMessage, ...]


MAX_REPLAY_BYTES = 4 * 1024 * 1024
MAX_REPLAY_MESSAGES = 10_000
MAX_CYCLE_S = 7 * 86_400


def _seconds(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_CYCLE_S:
        raise PayloadRejected("bad-replay", f"{where} {repr(value)[:40]} is not a number of seconds in 0..{MAX_CYCLE_S}")
    return float(value)


def _message(entry: Any, index: int) -> ReplayMessage:
    if not isinstance(entry, dict) or not isinstance(entry.get("topic"), str) or not isinstance(entry.get("payload"), dict):
        raise PayloadRejected("bad-replay", f"messages[{index}] needs a topic (text) and a payload (object)")
    return ReplayMessage(_seconds(entry.get("at_s"), f"messages[{index}].at_s"), entry["topic"], entry["payload"])


def load_replay(path: Path) -> Replay:
    """A replay file, checked like any outside JSON (it may come in a pushed bundle); PayloadRejected("bad-replay")."""
    try:
        doc = decode_json_object(path.read_bytes(), str(path), MAX_REPLAY_BYTES)
    except OSError as exc:
        raise PayloadRejected("bad-replay", f"{path}: {exc.strerror or exc}") from None
    except PayloadRejected as exc:
        raise PayloadRejected("bad-replay", exc.detail) from None
    entries = doc.get("messages")
    if not isinstance(entries, list) or not 0 < len(entries) <= MAX_REPLAY_MESSAGES:
        raise PayloadRejected("bad-replay", f"{path}: messages must be a list of 1 to {MAX_REPLAY_MESSAGES} messages")
    cycle_s = _seconds(doc.get("cycle_s"), f"{path}: cycle_s")
    messages = tuple(sorted((_message(entry, i) for i, entry in enumerate(entries)), key=lambda m: m.at_s))
    if cycle_s <= 0 or messages[-1].at_s >= cycle_s:
        raise PayloadRejected("bad-replay", f"{path}: messages must fall within cycle_s ({cycle_s})")
    return Replay(cycle_s, messages)


class Redater:
    """Gives each message sent the time of sending and ids never seen before."""

    def __init__(self) -> None:
        self._serial = itertools.count(int(datetime.now(UTC).timestamp()) % 100_000)

    def render(self, message: ReplayMessage, now: datetime) -> bytes:
        doc = copy.deepcopy(message.payload)
        stamp = now.isoformat().replace("+00:00", "Z")
        n = next(self._serial)
        if "deviceInfo" in doc:  # ChirpStack
            doc["time"], doc["deduplicationId"], doc["fCnt"] = stamp, f"replay-{n}", n
        elif "uplink_message" in doc:  # The Things Stack
            doc["received_at"] = stamp
            doc["uplink_message"]["received_at"] = stamp
            doc["uplink_message"]["f_cnt"] = n
            doc["correlation_ids"] = [f"as:up:replay-{n}"]
        elif "flag" in doc:
            doc["set_at"] = stamp
        return json.dumps(doc).encode()


def publish_replay(replay: Replay, settings: MqttSettings, cycles: int, on_sent: Callable[[ReplayMessage], None]) -> None:
    """Publish the replay to a real broker on its timeline, ``cycles`` times (``kiosk replay``)."""
    import time

    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"istres-replay-{int(time.time())}")
    if settings.username:
        client.username_pw_set(settings.username, settings.password)
    if settings.tls:
        client.tls_set(ca_certs=settings.ca_file)
    client.connect(settings.host, settings.port, settings.keepalive_s)
    client.loop_start()
    redater = Redater()
    try:
        started = time.monotonic()
        for cycle in range(cycles):
            for message in replay.messages:
                due = started + cycle * replay.cycle_s + message.at_s
                time.sleep(max(0.0, due - time.monotonic()))
                client.publish(message.topic, redater.render(message, datetime.now(UTC)), qos=1).wait_for_publish(10)
                on_sent(message)
    finally:
        client.disconnect()
        client.loop_stop()
