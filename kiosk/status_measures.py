"""The measured part of ``/status`` that neither the scene snapshot nor the logs give: frames, memory
and its trend, cache and disk, restarts since boot. Read on the service thread (never the GUI thread).
"""

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtQuick import QQuickWindow

from kiosk.frame_stats import FrameStats, FrameWindow
from kiosk.resource_stats import RssTrend, disk_figures
from kiosk.restarts import count_this_start


class StatusMeasures:
    def __init__(self, frames: FrameWindow | None, data_dir: Path | None, restarts_since_boot: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._frames, self._data_dir = frames, data_dir
        self._rss = RssTrend(clock)
        self._restarts = restarts_since_boot

    @classmethod
    def start(cls, window: QQuickWindow, data_dir: Path) -> "StatusMeasures":
        """GUI thread: count this start, and begin counting the window's frames."""
        stats = FrameStats(window)
        return cls(stats.frames, data_dir, count_this_start(data_dir))

    def read(self) -> dict[str, Any]:
        figures: dict[str, Any] = {"restarts_since_boot": self._restarts, **self._rss.figures()}
        if self._frames is not None:
            figures["frames"] = self._frames.figures()
        if self._data_dir is not None:
            figures.update(disk_figures(self._data_dir))
        return figures
