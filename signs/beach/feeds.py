"""The beach panel's feeds parsed where they arrive (paho's thread, the Jobs pool): bytes in, a
typed ``BeachBatch`` out. Pure and thread-safe: the functions close over frozen configuration only.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from media.feeds.flag import FlagMessage, parse_flag_message
from media.feeds.http_sources import HttpValueRule, reading_from_http
from media.feeds.lorawan import parse_uplink
from media.feeds.mapping import DeviceRule, FieldRule, SensorMap
from media.feeds.readings import PayloadRejected, Reading
from signs.beach.item import BeachPanelItem, HttpSource

BUILTIN_PREFIX = "builtin:"


@dataclass(frozen=True, slots=True)
class BeachBatch:
    """What one message or document brought: readings, a flag, or why it was refused."""

    source: str  # the topic or URL it came from (logs)
    readings: tuple[Reading, ...] = ()
    flag: FlagMessage | None = None
    refusals: tuple[PayloadRejected, ...] = ()
    uplink_id: str | None = None  # the uplink behind these readings (latency probe)
    polled: bool = False  # an HTTP document: an old value polled again is no news, a success clears failures


def panel_key(config: BeachPanelItem) -> str:
    """Same configuration, same key: a reload keeps the live data instead of starting empty."""
    return hashlib.sha256(config.model_dump_json(exclude={"id", "duration_s", "transition"}).encode()).hexdigest()[:16]


def replay_path(replay: str, base_dir: Path) -> Path:
    if replay.startswith(BUILTIN_PREFIX):
        return Path(str(resources.files("signs.beach") / "demo" / f"{replay.removeprefix(BUILTIN_PREFIX)}-replay.json"))
    return base_dir / replay


def sensor_map(config: BeachPanelItem) -> SensorMap:
    rules = [DeviceRule(
        fields=tuple(FieldRule(f.quantity, f.field, f.unit, f.scale, f.minimum, f.maximum) for f in device.fields),
        dev_eui=device.dev_eui.lower() if device.dev_eui else None,
        tags=tuple(sorted(device.tags.items())),
    ) for device in config.devices]
    return SensorMap(rules)


def message_parser(config: BeachPanelItem) -> Callable[[str, bytes, datetime], BeachBatch]:
    """MQTT (or replayed) messages: LoRaWAN uplinks, or the flag on its own topic."""
    sensors = sensor_map(config)
    flag_topic = config.flag_topic

    def parse(topic: str, payload: bytes, received_at: datetime) -> BeachBatch:
        try:
            if topic == flag_topic:
                return BeachBatch(topic, flag=parse_flag_message(payload, received_at))
            uplink = parse_uplink(topic, payload)
            readings, rejected = sensors.readings(uplink, received_at)
            return BeachBatch(topic, tuple(readings), refusals=tuple(rejected), uplink_id=uplink.dedup_id if readings else None)
        except PayloadRejected as reason:
            return BeachBatch(topic, refusals=(reason,))

    return parse


def document_parser(source: HttpSource) -> Callable[[bytes, datetime], BeachBatch]:
    """An HTTP document: one value (Opendatasoft, SensorThings, generic JSON) or the flag."""
    rule = None if source.quantity is None else HttpValueRule(
        source.kind, source.quantity, source.unit, source.value_path, source.time_path, source.scale, source.minimum, source.maximum)

    def parse(body: bytes, received_at: datetime) -> BeachBatch:
        try:
            if rule is None:
                return BeachBatch(source.url, flag=parse_flag_message(body, received_at), polled=True)
            return BeachBatch(source.url, (reading_from_http(body, rule, source.url, received_at),), polled=True)
        except PayloadRejected as reason:
            return BeachBatch(source.url, refusals=(reason,), polled=True)

    return parse
