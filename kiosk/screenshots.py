"""Periodic screenshots into a folder that never grows past ``keep`` files."""

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtQuick import QQuickWindow

from kiosk.logs import event

log = logging.getLogger("kiosk.screenshots")


def save_window_png(window: QQuickWindow, path: Path) -> bool:
    # A window that is closing (or closed) has no surface left to read: grabbing it crashed the process.
    if not window.isVisible():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp.png")
    ok = window.grabWindow().save(str(tmp), "PNG")
    if ok:
        tmp.replace(path)
    return ok


class ScreenshotTimer(QObject):
    def __init__(self, window: QQuickWindow, folder: Path, every_s: float, keep: int) -> None:
        super().__init__(window)
        self.setObjectName("screenshot-timer")
        self._window, self._folder, self._keep = window, folder, max(1, keep)
        self._timer = QTimer(self, objectName="screenshot-every", interval=max(100, round(every_s * 1000)))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def stop(self) -> None:
        """The first step of a shutdown: no grab may start once the window begins to go."""
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        now = time.time()
        path = self._folder / f"screen-{time.strftime('%Y%m%d-%H%M%S', time.localtime(now))}-{int(now * 1000) % 1000:03d}.png"
        if save_window_png(self._window, path):
            event(log, "screenshot_saved", path=str(path))
        shots = sorted(self._folder.glob("screen-*.png"))
        for old in shots[: max(0, len(shots) - self._keep)]:
            old.unlink(missing_ok=True)
