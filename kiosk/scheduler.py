"""The schedule at run time: which of the stored layouts is on screen now, switched on one timer.

``ScheduledFlow`` is the layout flow (``kiosk.layout_flow``) with a ``Scheduler`` in front of its
``show``: whatever the store hands over (at start, on SIGHUP or the API's reload) is the *base*
(default layout, its plan, the overrides); the scheduler picks what to show at the injected
clock's ``now`` (``layouts.schedule_plan.choose``) and shows it through the flow, so a switch
prepares the new scene beneath the old one (no blank frame). Then it sets ONE single-shot timer
to the exact next change (``next_change_after``); nothing polls the schedule.

The wall clock can jump (suspend, NTP, a manual set) while the timer counts monotonic time: a
coarse check every ``JUMP_CHECK_MS`` compares wall and monotonic elapsed time, logs
``clock_jump`` with its size and evaluates again. A clock before ``BUILD_DATE`` is not trusted:
the default layout is shown and ``/status`` says ``clock_suspect: true``.

A layout brought to the front by someone else (a push, a rollback) makes the flow read the store
again, so a pushed schedule takes effect at once.
"""

import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from common.clock import Clock
from kiosk.layout_flow import LayoutFlow, Storage
from kiosk.logs import event
from kiosk.player import Player
from layouts.model import Layout
from layouts.schedule_plan import Shown, choose
from layouts.store import StoredLayout

log = logging.getLogger("kiosk.schedule")
BUILD_DATE = datetime(2026, 11, 1, tzinfo=UTC)  # no screen can be running before this software was built
JUMP_CHECK_MS = 30_000
JUMP_TOLERANCE_S = 2.0  # timer jitter and a loaded machine stay well under this
MAX_TIMER_MS = 24 * 3600 * 1000  # Qt timers count int milliseconds; a longer wait is armed again


class Scheduler(QObject):
    changed = Signal()  # what is shown, or the clock's trust, changed (for /status)
    _reread = Signal()  # from any thread: read the store again (an override was pushed or lifted)

    def __init__(self, clock: Clock, show: Callable[[StoredLayout | None], None], reread: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduler")
        self._clock, self._show = clock, show
        self._base: StoredLayout | None = None
        self.shown: Shown | None = None
        self.clock_suspect = False
        self._pending: tuple[Layout, Path] | None = None  # asked of the flow, not yet in front
        self._player: Player | None = None
        self.timer = QTimer(self, objectName="schedule-change", singleShot=True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.evaluate)
        self.jump_timer = QTimer(self, objectName="clock-jump-check", interval=JUMP_CHECK_MS)
        self.jump_timer.timeout.connect(self.check_jump)
        self._last_wall, self._last_mono = clock.now(), clock.monotonic()
        self._reread.connect(reread, Qt.ConnectionType.QueuedConnection)

    def attach(self, player: Player) -> None:
        self._player = player
        player.layout_applied.connect(self._on_applied)
        player.layout_failed.connect(self._on_failed)

    def start(self) -> None:
        self._last_wall, self._last_mono = self._clock.now(), self._clock.monotonic()
        self.jump_timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.jump_timer.stop()

    def request_reread(self) -> None:
        """Any thread: the stored base changed (an override); the flow reads it in the pool, then ``take``."""
        self._reread.emit()

    def take(self, stored: StoredLayout | None) -> None:
        """The store's answer: the base to choose from from now on."""
        self._base = stored
        self.evaluate()

    def evaluate(self) -> None:
        """Show what the schedule says for now (if it is not already there) and arm the timer for the next change."""
        base = self._base
        if base is None:
            self.timer.stop()
            self._show(None)
            return
        now = self._clock.now()
        suspect = now < BUILD_DATE
        if suspect != self.clock_suspect:
            event(log, "clock_suspect" if suspect else "clock_trusted", logging.WARNING if suspect else logging.INFO,
                  now=now.isoformat(), build_date=BUILD_DATE.date().isoformat())
        self.clock_suspect = suspect
        overrides = [(o.as_override(), o.layout, o.base_dir) for o in base.overrides]
        shown = choose(base.layout, base.base_dir, base.plan, overrides, now, clock_trusted=not suspect)
        self.shown = shown
        target = (shown.layout, shown.base_dir)
        if target != self._pending and not self._in_front(target):
            event(log, "schedule_switch", layout=shown.layout.name, source=shown.choice.source,
                  next_change=shown.next_change.isoformat() if shown.next_change else None)
            self._pending = target
            self._show(StoredLayout(shown.layout, shown.base_dir, base.slot, base.plan, base.overrides))
        self._arm(shown.next_change or shown.look_again_at, now)
        self.changed.emit()

    def _in_front(self, target: tuple[Layout, Path]) -> bool:
        scene = self._player.front_scene if self._player is not None else None
        return scene is not None and (scene.layout, scene.base_dir) == target

    def _arm(self, next_change: datetime | None, now: datetime) -> None:
        self.timer.stop()
        if next_change is not None:
            wait_ms = math.ceil((next_change - now).total_seconds() * 1000)  # never early: the change is then past
            self.timer.start(max(0, min(wait_ms, MAX_TIMER_MS)))

    def check_jump(self) -> None:
        """The coarse jump detector (not a poll of the schedule): wall time moved unlike monotonic time."""
        wall, mono = self._clock.now(), self._clock.monotonic()
        jump_s = (wall - self._last_wall).total_seconds() - (mono - self._last_mono)
        self._last_wall, self._last_mono = wall, mono
        if abs(jump_s) >= JUMP_TOLERANCE_S:
            event(log, "clock_jump", logging.WARNING, jump_s=round(jump_s, 3), now=wall.isoformat())
            self.evaluate()

    def _on_applied(self, scene: Any) -> None:
        if self._pending == (scene.layout, scene.base_dir):
            self._pending = None
        else:  # someone else (a push, a rollback) brought it: read the store, the plan may be new
            self._reread.emit()

    def _on_failed(self, scene: Any) -> None:
        if self._pending == (scene.layout, scene.base_dir):
            self._pending = None

    def status_fields(self) -> dict[str, Any]:
        shown = self.shown
        return {"clock_suspect": self.clock_suspect, "schedule": None if shown is None else {
            "layout": shown.layout.name, "source": shown.choice.source,
            "next_change": shown.next_change.isoformat() if shown.next_change else None}}


class ScheduledFlow(LayoutFlow):
    """The layout flow whose every ``show`` goes through the scheduler (its source: a ``ScheduledSource``)."""

    def __init__(self, *args: Any, clock: Clock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scheduler = Scheduler(clock, lambda stored: LayoutFlow.show(self, stored), self.reread, self)

    def attach(self, player: Player) -> None:
        super().attach(player)
        self.scheduler.attach(player)

    def show(self, stored: StoredLayout | None) -> None:
        self.scheduler.take(stored)

    def reread(self) -> None:
        """Read the store again (pool), then choose: after a push, a rollback, an override."""
        storage, source = self._storage, self._source
        if storage is None:
            return  # still starting: the start reads the newest anyway
        read_stored = source.read_stored  # a ScheduledSource: never ``read``, which installs --layout again

        def read() -> tuple[Storage, StoredLayout | None]:
            return Storage(storage.cache, source.protected_shas(storage.cache)), read_stored()

        self._jobs.submit(read, self._on_prepared)
