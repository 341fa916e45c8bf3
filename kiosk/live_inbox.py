"""Where parsed batches wait for the GUI thread: one wake-up per burst, drained in slices.

A burst of 1,000 uplinks in a second used to cost 1,000 queued signals and 1,000 redraws of the
panel (about 2.4 ms each: 1.8 s of a blocked GUI thread). Feed threads now append to a bounded
queue and wake the GUI thread only when it was empty; the GUI thread takes batches for at most
``SLICE_MS`` at a time, then lets the event loop turn, and each touched source redraws once.
"""

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.logs import OncePerCause

log = logging.getLogger("kiosk.live")
MAX_WAITING = 10_000  # a source sending faster than the screen can take loses its oldest news, not memory
SLICE_MS = 4.0


class LiveInbox(QObject):
    _wake = Signal()

    def __init__(self, take: Callable[[str, Any], None], settle: Callable[[set[str]], None],
                 parent: QObject | None = None) -> None:
        """``take(key, batch)`` applies one batch; ``settle(keys)`` then runs once for the sources touched."""
        super().__init__(parent)
        self.setObjectName("live-inbox")
        self._take, self._settle = take, settle
        self._lock = threading.Lock()
        self._waiting: deque[tuple[str, Any]] = deque()
        self._dropped = 0
        self._once = OncePerCause(log)
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def put(self, key: str, batch: Any) -> None:
        """Any thread."""
        with self._lock:
            if len(self._waiting) >= MAX_WAITING:
                self._waiting.popleft()
                self._dropped += 1
            self._waiting.append((key, batch))
            wake = len(self._waiting) == 1
        if wake:
            self._wake.emit()

    def _drain(self) -> None:
        deadline = time.monotonic() + SLICE_MS / 1000
        touched: set[str] = set()
        while time.monotonic() < deadline:
            with self._lock:
                if not self._waiting:
                    break
                key, batch = self._waiting.popleft()
            self._take(key, batch)
            touched.add(key)
        if touched:
            self._settle(touched)
        with self._lock:
            more, dropped, self._dropped = bool(self._waiting), self._dropped, 0
        if dropped:
            self._once.warn(("dropped",), "live_batches_dropped", f"{dropped} batches dropped: the feeds outran the screen",
                            dropped=dropped)
        if more:
            QTimer.singleShot(0, self._drain)  # the rest after the event loop turned (a frame, a touch)
