"""Let a Qt application run its events for a while (the in-process benchmarks' pause)."""

import time
from typing import Any


def settle(app: Any, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)
