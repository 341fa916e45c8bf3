"""What a sign asks of the runtime's live-data service: where its data comes from, how to parse it.

The service (``kiosk.live_data``) runs the feeds; the sign gives pure, thread-safe parse functions
that run where the bytes arrive (paho's thread for MQTT, the Jobs pool for HTTP documents) and
return a typed batch. Only that batch crosses to the GUI thread, where the sign's adapter (a
QObject its QML view binds to) applies it. Parse functions never raise: a refused message is part
of the batch, logged once per cause by the adapter.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from common.clock import Clock
from media.feeds.mqtt_feed import MqttSettings


@dataclass(frozen=True, slots=True)
class HttpPoll:
    """A document fetched every ``every_s`` (with ETag) and parsed in the pool."""

    url: str
    every_s: float
    parse: Callable[[bytes, datetime], Any]


@dataclass(frozen=True, slots=True)
class LiveSpec:
    """One live source. Same ``key``, same source: a reload keeps its data instead of starting empty."""

    key: str
    make_adapter: Callable[[Clock], "LiveAdapter"]
    parse_message: Callable[[str, bytes, datetime], Any] | None = None  # MQTT or replayed messages
    mqtt: MqttSettings | None = None
    topics: tuple[str, ...] = ()
    replay_file: Path | None = None
    http: tuple[HttpPoll, ...] = ()
    label: str = ""  # names the source in logs (its broker URL, its replay file)


class LiveAdapter(Protocol):
    """The sign's side, living in the GUI thread (a QObject with the properties its view binds to)."""

    def apply(self, batch: Any) -> str | None:
        """Take a parsed batch (state only: ``tick`` follows once per slice of batches); return a label
        when it brought news (latency probes)."""

    def connection_changed(self, connected: bool, reason: str) -> None: ...

    def poll_failed(self, url: str, error: str) -> None: ...

    def tick(self) -> None:
        """Once a second: values age, expire, alerts lift on time."""

    def handle(self, command: Any) -> bool:
        """An administrator's command (e.g. set the flag); True when this source took it."""

    def status(self) -> dict[str, str]:
        """Per value, its age as the view says it (for the status call)."""

    def deleteLater(self) -> None: ...  # noqa: N802 - Qt's name
