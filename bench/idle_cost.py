"""Idle cost: CPU used by the runtime showing the beach panel, with an uplink every 10 s, over 60 s.

Measured from /proc (user + system time of the runtime process). Target: < 3 % of one core.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from _harness import ROOT, KioskProcess, workdir

sys.path.insert(0, str(ROOT))
import paho.mqtt.publish as publish  # noqa: E402

from tests.support.mosquitto import Mosquitto  # noqa: E402
from tests.support.uplinks import WEATHER_TOPIC, beach_item, weather_uplink  # noqa: E402


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--every-s", type=float, default=10)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    folder = workdir("idle")
    broker = Mosquitto(folder).start()
    layout = folder / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "plage", "screen": {"width": width, "height": height},
                                  "regions": [{"id": "p", "x": 0, "y": 0, "width": width, "height": height,
                                               "playlist": [beach_item(broker.url, languages="fr+en")]}]}))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(folder / "data")], folder)
    try:
        kiosk.wait_event("feed_connected", timeout_s=60)
        kiosk.wait_event("layout_applied", timeout_s=60)
        publish.single(WEATHER_TOPIC, weather_uplink(), hostname="127.0.0.1", port=broker.port)
        time.sleep(3)  # settle
        start_cpu, start = cpu_seconds(kiosk.proc.pid), time.monotonic()
        next_update = start
        while time.monotonic() - start < args.seconds:
            if time.monotonic() >= next_update:
                publish.single(WEATHER_TOPIC, weather_uplink(air_temperature_c=25 + (next_update - start) / 100),
                               hostname="127.0.0.1", port=broker.port)
                next_update += args.every_s
            time.sleep(0.2)
        used = cpu_seconds(kiosk.proc.pid) - start_cpu
        wall = time.monotonic() - start
    finally:
        kiosk.stop()
        broker.stop()
    print(f"idle cost at {args.size} (offscreen, software renderer), an uplink every {args.every_s:g} s, French/English "
          f"alternating every 8 s: {used:.2f} s of CPU in {wall:.0f} s = {used / wall * 100:.2f} % of one core (target < 3 %)")


if __name__ == "__main__":
    main()
