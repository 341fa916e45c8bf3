"""Screenshots: the window grabbed on the GUI thread (it must be), encoded and written in the pool.

Periodic screenshots go into a folder that never grows past ``keep`` files; one still being
written when the next is due makes the next one skipped, never queued.
"""

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.jobs import Jobs
from kiosk.logs import event

log = logging.getLogger("kiosk.screenshots")


def grab(window: QQuickWindow) -> QImage | None:
    # A window that is closing (or closed) has no surface left to read: grabbing it crashed the process.
    if not window.isVisible():
        return None
    image = window.grabWindow()
    return None if image.isNull() else image


def write_png(image: QImage, path: Path) -> bool:
    """Any thread (QImage is reentrant): PNG to a temporary name, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp.png")
    ok = image.save(str(tmp), "PNG")
    if ok:
        tmp.replace(path)
    return ok


def save_window_png(window: QQuickWindow, path: Path) -> bool:
    """Grab and write at once (a snapshot before exiting: nothing else is left to do then)."""
    image = grab(window)
    return image is not None and write_png(image, path)


def prune(folder: Path, keep: int) -> None:
    shots = sorted(folder.glob("screen-*.png"))
    for old in shots[: max(0, len(shots) - keep)]:
        old.unlink(missing_ok=True)


class ScreenshotTimer(QObject):
    def __init__(self, window: QQuickWindow, jobs: Jobs, folder: Path, every_s: float, keep: int) -> None:
        super().__init__(window)
        self.setObjectName("screenshot-timer")
        self._window, self._jobs, self._folder, self._keep = window, jobs, folder, max(1, keep)
        self._writing = False
        self._timer = QTimer(self, objectName="screenshot-every", interval=max(100, round(every_s * 1000)))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def stop(self) -> None:
        """The first step of a shutdown: no grab may start once the window begins to go."""
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if self._writing:
            return  # the disk is slow: skip this one rather than pile images up in memory
        image = grab(self._window)
        if image is None:
            return
        grabbed_mono = time.monotonic()  # what the image shows is the screen at this moment, not when it is written
        now = time.time()
        path = self._folder / f"screen-{time.strftime('%Y%m%d-%H%M%S', time.localtime(now))}-{int(now * 1000) % 1000:03d}.png"
        folder, keep = self._folder, self._keep

        def write() -> bool:
            ok = write_png(image, path)
            prune(folder, keep)
            return ok

        self._writing = True
        self._jobs.submit(write, lambda ok, error: self._on_written(path, grabbed_mono, ok, error))

    def _on_written(self, path: Path, grabbed_mono: float, ok: bool | None, error: BaseException | None) -> None:
        self._writing = False
        if ok and error is None:
            event(log, "screenshot_saved", path=str(path), grabbed_mono=round(grabbed_mono, 4))
        else:
            event(log, "screenshot_failed", logging.WARNING, f"{type(error).__name__}: {error}" if error else "not written",
                  path=str(path))
