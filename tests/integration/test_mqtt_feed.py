"""The MQTT feed against a real mosquitto: messages arrive; a broker restart is survived."""

import threading
import time
from pathlib import Path

import pytest

from media.feeds.mqtt_feed import MqttFeed, MqttSettings
from tests.support.mosquitto import Mosquitto, publish


def test_settings_from_urls():
    assert MqttSettings.from_url("mqtt://broker.local") == MqttSettings("broker.local", 1883)
    secure = MqttSettings.from_url("mqtts://istres%40ttn:s%3Acret@eu1.example:8883")
    assert (secure.tls, secure.username, secure.password, secure.port) == (True, "istres@ttn", "s:cret", 8883)
    with pytest.raises(ValueError, match="not an mqtt"):
        MqttSettings.from_url("http://x")


class Collector:
    def __init__(self) -> None:
        self.messages: list[tuple[str, bytes]] = []
        self.states: list[bool] = []
        self.changed = threading.Condition()

    def on_message(self, topic, payload, received_at) -> None:
        with self.changed:
            self.messages.append((topic, payload))
            self.changed.notify_all()

    def on_connection(self, connected, reason) -> None:
        with self.changed:
            self.states.append(connected)
            self.changed.notify_all()

    def wait(self, predicate, timeout_s=20.0) -> None:
        with self.changed:
            assert self.changed.wait_for(predicate, timeout_s), (self.states, self.messages)


def test_messages_arrive_and_the_feed_reconnects_after_a_broker_restart(tmp_path: Path):
    broker = Mosquitto(tmp_path).start()
    got = Collector()
    feed = MqttFeed(MqttSettings.from_url(broker.url), ["application/+/device/+/event/up"], got.on_message, got.on_connection)
    feed.start()
    try:
        got.wait(lambda: got.states[-1:] == [True])
        publish(broker.port, "application/a/device/70b3d5e75e00a017/event/up", b'{"n": 1}')
        got.wait(lambda: len(got.messages) == 1)
        broker.stop()
        got.wait(lambda: got.states[-1:] == [False])
        time.sleep(0.5)
        broker = Mosquitto(tmp_path, port=broker.port).start()  # the same address comes back
        got.wait(lambda: got.states[-1:] == [True], timeout_s=40)
        publish(broker.port, "application/a/device/70b3d5e75e00a017/event/up", b'{"n": 2}')
        got.wait(lambda: len(got.messages) == 2)
    finally:
        feed.stop()
        broker.stop()
    assert [p for _, p in got.messages] == [b'{"n": 1}', b'{"n": 2}']


def test_tls_with_username_and_password(tmp_path: Path):
    from tests.support.mosquitto import make_tls_files

    ca, cert, key = make_tls_files(tmp_path)
    broker = Mosquitto(tmp_path, users={"istres@ttn": "s3cret"}, tls=(ca, cert, key)).start()
    good, wrong = Collector(), Collector()
    url = f"mqtts://istres%40ttn:s3cret@127.0.0.1:{broker.port}"
    feed = MqttFeed(MqttSettings.from_url(url, ca_file=str(ca)), ["v3/+/devices/+/up"], good.on_message, good.on_connection)
    refused = MqttFeed(MqttSettings.from_url(url.replace("s3cret", "guess"), ca_file=str(ca)), ["#"],
                       wrong.on_message, wrong.on_connection)
    feed.start()
    refused.start()
    try:
        good.wait(lambda: good.states[-1:] == [True])
        wrong.wait(lambda: False in wrong.states)
        assert True not in wrong.states  # a wrong password never gets in
    finally:
        feed.stop()
        refused.stop()
        broker.stop()
