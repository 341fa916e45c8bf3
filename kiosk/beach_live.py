"""Live data of one beach panel, in the GUI thread: MQTT uplinks and the flag in, display strings out.

Messages arrive on paho's thread and cross to the GUI thread through a queued signal. Every
refused value is logged once per cause (not per message); values age out on a 1 s timer, so a
sensor that falls silent turns "indisponible" on time even when nothing arrives.
"""

import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Qt, QTimer, Signal

from kiosk.http_poller import HttpPoller
from kiosk.jobs import Jobs
from kiosk.logs import OncePerCause, event
from kiosk.replay_driver import ReplayDriver
from layouts.beach import BeachPanelItem, HttpSource
from media.feeds.flag import FlagMessage, flag_is_news, parse_flag_message
from media.feeds.http_sources import HttpValueRule, reading_from_http
from media.feeds.lorawan import parse_uplink
from media.feeds.mapping import DeviceRule, FieldRule, SensorMap
from media.feeds.mqtt_feed import MqttFeed, MqttSettings
from media.feeds.readings import PayloadRejected, Reading
from media.feeds.replay import load_replay
from signs.beach.display import BeachState, FlagState, panel_display
from signs.beach.model import H2sAlert, SpaceState

log = logging.getLogger("kiosk.beach")


def panel_key(config: BeachPanelItem) -> str:
    """Same configuration, same key: a reload keeps the live data instead of starting empty."""
    return hashlib.sha256(config.model_dump_json(exclude={"id", "duration_s", "transition"}).encode()).hexdigest()[:16]


def replay_path(replay: str, base_dir: Path) -> Path:
    if replay.startswith("builtin:"):
        return Path(str(resources.files("kiosk") / "demo" / f"{replay.removeprefix('builtin:')}-replay.json"))
    return base_dir / replay


def sensor_map(config: BeachPanelItem) -> SensorMap:
    rules = [DeviceRule(
        fields=tuple(FieldRule(f.quantity, f.field, f.unit, f.scale, f.minimum, f.maximum) for f in device.fields),
        dev_eui=device.dev_eui.lower() if device.dev_eui else None,
        tags=tuple(sorted(device.tags.items())),
    ) for device in config.devices]
    return SensorMap(rules)


