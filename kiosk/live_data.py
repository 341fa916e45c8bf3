"""The live-data service: runs each live source's feeds and hands parsed batches to its adapter.

Feeds are MQTT subscriptions (paho's own thread), replays (a GUI timer) and HTTP polls (the Jobs
pool). Bytes are parsed where they arrive, by the sign's pure parse function; only the typed batch
crosses to the GUI thread (``LiveInbox``: one wake-up per burst, drained in slices), where the sign's
adapter applies it and redraws once per slice. Sources are
shared by key, so a reload keeps their data; one 1 s tick ages every value. Stopping an MQTT
client joins paho's thread, so it happens on a thread of its own, never the GUI thread.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from common.clock import Clock
from kiosk.http_poller import HttpPoller
from kiosk.jobs import Jobs
from kiosk.live_inbox import LiveInbox
from kiosk.logs import OncePerCause, event
from kiosk.replay_driver import ReplayDriver
from media.feeds.mqtt_feed import MqttFeed
from media.feeds.replay import load_replay
from signs.live import LiveAdapter, LiveSpec

log = logging.getLogger("kiosk.live")
TICK_MS = 1000
STARTER_JOIN_S = 5.0


@dataclass(frozen=True, slots=True)
class _ParseCrashed:
    """A parse function raised instead of returning a batch (a bug in a sign): logged once per cause."""

    error: str


@dataclass
class _Source:
    spec: LiveSpec
    adapter: LiveAdapter
    users: int = 0
    stops: list[Callable[[], None]] = field(default_factory=list)


class LiveData(QObject):
    _connection = Signal(str, bool, str)

    def __init__(self, jobs: Jobs, clock: Clock, parent: QObject | None = None,
                 drawn_probe: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("live-data")
        self._jobs, self._clock, self._drawn_probe = jobs, clock, drawn_probe
        self._sources: dict[str, _Source] = {}
        self._stopping: list[threading.Thread] = []
        self._once = OncePerCause(log)
        self._labels: list[str] = []  # uplinks applied in this slice, for the latency probe
        self._inbox = LiveInbox(self._take, self._settle, self)  # batches from every thread, drained in slices
        self._connection.connect(self._on_connection, Qt.ConnectionType.QueuedConnection)
        self._ticker = QTimer(self, objectName="live-ages", interval=TICK_MS)
        self._ticker.timeout.connect(self._tick)

    def acquire(self, spec: LiveSpec) -> str:
        source = self._sources.get(spec.key)
        if source is None:
            source = _Source(spec, spec.make_adapter(self._clock))
            self._sources[spec.key] = source
            self._start_feeds(source)
            if not self._ticker.isActive():
                self._ticker.start()
        source.users += 1
        return spec.key

    def release(self, key: str) -> None:
        source = self._sources.get(key)
        if source is None:
            return
        source.users -= 1
        if source.users <= 0:
            del self._sources[key]
            self._stop_feeds(source)
            source.adapter.deleteLater()

    @Slot(str, result=QObject)
    def source(self, key: str) -> QObject | None:
        source = self._sources.get(key)
        return source.adapter if source is not None else None  # type: ignore[return-value]

    def handle(self, command: Any) -> int:
        """An administrator's command, offered to every source; how many took it."""
        return sum(1 for source in self._sources.values() if source.adapter.handle(command))

    def status(self) -> dict[str, dict[str, str]]:
        """Per source, per value: its age as the view says it (for the status call)."""
        return {key: source.adapter.status() for key, source in self._sources.items()}

    def stop_all(self, timeout_s: float = 2.0) -> None:
        """Stop every feed; wait at most ``timeout_s`` in all for the MQTT clients to close."""
        self._ticker.stop()
        for source in self._sources.values():
            self._stop_feeds(source)
        deadline = time.monotonic() + timeout_s
        for thread in self._stopping:
            thread.join(max(0.0, deadline - time.monotonic()))
        stuck = [t.name for t in self._stopping if t.is_alive()]
        if stuck:
            event(log, "feeds_stop_slow", logging.WARNING, f"{len(stuck)} feed(s) still closing; leaving them", feeds=stuck)
        self._stopping.clear()

    # -- feeds -------------------------------------------------------------------------------------
    def _start_feeds(self, source: _Source) -> None:
        spec = source.spec
        if spec.mqtt is not None and spec.parse_message is not None:
            self._start_mqtt(spec, source)
        if spec.replay_file is not None:
            self._start_replay(source)
        if spec.http:
            poller = HttpPoller(spec.http, self._jobs, self._clock, lambda batch: self._inbox.put(spec.key, batch),
                                lambda url, error: self._poll_failed(spec.key, url, error))
            poller.start()
            # No Qt parent: the poller lives as long as something refers to it, a fetch still in
            # the pool included (deleting it under a job's callback crashed the process).
            source.stops.append(poller.stop)

    def _start_mqtt(self, spec: LiveSpec, source: _Source) -> None:
        """Making the client reads the CA file and starting it resolves the broker's name: both on a
        thread of their own. Stopping waits for that start, then joins paho's thread (also off the GUI)."""
        assert spec.mqtt is not None
        made: list[MqttFeed] = []
        on_message = self._message_handler(spec)

        def on_connection(connected: bool, reason: str) -> None:
            self._connection.emit(spec.key, connected, reason)

        def start() -> None:
            try:
                feed = MqttFeed(spec.mqtt, list(spec.topics), on_message, on_connection)
                feed.start()
            except (OSError, ValueError) as exc:  # an unreadable CA file, a bad host name
                on_connection(False, f"cannot start: {type(exc).__name__}: {exc}")
                return
            made.append(feed)

        starter = threading.Thread(target=start, name=f"mqtt-start-{spec.key}", daemon=True)
        starter.start()

        def stop() -> None:
            starter.join(STARTER_JOIN_S)
            for feed in made:
                feed.stop()

        source.stops.append(lambda: self._stop_in_background(stop, f"mqtt-stop-{spec.key}"))

    def _message_handler(self, spec: LiveSpec) -> Callable[[str, bytes, Any], None]:
        parse, clock, key = spec.parse_message, self._clock, spec.key

        def on_message(topic: str, payload: bytes, _received_at: Any) -> None:  # paho's thread
            try:
                batch = parse(topic, payload, clock.now())
            except Exception as exc:  # noqa: BLE001 - a sign's bug must not kill paho's thread
                batch = _ParseCrashed(f"{type(exc).__name__}: {exc}")
            self._inbox.put(key, batch)

        return on_message

    def _start_replay(self, source: _Source) -> None:
        spec = source.spec
        assert spec.replay_file is not None and spec.parse_message is not None
        parse, clock = spec.parse_message, self._clock

        def loaded(replay: Any, error: BaseException | None) -> None:
            if self._sources.get(spec.key) is not source:
                return  # released while the file was being read
            if error is not None:
                event(log, "replay_failed", logging.ERROR, f"{type(error).__name__}: {error}", file=str(spec.replay_file))
                return
            driver = ReplayDriver(replay, clock, lambda topic, payload, at: self._inbox.put(spec.key, parse(topic, payload, at)))
            driver.start()
            source.stops.append(driver.stop)

        self._jobs.submit(lambda: load_replay(spec.replay_file), loaded)

    def _stop_feeds(self, source: _Source) -> None:
        stops, source.stops = source.stops, []
        for stop in stops:
            stop()

    def _stop_in_background(self, stop: Callable[[], None], name: str) -> None:
        self._stopping = [t for t in self._stopping if t.is_alive()]
        thread = threading.Thread(target=stop, name=name, daemon=True)
        thread.start()
        self._stopping.append(thread)

    # -- GUI thread --------------------------------------------------------------------------------
    def _take(self, key: str, batch: Any) -> None:
        source = self._sources.get(key)
        if source is None:
            return
        if isinstance(batch, _ParseCrashed):
            self._once.warn((key, batch.error), "live_parse_failed", batch.error, source=source.spec.label)
            return
        label = source.adapter.apply(batch)
        if label:
            self._labels.append(label)

    def _settle(self, keys: set[str]) -> None:
        """Once per slice of batches: each touched source redraws, then the latency probe hears of it."""
        for key in keys:
            source = self._sources.get(key)
            if source is not None:
                source.adapter.tick()
        labels, self._labels = self._labels, []
        if self._drawn_probe is not None:
            for label in labels:
                self._drawn_probe(label)

    def _on_connection(self, key: str, connected: bool, reason: str) -> None:
        source = self._sources.get(key)
        if source is not None:
            source.adapter.connection_changed(connected, reason)

    def _poll_failed(self, key: str, url: str, error: str) -> None:
        source = self._sources.get(key)
        if source is not None:
            source.adapter.poll_failed(url, error)

    def _tick(self) -> None:
        for source in list(self._sources.values()):
            source.adapter.tick()
