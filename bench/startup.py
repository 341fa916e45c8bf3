"""Startup: process start to ``first_frame`` (the first item drawn), median of several runs.

Wall time is noisy on a shared machine; the CPU seconds the process had used when it logged
``first_frame`` (all its threads, from /proc) are printed too: they move less with the load.
Target (issue 9): first frame <= 0.7 s on the demo layout.
"""

import argparse
import statistics
import time

from _harness import KioskProcess, workdir
from _xscreen import cpu_s

from kiosk.cli import demo_layout_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--layout", default=str(demo_layout_path()))
    args = parser.parse_args()
    first_frame_s, applied_s, cpu_at_first_s = [], [], []
    for run in range(args.runs):
        folder = workdir("startup")
        started = time.monotonic()
        kiosk = KioskProcess(["run", "--layout", args.layout, "--windowed", "--data-dir", str(folder / "data")], folder)
        try:
            first = kiosk.wait_event("first_frame", timeout_s=120)
            cpu_at_first_s.append(cpu_s(kiosk.proc.pid))
            applied = kiosk.wait_event("layout_applied", timeout_s=120)
        finally:
            kiosk.stop()
        first_frame_s.append(first["mono"] - started)
        applied_s.append(applied["mono"] - started)
        print(f"run {run + 1}: first_frame {first_frame_s[-1]:.3f} s (CPU {cpu_at_first_s[-1]:.2f} s), "
              f"layout_applied (web page painted) {applied_s[-1]:.3f} s")
    print(f"startup: median first_frame {statistics.median(first_frame_s):.3f} s (CPU used by then "
          f"{statistics.median(cpu_at_first_s):.2f} s), median layout_applied {statistics.median(applied_s):.3f} s "
          f"over {args.runs} runs (offscreen; {args.layout})")


if __name__ == "__main__":
    main()
