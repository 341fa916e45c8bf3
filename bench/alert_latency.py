"""Alert to screen: from the API call (and from the MQTT publish) to the takeover frame on screen.

Real ``kiosk run --api-port`` processes offscreen and a real mosquitto. Each runtime logs
``alert_drawn`` with the monotonic time of the frame swap that first shows the alert; the benchmark
takes its own monotonic time just before the call or the publish (one machine: one clock). Per
screen: every screen's latency; for all: per alert, the last screen's. Targets: p99 < 300 ms per
screen, < 1 s for all ten.
"""

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

from _harness import ROOT, KioskProcess, workdir

sys.path.insert(0, str(ROOT))
import paho.mqtt.client as mqtt  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from provisioning.admins import PairedAdmins  # noqa: E402
from provisioning.client import DeviceClient  # noqa: E402
from provisioning.identity import load_or_create_identity  # noqa: E402
from tests.support.cap import now_message  # noqa: E402
from tests.support.mosquitto import Mosquitto  # noqa: E402

TOPIC = "istres/alerts/cap"


class Publisher:
    """One connection to the broker, made before measuring: a publish is then just a publish."""

    def __init__(self, broker: Mosquitto) -> None:
        self.port = broker.port
        self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self._client.connect("127.0.0.1", broker.port)
        self._client.loop_start()

    def publish(self, payload: bytes) -> None:
        self._client.publish(TOPIC, payload, qos=1).wait_for_publish(10)

    def close(self) -> None:
        self._client.loop_stop()
        self._client.disconnect()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def start_screens(count: int, folder: Path, broker: Mosquitto, admin: Ed25519PrivateKey) -> list[tuple[KioskProcess, DeviceClient]]:
    folder.mkdir(parents=True, exist_ok=True)
    layout = folder / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "bench", "screen": {"width": 1280, "height": 720},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 1280, "height": 720, "playlist": [
                                      {"id": "t", "kind": "text", "text": "Istres", "color": "#ffffff", "duration_s": 60}]}]}))
    screens = []
    for i in range(count):
        data = folder / f"screen-{i}"
        identity = load_or_create_identity(data / "identity", f"s{i}")
        PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "bench")
        process = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(data), "--api-port", "0",
                                "--api-host", "127.0.0.1", "--alert-mqtt", broker.url, "--alert-topic", TOPIC], folder)
        screens.append((process, identity))
    ready = []
    for process, identity in screens:
        port = process.wait_event("api_listening", timeout_s=180)["port"]
        process.wait_event("layout_applied", timeout_s=180)
        process.wait_event("alert_mqtt_connected", timeout_s=60)
        ready.append((process, DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin)))
    return ready


def one_round(screens: list, broker: "Publisher", alert_id: str, by_api: bool) -> tuple[list[float], float]:
    """Latencies (ms) of every screen for one alert, and the last screen's."""
    message = now_message(alert_id, lasts_s=600, headline=f"Alerte {alert_id}")
    started: dict[int, float] = {}
    if by_api:
        def call(index: int, client: DeviceClient) -> None:
            started[index] = time.monotonic()
            answer = client.request("POST", "/alerts", {"cap": message.decode()})
            assert answer.status == 200, answer.body
        threads = [threading.Thread(target=call, args=(i, c)) for i, (_p, c) in enumerate(screens)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        t0 = time.monotonic()
        broker.publish(message)
        started = dict.fromkeys(range(len(screens)), t0)
    drawn = [p.wait_event("alert_drawn", alert_id=alert_id, kind="shown", timeout_s=30)["t"] for p, _c in screens]
    latencies = [(t - started[i]) * 1000 for i, t in enumerate(drawn)]
    broker.publish(now_message(f"{alert_id}-cancel", msg_type="Cancel",
                                            references=f"securite-civile@istres.fr,{alert_id},2026-01-01T00:00:00+00:00"))
    for process, _c in screens:
        process.wait_event("alert_drawn", alert_id=alert_id, kind="cleared", timeout_s=30)
    return latencies, (max(drawn) - min(started.values())) * 1000


def measure(count: int, rounds: int, broker: Mosquitto, folder: Path) -> None:
    screens = start_screens(count, folder, broker, Ed25519PrivateKey.generate())
    publisher = Publisher(broker)
    try:
        time.sleep(2.0)  # let start-up work settle (first frames, caches) before measuring
        for by_api in (True, False):
            per_screen, for_all = [], []
            for i in range(rounds):
                latencies, last = one_round(screens, publisher, f"b{count}-{'api' if by_api else 'mqtt'}-{i}", by_api)
                per_screen += latencies
                for_all.append(last)
                time.sleep(0.2)
            print(f"{count:2d} screen(s), {'API ' if by_api else 'MQTT'} x{rounds}: per screen p50 {statistics.median(per_screen):6.1f} ms "
                  f"p99 {percentile(per_screen, 0.99):6.1f} ms | all screens p50 {statistics.median(for_all):6.1f} ms "
                  f"p99 {percentile(for_all, 0.99):6.1f} ms (max {max(for_all):.1f})", flush=True)
    finally:
        publisher.close()
        for process, _c in screens:
            process.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--screens", type=int, nargs="+", default=[1, 3, 10])
    args = parser.parse_args()
    folder = workdir("alerts")
    broker = Mosquitto(folder).start()
    try:
        for count in args.screens:
            measure(count, args.rounds, broker, folder / f"n{count}")
    finally:
        broker.stop()
    print("targets: p99 < 300 ms per screen, < 1000 ms for all ten")


if __name__ == "__main__":
    main()