class BeachPanelLive(QObject):
    display_changed = Signal()
    _message_arrived = Signal(str, bytes, object)
    _connection_changed = Signal(bool, str)

    def __init__(self, config: BeachPanelItem, base_dir: Path, jobs: Jobs, parent: QObject | None = None,
                 drawn_probe: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self._drawn_probe = drawn_probe  # diagnostics: told which uplink each display change came from
        self.setObjectName(f"beach-{config.site_name}")
        self._config = config
        self._state = BeachState(alert=H2sAlert(config.h2s_threshold_ppm, timedelta(seconds=config.h2s_hold_s)))
        self._sensors = sensor_map(config)
        self._once = OncePerCause(log)
        self._display: dict[str, Any] = {}
        self._fresh: dict[str, bool] = {}
        self._connected: bool | None = None
        self._feed: MqttFeed | ReplayDriver | None = None
        if config.replay is not None:
            self._feed = ReplayDriver(load_replay(replay_path(config.replay, base_dir)), self._on_feed_message_arrived, self)
        elif config.mqtt_url is not None:
            topics = list(config.topics) + ([config.flag_topic] if config.flag_topic else [])
            ca_file = str(base_dir / config.mqtt_ca_file) if config.mqtt_ca_file else None
            self._feed = MqttFeed(MqttSettings.from_url(config.mqtt_url, ca_file), topics,
                                  self._message_arrived.emit, self._connection_changed.emit)
        self._poller = HttpPoller(config.http_sources, jobs, self._on_http_document, self._on_http_failed, self)
        self._message_arrived.connect(self._on_feed_message_arrived, Qt.ConnectionType.QueuedConnection)
        self._connection_changed.connect(self._on_feed_connection_changed, Qt.ConnectionType.QueuedConnection)
        self._ticker = QTimer(self, objectName="beach-ages", interval=1000)
        self._ticker.timeout.connect(self.refresh)

    display = Property("QVariantMap", lambda self: self._display, notify=display_changed)

    @property
    def state(self) -> BeachState:
        return self._state

    def start(self) -> None:
        if self._feed is not None:
            self._feed.start()
        self._poller.start()
        self._ticker.start()
        self.refresh()

    def stop(self) -> None:
        self._ticker.stop()
        self._poller.stop()
        if self._feed is not None:
            self._feed.stop()

    def _on_http_document(self, source: HttpSource, body: bytes, received_at: datetime) -> None:
        try:
            if source.kind == "flag":
                self._take_flag(parse_flag_message(body, received_at))
            else:
                assert source.quantity is not None  # the validator insists
                rule = HttpValueRule(source.kind, source.quantity, source.unit, source.value_path, source.time_path,
                                     source.scale, source.minimum, source.maximum)
                reading = reading_from_http(body, rule, source.url, received_at)
                previous = self._state.values.get(reading.quantity)
                if previous is None or reading.observed_at > previous[1]:  # a re-polled old value is no news
                    self._apply(reading)
            self._once.forget(source.url)
        except PayloadRejected as reason:
            self._once.warn((source.url, reason.cause), "reading_refused", reason.detail, reason=reason.cause, url=source.url)
        self.refresh()

    def _on_http_failed(self, source: HttpSource, error: str) -> None:
        # Once per source and cause; the value then ages out on its own (never shown as current).
        self._once.warn((source.url, error), "feed_failed", error, url=source.url)

    def set_flag(self, message: FlagMessage) -> None:
        """The flag set by an authenticated administrator, now: it replaces whatever is shown."""
        self._set_flag(message)
        self.refresh()

    def _take_flag(self, message: FlagMessage) -> None:
        # From a feed: only a newer message counts (PayloadRejected "out-of-order"; the same one again is ignored).
        if flag_is_news(message, self._state.flag):
            self._set_flag(message)

    def _set_flag(self, message: FlagMessage) -> None:
        self._state.flag = FlagState(message.flag, message.set_by, message.set_at)
        event(log, "flag_changed", flag=message.flag.value, set_by=message.set_by, set_at=message.set_at.isoformat())

    def refresh(self) -> None:
        display = panel_display(self._state, self._config, datetime.now(UTC))
        for tile in display["tiles"]:
            was = self._fresh.get(tile["key"])
            if was is not None and was != tile["fresh"]:
                event(log, "reading_expired" if was else "reading_current", logging.WARNING if was else logging.INFO,
                      tile["age_fr"], quantity=tile["key"])
            self._fresh[tile["key"]] = tile["fresh"]
        if display != self._display:
            self._display = display
            self.display_changed.emit()

    def _on_feed_connection_changed(self, connected: bool, reason: str) -> None:
        if connected != self._connected:  # transitions only: a broker down for hours logs once
            self._connected = connected
            event(log, "feed_connected" if connected else "feed_disconnected",
                  logging.INFO if connected else logging.WARNING, reason, url=self._config.mqtt_url)

    def _on_feed_message_arrived(self, topic: str, payload: bytes, received_at: datetime) -> None:
        try:
            if topic == self._config.flag_topic:
                self._take_flag(parse_flag_message(payload, received_at))
            else:
                uplink = parse_uplink(topic, payload)
                readings, rejected = self._sensors.readings(uplink, received_at)
                for reason in rejected:
                    self._refuse(reason, topic)
                for reading in readings:
                    self._apply(reading)
                if readings and self._drawn_probe is not None:
                    self._drawn_probe(uplink.dedup_id)
        except PayloadRejected as reason:
            self._refuse(reason, topic)
        self.refresh()

    def _refuse(self, reason: PayloadRejected, topic: str) -> None:
        self._once.warn((reason.cause,), "reading_refused", reason.detail, reason=reason.cause, topic=topic)

    def _apply(self, reading: Reading) -> None:
        if reading.quantity == "parking_occupied":
            space = reading.tags.get("space") or reading.source
            self._state.spaces[space] = SpaceState(bool(reading.value), reading.tags.get("pmr") == "true", reading.observed_at)
            return
        value = float(reading.value)
        self._state.values[reading.quantity] = (value, reading.observed_at)
        if reading.quantity == "h2s" and self._state.alert.update(value, reading.observed_at):
            active = self._state.alert.active
            event(log, "h2s_alert_started" if active else "h2s_alert_lifted", logging.WARNING if active else logging.INFO,
                  ppm=value, threshold_ppm=self._config.h2s_threshold_ppm, at=reading.observed_at.isoformat())
