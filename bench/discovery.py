"""Discovery: time from starting a screen (with --advertise) to kioskctl discover listing it (loopback)."""

import statistics
import time

from _harness import KioskProcess, workdir

from kiosk.cli import demo_layout_path
from provisioning.discover import discover


def main() -> None:
    times = []
    for run in range(3):
        folder = workdir("discovery")
        started = time.monotonic()
        kiosk = KioskProcess(["run", "--layout", str(demo_layout_path()), "--windowed", "--data-dir", str(folder / "data"),
                              "--advertise", "--advertise-interface", "127.0.0.1", "--device-name", f"bench-{run}"], folder)
        try:
            found_at = None
            while found_at is None and time.monotonic() - started < 60:
                if any(d.name == f"bench-{run}" for d in discover(0.5, interfaces=["127.0.0.1"])):
                    found_at = time.monotonic()
            advertised = kiosk.wait_event("advertised", timeout_s=30)["mono"] - started
        finally:
            kiosk.stop()
        times.append(found_at - started)
        print(f"run {run + 1}: advertised after {advertised:.2f} s, listed by discover after {times[-1]:.2f} s")
    print(f"discovery: median {statistics.median(times):.2f} s from process start to being listed (browse windows of 0.5 s)")


if __name__ == "__main__":
    main()
