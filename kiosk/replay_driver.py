"""Plays a replay in the GUI thread, on a timer, looping: a live source's demo feed.

The replay file is read and checked in the pool (``ReplayDriver.load``); each message is parsed
by the sign's parse function like an MQTT message would be.
"""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer

from common.clock import Clock
from media.feeds.replay import Redater, Replay


class ReplayDriver(QObject):
    def __init__(self, replay: Replay, clock: Clock, deliver: Callable[[str, bytes, datetime], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replay-driver")
        self._replay = replay
        self._clock_source = clock
        self._deliver = deliver
        self._redater = Redater()
        self._next = 0
        self._cycle_started_ms = 0
        self._clock = QTimer(self, objectName="replay-next", singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._elapsed = QElapsedTimer()

    def start(self) -> None:
        self._elapsed.start()
        self._schedule()

    def stop(self) -> None:
        self._clock.stop()

    def _schedule(self) -> None:
        message = self._replay.messages[self._next]
        due_ms = self._cycle_started_ms + round(message.at_s * 1000)
        self._clock.start(max(0, due_ms - self._elapsed.elapsed()))

    def _on_clock_timeout(self) -> None:
        message = self._replay.messages[self._next]
        now = self._clock_source.now()
        self._deliver(message.topic, self._redater.render(message, now), now)
        self._next += 1
        if self._next == len(self._replay.messages):
            self._next = 0
            self._cycle_started_ms += round(self._replay.cycle_s * 1000)
        self._schedule()
