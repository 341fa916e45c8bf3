"""Diagnostics (``kiosk run --probe-gui-stalls``): how late the GUI thread's event loop runs, and what
held it up.

A precise timer is due every 5 ms; each time it fires, its lateness (monotonic clock) is how long
the loop could not turn. Every stall over 50 ms is logged (``gui_stall``) with the kind of event that
took most of the time meanwhile, its total and how many there were (type and receiver, e.g.
``Timer -> QTimer('screenshot-every')`` or ``MetaCall -> DeviceBridge('device-bridge')``: the project
names its timers and bridges for this).
Every second, a summary (``gui_lateness``): ticks, p50/p99/max lateness and a histogram in 1 ms
buckets that a benchmark can add up over any span of time.

The attribution comes from an application event filter: every event delivered to a GUI-thread
object passes it, and the time until the next one is (about) how long its handler ran. It costs a
Python call per event: a diagnostic, never for production.
"""

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer

from common.terminal import quoted
from kiosk.logs import event

log = logging.getLogger("kiosk.stall_probe")
INTERVAL_MS = 5
STALL_MS = 50.0
SUMMARY_S = 1.0
HISTOGRAM_TOP_MS = 100  # the last bucket holds everything from 100 ms up (each such stall is logged apart)
MAX_WINDOW_TICKS = 10_000  # a summary window never holds more (bounded whatever the timer does)


class StallProbe(QObject):
    def __init__(self, app: QCoreApplication, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(app)
        self.setObjectName("stall-probe")
        self._app, self._clock = app, clock
        self._timer = QTimer(self, objectName="stall-probe-tick", singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_tick)
        self._due = 0.0
        self._window_started = 0.0
        self._lateness_ms: list[float] = []
        self._stalls = 0
        # The event being delivered now (started, type, receiver), and since the last tick the time and
        # count per (type, receiver): a stall is one slow handler, or a thousand quick ones in a row.
        self._current: tuple[float, QEvent.Type, QObject] | None = None
        self._spent: dict[tuple[QEvent.Type, QObject], list[float]] = {}

    def start(self) -> "StallProbe":
        self._window_started = self._clock()
        self._app.installEventFilter(self)
        self._arm()
        return self

    def stop(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)
        self._summarise(self._clock())

    def eventFilter(self, watched: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt's name
        now = self._clock()
        self._close_current(now)
        self._current = (now, ev.type(), watched)
        return False

    def _close_current(self, now: float) -> None:
        if self._current is not None:
            started, kind, receiver = self._current
            spent = self._spent.setdefault((kind, receiver), [0.0, 0])
            spent[0] += now - started
            spent[1] += 1
            self._current = None

    def _arm(self) -> None:
        self._due = self._clock() + INTERVAL_MS / 1000
        self._timer.start(INTERVAL_MS)

    def _on_tick(self) -> None:
        now = self._clock()
        late_ms = max(0.0, (now - self._due) * 1000)
        if len(self._lateness_ms) < MAX_WINDOW_TICKS:
            self._lateness_ms.append(late_ms)
        if late_ms > STALL_MS:
            self._stalls += 1
            self._report_stall(late_ms)
        self._spent.clear()
        if now - self._window_started >= SUMMARY_S:
            self._summarise(now)
        self._arm()

    def _report_stall(self, late_ms: float) -> None:
        kind, receiver, took_s, count = None, None, 0.0, 0
        if self._spent:
            (kind, receiver), (took_s, count) = max(self._spent.items(), key=lambda item: item[1][0])
        if receiver is self._timer:  # after our own tick: the time went to no event at all
            kind = receiver = None
        event(log, "gui_stall", logging.WARNING, lateness_ms=round(late_ms, 1), during=_describe(kind, receiver),
              during_ms=round(took_s * 1000, 1), during_events=count)

    def _summarise(self, now: float) -> None:
        values = sorted(self._lateness_ms)
        if values:
            histogram: dict[str, int] = {}
            for value in values:
                bucket = str(min(HISTOGRAM_TOP_MS, int(value)))
                histogram[bucket] = histogram.get(bucket, 0) + 1
            event(log, "gui_lateness", window_s=round(now - self._window_started, 3), ticks=len(values),
                  p50_ms=round(values[len(values) // 2], 2), p99_ms=round(values[min(len(values) - 1, int(0.99 * len(values)))], 2),
                  max_ms=round(values[-1], 2), stalls=self._stalls, hist=histogram)
        self._lateness_ms.clear()
        self._stalls = 0
        self._window_started = now


def _describe(kind: QEvent.Type | None, receiver: QObject | None) -> str:
    if kind is None or receiver is None:
        return "no event (work outside event delivery: rendering, the window system; or the CPU went to another process)"
    try:
        what = f"{receiver.metaObject().className()}({quoted(receiver.objectName(), 80)})"  # names may hold layout text
    except RuntimeError:  # deleted since
        what = "a deleted object"
    return f"{getattr(kind, 'name', kind)} -> {what}"
