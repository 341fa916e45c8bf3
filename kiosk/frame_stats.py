"""Frames per second and dropped frames over the last minute, measured from the window's swaps.

``FrameWindow`` is the pure count (an injected monotonic clock, a bounded deque of swap times);
``FrameStats`` feeds it from ``QQuickWindow.frameSwapped``, delivered to the GUI thread (no Python
on the render thread, see ``kiosk.player.FrameClock``). Qt draws on demand: a still screen swaps no
frames, so a gap longer than ``IDLE_GAP_S`` is idleness, not loss; a gap between 1.5 and that many
frame intervals counts the frames that should have been swapped in it as dropped.
"""

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickWindow

WINDOW_S = 60.0
IDLE_GAP_S = 0.5
MAX_FRAMES = int(WINDOW_S * 240)  # a 240 Hz screen's minute: the deque never grows past it
DEFAULT_REFRESH_HZ = 60.0


class FrameWindow:
    """Swap times of the last ``WINDOW_S``; thread-safe (swaps on the GUI thread, reads on the service thread)."""

    def __init__(self, clock: Callable[[], float], refresh_hz: float = DEFAULT_REFRESH_HZ) -> None:
        self._clock = clock
        self._interval_s = 1.0 / refresh_hz if 1.0 <= refresh_hz <= 1000.0 else 1.0 / DEFAULT_REFRESH_HZ
        self._started_s = clock()
        self._swaps: deque[tuple[float, int]] = deque(maxlen=MAX_FRAMES)  # (at, frames dropped just before)
        self._lock = threading.Lock()
        self.total_frames = 0

    def swapped(self) -> None:
        now = self._clock()
        with self._lock:
            dropped = 0
            if self._swaps:
                gap_s = now - self._swaps[-1][0]
                if 1.5 * self._interval_s < gap_s <= IDLE_GAP_S:
                    dropped = round(gap_s / self._interval_s) - 1
            self._swaps.append((now, dropped))
            self.total_frames += 1

    def figures(self) -> dict[str, Any]:
        now = self._clock()
        with self._lock:
            recent = [(at, dropped) for at, dropped in self._swaps if now - at <= WINDOW_S]
            last_s = self._swaps[-1][0] if self._swaps else None
        span_s = min(WINDOW_S, max(1e-9, now - self._started_s))
        return {"fps_1min": round(len(recent) / span_s, 1), "frames_1min": len(recent),
                "dropped_frames_1min": sum(d for _at, d in recent),
                "last_frame_age_s": None if last_s is None else round(now - last_s, 2),
                "refresh_hz": round(1.0 / self._interval_s, 1), "frames_total": self.total_frames}


class FrameStats(QObject):
    """A FrameWindow fed by the window's swaps (queued to the GUI thread)."""

    def __init__(self, window: QQuickWindow, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.setObjectName("frame-stats")
        screen = window.screen()
        self.frames = FrameWindow(clock, screen.refreshRate() if screen is not None else DEFAULT_REFRESH_HZ)
        window.frameSwapped.connect(self._on_window_frame_swapped)  # auto: queued from the render thread

    def _on_window_frame_swapped(self) -> None:
        self.frames.swapped()
