"""Where alerts come from besides the API: an MQTT topic and a polled Atom index of CAP messages.

Bytes are parsed where they arrive (paho's thread, the Jobs pool) by ``media.feeds.cap``; only the
typed alert, or the refusal's reason, crosses to the alert centre. The feed poll fetches the index
with ETag / If-Modified-Since, then each listed message it has not seen (at most ``MAX_FETCH_PER_POLL``
per poll, each bounded by the document limits of ``media.fetch``).
"""

import logging
import threading
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk.alerts import AlertCenter
from kiosk.jobs import Jobs
from kiosk.logs import event
from media.feeds.cap import MAX_CAP_BYTES, parse_cap
from media.feeds.cap_atom import cap_links
from media.feeds.cap_model import CapRefused
from media.feeds.mqtt_feed import MqttFeed, MqttSettings
from media.fetch import FetchOutcome, Validators, fetch_document

log = logging.getLogger("kiosk.alerts")
MAX_FETCH_PER_POLL = 20
MAX_SEEN_URLS = 500


def start_mqtt(center: AlertCenter, url: str, topic: str) -> Any:
    """Subscribe to ``topic``; returns the stop function (joins paho's thread: call it off the GUI thread)."""
    made: list[MqttFeed] = []

    def on_message(_topic: str, payload: bytes, _received_at: Any) -> None:  # paho's thread
        try:
            center.submit(parse_cap(payload, "mqtt"), payload)
        except CapRefused as refused:
            center.refused("mqtt", str(refused))

    def on_connection(connected: bool, reason: str) -> None:
        event(log, "alert_mqtt_connected" if connected else "alert_mqtt_disconnected",
              logging.INFO if connected else logging.WARNING, reason, topic=topic)

    def start() -> None:
        try:
            feed = MqttFeed(MqttSettings.from_url(url), [topic], on_message, on_connection)
            feed.start()
        except (OSError, ValueError) as exc:
            on_connection(False, f"cannot start: {type(exc).__name__}: {exc}")
            return
        made.append(feed)

    starter = threading.Thread(target=start, name="alert-mqtt-start", daemon=True)
    starter.start()

    def stop() -> None:
        starter.join(5.0)
        for feed in made:
            feed.stop()

    return stop


class FeedPoller(QObject):
    """Polls an Atom index of CAP messages every ``every_s`` in the Jobs pool."""

    def __init__(self, center: AlertCenter, jobs: Jobs, url: str, every_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alert-feed")
        self._center, self._jobs, self._url = center, jobs, url
        self._index_validators = Validators()
        self._seen: OrderedDict[str, None] = OrderedDict()  # message addresses already taken (bounded)
        self._busy = False
        self._timer = QTimer(self, objectName="alert-feed-poll", interval=round(every_s * 1000))
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        if self._busy:
            return  # a slow server never piles polls up
        self._busy = True
        known, seen, url, center = self._index_validators, set(self._seen), self._url, self._center

        def work() -> tuple[Validators, list[str]]:
            index = fetch_document(url, known)
            if index.outcome is FetchOutcome.NOT_MODIFIED:
                return known, []
            if index.outcome is FetchOutcome.FAILED or index.body is None:
                raise OSError(index.error or "the index could not be fetched")
            taken = []
            for link in [u for u in cap_links(index.body, url) if u not in seen][:MAX_FETCH_PER_POLL]:
                message = fetch_document(link, max_bytes=MAX_CAP_BYTES)
                if message.outcome is FetchOutcome.FETCHED and message.body is not None:
                    taken.append(link)
                    try:
                        center.submit(parse_cap(message.body, f"feed {link[:200]}"), message.body)
                    except CapRefused as refused:
                        center.refused(f"feed {link[:200]}", str(refused))
            return index.validators, taken

        self._jobs.submit(work, self._done)

    def _done(self, result: tuple[Validators, list[str]] | None, error: BaseException | None) -> None:
        self._busy = False
        if error is not None or result is None:
            event(log, "alert_feed_failed", logging.WARNING, f"{type(error).__name__}: {str(error)[:300]}", url=self._url[:300])
            return
        self._index_validators, taken = result
        for link in taken:
            self._seen[link] = None
        while len(self._seen) > MAX_SEEN_URLS:
            self._seen.popitem(last=False)
