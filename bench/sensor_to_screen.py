"""Sensor to screen: MQTT publish on a local mosquitto -> the new value drawn (after its frame swap).

The runtime logs ``live_drawn`` with the uplink id and the swap's monotonic time
(--probe-live-latency); the benchmark publishes with its own monotonic time. Target: p99 < 200 ms.
"""

import argparse
import json
import statistics
import sys
import time

from _harness import ROOT, KioskProcess, workdir

sys.path.insert(0, str(ROOT))
import paho.mqtt.client as mqtt  # noqa: E402

from tests.support.mosquitto import Mosquitto  # noqa: E402
from tests.support.uplinks import WEATHER_TOPIC, beach_item, weather_uplink  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--interval-s", type=float, default=0.05)
    args = parser.parse_args()
    folder = workdir("sensor")
    broker = Mosquitto(folder).start()
    layout = folder / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "plage", "screen": {"width": 1280, "height": 720},
                                  "regions": [{"id": "p", "x": 0, "y": 0, "width": 1280, "height": 720,
                                               "playlist": [beach_item(broker.url)]}]}))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--probe-live-latency",
                          "--data-dir", str(folder / "data")], folder)
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    sent: dict[str, float] = {}
    try:
        kiosk.wait_event("feed_connected", timeout_s=60)
        kiosk.wait_event("layout_applied", timeout_s=60)
        for i in range(args.updates):
            payload = weather_uplink(air_temperature_c=20 + (i % 150) / 10)
            uplink_id = json.loads(payload)["correlation_ids"][0]
            sent[uplink_id] = time.monotonic()
            client.publish(WEATHER_TOPIC, payload, qos=0)
            time.sleep(args.interval_s)
        kiosk.wait_for(lambda _e: kiosk.count("live_drawn") >= args.updates, 60, "every update drawn")
    finally:
        client.loop_stop()
        client.disconnect()
        kiosk.stop()
        broker.stop()
    latencies_ms = sorted((e["t"] - sent[e["uplink"]]) * 1000 for e in kiosk.named("live_drawn") if e["uplink"] in sent)
    p50 = statistics.median(latencies_ms)
    p99 = latencies_ms[min(len(latencies_ms) - 1, round(0.99 * len(latencies_ms)) - 1)]
    print(f"sensor to screen over {len(latencies_ms)} updates every {args.interval_s * 1000:.0f} ms: "
          f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies_ms[-1]:.1f} ms (target p99 < 200 ms)")


if __name__ == "__main__":
    main()
