"""Startup: process start to ``first_frame`` (the first item drawn), median of several runs."""

import argparse
import statistics
import time

from _harness import KioskProcess, workdir

from kiosk.cli import demo_layout_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    first_frame_s, applied_s = [], []
    for run in range(args.runs):
        folder = workdir("startup")
        started = time.monotonic()
        kiosk = KioskProcess(["run", "--layout", str(demo_layout_path()), "--windowed", "--data-dir", str(folder / "data")], folder)
        try:
            first = kiosk.wait_event("first_frame", timeout_s=120)
            applied = kiosk.wait_event("layout_applied", timeout_s=120)
        finally:
            kiosk.stop()
        first_frame_s.append(first["mono"] - started)
        applied_s.append(applied["mono"] - started)
        print(f"run {run + 1}: first_frame {first_frame_s[-1]:.3f} s, layout_applied (web page painted) {applied_s[-1]:.3f} s")
    print(f"startup: median first_frame {statistics.median(first_frame_s):.3f} s, "
          f"median layout_applied {statistics.median(applied_s):.3f} s over {args.runs} runs (demo layout, offscreen)")


if __name__ == "__main__":
    main()
