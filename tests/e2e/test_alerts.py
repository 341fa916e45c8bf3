"""Emergency alerts end to end: three real runtime processes, a real mosquitto and the management API.

Beach screen A and beach screen C (which shows exercises) stand in the H2S circle; town-hall screen B
is outside it but has the town's zone code. Alerts arrive by MQTT and by the API; they are shown,
updated, cancelled, expire, and come back after a restart; a hostile message changes nothing.
"""

import json
import signal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtGui import QImage

from provisioning.admins import PairedAdmins
from provisioning.client import DeviceClient
from provisioning.identity import load_or_create_identity
from tests.support.cap import ROMANIQUETTE, TOWN_HALL, now_message
from tests.support.kiosk_process import KioskProcess
from tests.support.mosquitto import Mosquitto, publish

pytestmark = pytest.mark.e2e
TOPIC = "istres/alerts/cap"
ZONE = "<geocode><valueName>INSEE</valueName><value>13047</value></geocode>"
BEACH = "<circle>43.5030,4.9890 0.4</circle>"
SENDER = "securite-civile@istres.fr"


def text_layout(path: Path) -> Path:
    path.write_text(json.dumps({"schema_version": 2, "name": "accueil", "screen": {"width": 1280, "height": 720},
                                "regions": [{"id": "r", "x": 0, "y": 0, "width": 1280, "height": 720, "background": "#203040",
                                             "playlist": [{"id": "t", "kind": "text", "text": "Bienvenue à Istres",
                                                           "color": "#ffffff", "duration_s": 30}]}]}))
    return path


class Screen:
    def __init__(self, name: str, tmp_path: Path, broker: Mosquitto, admin: Ed25519PrivateKey, *extra: str) -> None:
        self.name, self.tmp, self.data = name, tmp_path / name, tmp_path / name / "data"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.identity = load_or_create_identity(self.data / "identity", name)
        PairedAdmins(self.data / "identity" / "admins.json").add(admin.public_key(), "test admin")
        self.args = ["run", "--layout", str(text_layout(self.tmp / "layout.json")), "--windowed", "--data-dir", str(self.data),
                     "--api-port", "0", "--api-host", "127.0.0.1", "--device-name", name, "--alert-mqtt", broker.url,
                     "--alert-topic", TOPIC, *extra]
        self.admin = admin
        self.start()

    def start(self) -> None:
        self.process = KioskProcess(self.args, self.tmp)

    def ready(self) -> None:
        self.port = self.process.wait_event("api_listening", timeout_s=90)["port"]
        self.process.wait_event("layout_applied", timeout_s=90)
        self.process.wait_event("alert_mqtt_connected", timeout_s=30)
        self.client = DeviceClient("127.0.0.1", self.port, self.identity.fingerprint_sha256, self.admin)

    def drawn(self, alert_id: str, kind: str = "shown", count: int = 1) -> dict:
        return self.process.wait_event("alert_drawn", count=count, timeout_s=15, alert_id=alert_id, kind=kind)

    def held(self) -> list[str]:
        return [a["id"] for a in self.client.request("GET", "/alerts").json()["alerts"]]


def ref(identifier: str) -> str:
    return f"{SENDER},{identifier},2026-01-01T00:00:00+00:00"


