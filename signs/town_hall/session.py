"""The ``townHall`` object its views call, and the visitor session each view gets from it.

``KioskSession`` wraps the pure state of ``model.py`` for QML: the page shown, the session's clock
(idle, warning with a countdown, end), and whether Acceo is open now. It reads the injected clock
on a 250 ms timer (tests call ``tick()`` after moving a ManualClock). When the session ends (the
countdown ran out, or "Terminer") it says ``ended(reason)``: the view then wipes the web session,
resets the accessibility settings and its own state, and stops holding the region.
"""

import logging
import math

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from common.clock import Clock, SystemClock
from common.events import event
from signs.town_hall.acceo_hours import availability
from signs.town_hall.kind_store import take_config
from signs.town_hall.model import HOME, Navigation, SessionClock

log = logging.getLogger("signs.town_hall")
TICK_MS = 250


class KioskSession(QObject):
    changed = Signal()
    ended = Signal(str)
    started = Signal()

    def __init__(self, token: str, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        config = take_config(token)
        self._acceo = config.acceo if config else None
        self._clock = clock
        self._nav = Navigation()
        self._timer = SessionClock(config.idle_timeout_s if config else 90.0, config.warning_s if config else 30.0)
        self._acceo_state = ("", "", False)
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self._refresh_acceo()

    # -- navigation -----------------------------------------------------------------------
    @Property(str, notify=changed)
    def page(self) -> str:
        return self._nav.page

    @Property(bool, notify=changed)
    def atHome(self) -> bool:  # noqa: N802 - QML's name
        return self._nav.page == HOME

    @Slot(str)
    def open(self, page: str) -> None:
        self._nav.open(page)
        self.touched()

    @Slot()
    def back(self) -> None:
        self._nav.back()
        self.touched()

    @Slot()
    def home(self) -> None:
        self._nav.home()
        self.touched()

    # -- the session's clock --------------------------------------------------------------
    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._timer.active

    @Property(bool, notify=changed)
    def warning(self) -> bool:
        return self._timer.warning(self._clock.monotonic())

    @Property(int, notify=changed)
    def countdownS(self) -> int:  # noqa: N802
        return math.ceil(self._timer.remaining_s(self._clock.monotonic()))

    @Property(bool, notify=changed)
    def paused(self) -> bool:
        return self._timer.paused

    @Slot()
    def touched(self) -> None:
        if self._timer.touched(self._clock.monotonic()):
            event(log, "town_hall_session_started")
            self.started.emit()
        self.changed.emit()

    @Slot(float)
    def setTimeoutFactor(self, factor: float) -> None:  # noqa: N802
        self._timer.set_factor(factor)
        self.changed.emit()

    @Slot(bool)
    def setCallInProgress(self, calling: bool) -> None:  # noqa: N802
        """An Acceo call is on (its page open in the browser): the idle time is paused."""
        if bool(calling) == self._timer.paused:
            return  # no change (and no re-entrant notification while a page is being replaced)
        self._timer.set_paused(bool(calling), self._clock.monotonic())
        self.changed.emit()

    @Slot(str)
    def finish(self, reason: str) -> None:
        if not self._timer.active:
            return
        lasted = self._timer.end()
        self._nav.home()
        event(log, "town_hall_session_ended", reason=reason[:40], lasted_s=round(lasted, 1))
        self.changed.emit()
        self.ended.emit(reason[:40])

    @Slot()
    def tick(self) -> None:
        self._refresh_acceo()
        if self._timer.expired(self._clock.monotonic()):
            self.finish("idle")
        elif self._timer.active:
            self.changed.emit()

    # -- Acceo ----------------------------------------------------------------------------
    def _refresh_acceo(self) -> None:
        if self._acceo is None:
            return
        now = availability(self._acceo, self._clock.now())
        state = (now.fr, now.en, now.open)
        if state != self._acceo_state:
            self._acceo_state = state
            self.changed.emit()

    @Property(bool, notify=changed)
    def acceoOpen(self) -> bool:  # noqa: N802
        return self._acceo_state[2]

    @Property(str, notify=changed)
    def acceoFr(self) -> str:  # noqa: N802
        return self._acceo_state[0]

    @Property(str, notify=changed)
    def acceoEn(self) -> str:  # noqa: N802
        return self._acceo_state[1]


class TownHallService(QObject):
    def __init__(self, parent: QObject | None = None, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("town-hall")
        self._clock = clock or SystemClock()

    @Slot(str, QObject, result=QObject)
    def session(self, token: str, owner: QObject) -> KioskSession:
        """A session object for one view (``owner``: it goes with the view)."""
        return KioskSession(token, self._clock, owner)
