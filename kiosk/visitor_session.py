"""A visitor's session on an interactive item: it starts at the first touch and ends after the
kind's idle timeout without one (or when the item breaks). Logged at both ends, with its length."""

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.logs import event

log = logging.getLogger("kiosk.player")


class VisitorSession(QObject):
    ended = Signal()

    def __init__(self, region_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"session-{region_id}")
        self._region_id = region_id
        self._item: str | None = None
        self._started_at: float | None = None
        self._idle = QTimer(self, objectName=f"idle-{region_id}", singleShot=True)
        self._idle.timeout.connect(lambda: self.end("idle"))

    @property
    def active(self) -> bool:
        return self._started_at is not None

    def touched(self, item: str, idle_timeout_ms: int) -> None:
        if self._started_at is None:
            self._started_at, self._item = time.monotonic(), item
            event(log, "visitor_session_started", region=self._region_id, item=item)
        self._idle.start(idle_timeout_ms)

    def end(self, reason: str) -> None:
        if self._started_at is None:
            return
        lasted_s = time.monotonic() - self._started_at
        self._started_at = None
        self._idle.stop()
        event(log, "visitor_session_ended", region=self._region_id, item=self._item, reason=reason, lasted_s=round(lasted_s, 1))
        self.ended.emit()

    def stop(self) -> None:
        self._idle.stop()