def test_send_update_cancel_expire_and_restart(tmp_path: Path):
    broker = Mosquitto(tmp_path).start()
    admin = Ed25519PrivateKey.generate()
    lat, lon = ROMANIQUETTE
    a = Screen("plage-a", tmp_path, broker, admin, "--location", f"{lat},{lon}")
    b = Screen("mairie-b", tmp_path, broker, admin, "--location", f"{TOWN_HALL[0]},{TOWN_HALL[1]}", "--zone", "13047")
    c = Screen("plage-c", tmp_path, broker, admin, "--location", f"{lat},{lon}", "--show-exercises")
    screens = (a, b, c)
    try:
        for screen in screens:
            screen.ready()
        # An alert by MQTT: the beach screens take it, the town hall is outside its circle.
        publish(broker.port, TOPIC, now_message("h2s-1", headline="Plage fermée", area=BEACH, headline_en="Beach closed"))
        a.drawn("h2s-1"), c.drawn("h2s-1")
        b.process.wait_event("alert_ignored", alert_id="h2s-1", timeout_s=10)
        # One by the API for the town's zone: only B (A and C are given no zone).
        answer = b.client.request("POST", "/alerts", {"cap": now_message("mairie-1", area=ZONE, headline="Mairie évacuée").decode()})
        assert answer.status == 200 and answer.json()["changes"][0]["kind"] == "shown", answer.body
        b.drawn("mairie-1")
        # An Update replaces; an exercise shows only where exercises are shown, under the more severe alert.
        publish(broker.port, TOPIC, now_message("h2s-2", msg_type="Update", references=ref("h2s-1"), area=BEACH,
                                                headline="Plage fermée jusqu'à demain"))
        a.drawn("h2s-2"), c.drawn("h2s-2")
        publish(broker.port, TOPIC, now_message("ex-1", status="Exercise", severity="Minor", area=BEACH, headline="Exercice"))
        c.process.wait_event("alert_shown", alert_id="ex-1", timeout_s=10)
        a.process.wait_event("alert_ignored", alert_id="ex-1", timeout_s=10)
        assert c.held() == ["h2s-2", "ex-1"] and a.held() == ["h2s-2"]
        # A hostile message changes nothing on any screen.
        publish(broker.port, TOPIC, b'<!DOCTYPE a [<!ENTITY x "xx">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&x;</alert>')
        for screen in screens:
            screen.process.wait_event("alert_refused", timeout_s=10)
        assert c.held() == ["h2s-2", "ex-1"] and b.held() == ["mairie-1"]
        # Cancel by the API on A; by MQTT for everyone (C lifts it and shows the exercise, A: unknown, ignored).
        assert a.client.request("DELETE", "/alerts/h2s-2").status == 200
        a.drawn("h2s-2", kind="cleared")
        publish(broker.port, TOPIC, now_message("cancel-1", msg_type="Cancel", references=ref("h2s-2")))
        c.drawn("ex-1")
        a.process.wait_event("alert_ignored", alert_id="h2s-2", timeout_s=10)
        assert a.client.request("DELETE", "/alerts/nope").status == 404
        # Expiry: a 3 s alert on B comes in front of mairie-1, then lifts by itself.
        b.client.request("POST", "/alerts", {"cap": now_message("short-1", lasts_s=3, severity="Extreme", area=ZONE).decode()})
        b.drawn("short-1")
        b.process.wait_event("alert_lifted", alert_id="short-1", msg="expired", timeout_s=10)
        b.drawn("mairie-1", count=2)
        status = b.client.request("GET", "/status").json()
        assert [x["id"] for x in status["alerts"]] == ["mairie-1"] and status["alerts"][0]["on_screen"]
        # Restart during an alert: it is back on screen with no message sent again.
        b.process.send(signal.SIGTERM)
        assert b.process.wait_exit(30) == 0
        b.start()
        b.ready()
        b.process.wait_event("alert_restored", alert_id="mairie-1", timeout_s=10)
        b.drawn("mairie-1")
        shot = b.client.request("GET", "/screenshot")
        (tmp_path / "takeover.png").write_bytes(shot.body)
        image = QImage(str(tmp_path / "takeover.png"))
        corner = image.pixelColor(5, image.height() // 2)
        assert (corner.red(), corner.green(), corner.blue()) == (0x8A, 0x10, 0x00), "the Severe takeover covers the layout"
    finally:
        codes = [screen.process.stop() for screen in screens]
        broker.stop()
    assert codes == [0, 0, 0]
    for screen in screens:
        assert screen.process.qml_warnings() == []


def test_a_flood_of_a_thousand_alerts_in_a_second(tmp_path: Path):
    """1,000 valid alerts by MQTT within a second: 100 held, the severe one stays in front, the log stays short."""
    import time

    import paho.mqtt.client as mqtt

    broker = Mosquitto(tmp_path).start()
    screen = Screen("flood", tmp_path, broker, Ed25519PrivateKey.generate(), "--probe-gui-stalls")
    publisher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    try:
        screen.ready()
        publisher.connect("127.0.0.1", broker.port)
        publisher.loop_start()
        publish(broker.port, TOPIC, now_message("storm", severity="Extreme", headline="Tempête"))
        screen.drawn("storm")
        messages = [now_message(f"flood-{i}", severity="Minor") for i in range(1000)]
        started = time.monotonic()
        for message in messages:
            publisher.publish(TOPIC, message, qos=0)
        sent_s = time.monotonic() - started
        screen.process.wait_for(lambda _e: screen.process.count("alert_flood") == 1, 20, "the flood line")
        held = screen.held()
        deadline = time.monotonic() + 20
        while len(held) < 100 and time.monotonic() < deadline:
            time.sleep(0.2)
            held = screen.held()
        assert len(held) == 100 and held[0] == "storm"
        status = screen.client.request("GET", "/status").json()
        assert [a["id"] for a in status["alerts"] if a["on_screen"]][0] == "storm"
        screen.process.wait_event("gui_lateness", count=2, timeout_s=30)  # a summary covering the flood
    finally:
        publisher.loop_stop()
        publisher.disconnect()
        screen.process.stop()
        broker.stop()
    assert sent_s < 1.0
    assert screen.process.count("alert_refused") <= 20 and screen.process.count("alert_shown") == 100
    assert screen.process.count("alert_drawn") == 1, "the flood never took the front from the extreme alert"
    flood_mono = screen.process.named("alert_drawn")[0]["mono"]
    stalls = [(e["lateness_ms"], e["during"]) for e in screen.process.named("gui_stall") if e["mono"] > flood_mono]
    print(f"flood of 1,000: GUI stalls over 50 ms during and after it: {stalls}")
