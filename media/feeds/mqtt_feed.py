"""An MQTT subscription on its own network thread (paho-mqtt), reconnecting with backoff.

``on_message(topic, payload, received_at)`` and ``on_connection(connected, reason)`` are called
on paho's thread: the caller hands them to its own thread (the kiosk uses a queued Qt signal).
"""

import logging
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

import paho.mqtt.client as mqtt

log = logging.getLogger("media.mqtt")
RECONNECT_MIN_S = 1
RECONNECT_MAX_S = 30


@dataclass(frozen=True, slots=True)
class MqttSettings:
    host: str
    port: int
    tls: bool = False
    username: str | None = None
    password: str | None = None
    ca_file: str | None = None
    keepalive_s: int = 30

    @classmethod
    def from_url(cls, url: str, ca_file: str | None = None) -> "MqttSettings":
        """``mqtt://[user[:password]@]host[:1883]`` or ``mqtts://...[:8883]`` (TLS)."""
        parts = urlsplit(url)
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise ValueError(f"{url!r} is not an mqtt:// or mqtts:// URL with a host")
        tls = parts.scheme == "mqtts"
        return cls(parts.hostname, parts.port or (8883 if tls else 1883), tls,
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None, ca_file)


MessageHandler = Callable[[str, bytes, datetime], None]
ConnectionHandler = Callable[[bool, str], None]


class MqttFeed:
    def __init__(self, settings: MqttSettings, topics: list[str], on_message: MessageHandler,
                 on_connection: ConnectionHandler) -> None:
        self._settings = settings
        self._topics = topics
        self._on_message_cb = on_message
        self._on_connection_cb = on_connection
        self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"istres-kiosk-{uuid.uuid4().hex[:8]}",
                                   clean_session=True)
        if settings.username:
            self._client.username_pw_set(settings.username, settings.password)
        if settings.tls:
            self._client.tls_set(ca_certs=settings.ca_file, cert_reqs=ssl.CERT_REQUIRED)
        self._client.reconnect_delay_set(RECONNECT_MIN_S, RECONNECT_MAX_S)
        # paho's own messages go to our logs (JSON), not bare to stderr.
        self._client.enable_logger(logging.getLogger("media.mqtt.paho"))
        self._client.on_connect = self._on_connect
        self._client.on_subscribe = self._on_subscribe
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message

    def start(self) -> None:
        # connect_async + loop_start: the first connection and every reconnection happen on paho's
        # thread, so a broker that is down never blocks the caller.
        self._client.connect_async(self._settings.host, self._settings.port, self._settings.keepalive_s)
        self._client.loop_start()

    def stop(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()

    def _on_connect(self, client: mqtt.Client, userdata: object, flags: object, reason: mqtt.ReasonCode, properties: object) -> None:
        if reason.is_failure:
            self._on_connection_cb(False, f"refused by the broker: {reason}")
            return
        # "Connected" is reported once the broker acknowledged the subscriptions: before that,
        # messages published are not delivered to us (QoS 0), and a caller would wait for nothing.
        client.subscribe([(topic, 0) for topic in self._topics])

    def _on_subscribe(self, client: mqtt.Client, userdata: object, mid: int, reasons: list, properties: object) -> None:
        refused = [str(r) for r in reasons if r.is_failure]
        if refused:
            self._on_connection_cb(False, f"subscription refused by the broker: {', '.join(refused)}")
            return
        self._on_connection_cb(True, "connected and subscribed")

    def _on_disconnect(self, client: mqtt.Client, userdata: object, flags: object, reason: mqtt.ReasonCode, properties: object) -> None:
        self._on_connection_cb(False, f"disconnected: {reason}")

    def _on_message(self, client: mqtt.Client, userdata: object, message: mqtt.MQTTMessage) -> None:
        self._on_message_cb(message.topic, bytes(message.payload), datetime.now(UTC))
