"""The alert centre (GUI thread): holds the alerts, drives the takeover, logs and reports every change.

Messages come from any thread (the API's service thread, paho's thread, the Jobs pool) already
parsed: only typed alerts cross, by one queued signal. The store (``alerts_store``) decides; this
object logs each change, hands it to the proof-journal hook ``on_alert_event(kind, alert_id,
detail)``, saves the held alerts (coalesced, on a writer thread), sets one timer to the next expiry
or onset, and exposes ``display`` to the QML takeover (``AlertOverlay.qml``), alternating French and
English. Speech: ``on_speak(text, lang)`` is called with what to say when an alert comes to the
front; the runtime has no speech service yet (another issue brings it), so it defaults to nothing.
"""

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal

from common.clock import Clock
from kiosk.alerts_budget import LogBudget
from kiosk.alerts_display import display
from kiosk.alerts_persist import FILE_NAME, Writer, load_into, snapshot
from kiosk.alerts_store import AlertStore, Change
from kiosk.live_inbox import LiveInbox
from kiosk.logs import event
from media.feeds.cap_area import ScreenPlace
from media.feeds.cap_model import CapAlert

log = logging.getLogger("kiosk.alerts")
AlertHook = Callable[[str, str, dict], None]
JOURNALED = ("shown", "updated", "lifted", "acknowledged")  # what the proof journal records
ALTERNATE_MS = 8000  # French, then English for as long, when the alert has English
SAVE_COALESCE_MS = 50
MAX_TIMER_MS = 60 * 1000  # re-armed at least every minute: a wall-clock jump (NTP, suspend) is caught within it
BUDGET_ROLL_MS = 10_000


def no_hook(kind: str, alert_id: str, detail: dict) -> None:
    """The default ``on_alert_event``: the composition root wires the proof journal instead."""


class AlertCenter(QObject):
    displayChanged = Signal()
    keptBandChanged = Signal()

    def __init__(self, place: ScreenPlace, clock: Clock, data_dir: Path | None, show_exercises: bool = False,
                 on_alert_event: AlertHook = no_hook, after_next_frame: Callable[[Callable[[float], None]], None] | None = None,
                 on_speak: Callable[[str, str], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alert-center")
        self._clock, self._hook, self._after_next_frame, self._speak = clock, on_alert_event, after_next_frame, on_speak
        self.store = AlertStore(place, clock, show_exercises)
        self._path = data_dir / FILE_NAME if data_dir is not None else None
        self._writer = Writer(self._path) if self._path is not None else None
        self._budget = LogBudget(clock.monotonic)
        self._lang = "fr"
        self._display: dict[str, Any] = display([], "fr")
        self._kept_band_px = 0
        self._status_lock = threading.Lock()
        self._status: list[dict[str, Any]] = []
        # Messages wait in a bounded inbox and are taken in slices: a flood never blocks a frame, and
        # the takeover is redrawn once per slice, not once per message.
        self._inbox = LiveInbox(self._run_here, lambda _keys: self._settle(), self)
        self._dirty = self._unsaved = False
        self._expiry = QTimer(self, objectName="alert-expiry", singleShot=True)
        self._expiry.timeout.connect(self.check_clock)
        self._alternate = QTimer(self, objectName="alert-language", interval=ALTERNATE_MS)
        self._alternate.timeout.connect(self._next_language)
        self._save_soon = QTimer(self, objectName="alert-save", singleShot=True, interval=SAVE_COALESCE_MS)
        self._save_soon.timeout.connect(self._save)
        self._roll = QTimer(self, objectName="alert-log-budget", interval=BUDGET_ROLL_MS)
        self._roll.timeout.connect(self._roll_budget)
        self._roll.start()
        if not place.configured:
            event(log, "alerts_everywhere", logging.WARNING, "no --location or --zone: every alert received applies here")

    display = Property("QVariantMap", lambda self: self._display, notify=displayChanged)

    def _set_kept_band(self, px: int) -> None:
        px = max(0, min(int(px), 400))  # a bar, never most of the screen
        if px != self._kept_band_px:
            self._kept_band_px = px
            self.keptBandChanged.emit()

    # A touch kiosk's bar (help, Acceo, home) stays usable under a takeover: its view reports its
    # height from the bottom of the window while it is on screen, 0 when it leaves.
    keptBottomPx = Property(int, lambda self: self._kept_band_px, _set_kept_band, notify=keptBandChanged)

    # -- from any thread -----------------------------------------------------------------------
    def submit(self, alert: CapAlert, raw: bytes) -> concurrent.futures.Future:
        """A parsed message, from any thread; the Future completes with the changes it made."""
        return self._call_here(lambda: self._receive(alert, raw))

    def cancel(self, alert_id: str, by: str) -> concurrent.futures.Future:
        return self._call_here(lambda: self._apply(self.store.cancel(alert_id, by)))

    def refused(self, source: str, reason: str) -> None:
        """A message its source could not parse: logged here, within the log budget."""
        self._call_here(lambda: self._apply([Change("refused", "", {"reason": reason, "source": source})]))

    def status(self) -> list[dict[str, Any]]:
        """Any thread: the held alerts as last published (for /status and GET /alerts)."""
        with self._status_lock:
            return [dict(entry) for entry in self._status]

    # -- GUI thread ----------------------------------------------------------------------------
    def restore(self) -> None:
        """At start: the alerts stored by the last run that have not expired come back on screen."""
        if self._path is not None:
            count = load_into(self.store, self._path)
            event(log, "alerts_restored", count=count)
        self._apply([], changed=True)
        self._settle()

    def check_clock(self) -> None:
        """Expiries and onsets due now (the timer's work; tests call it after moving the clock)."""
        self._apply(self.store.expire(), changed=True)
        self._settle()

    def stop(self, timeout_s: float = 0.5) -> None:
        for timer in (self._expiry, self._alternate, self._roll):
            timer.stop()
        if self._save_soon.isActive():
            self._save_soon.stop()
            self._save()
        if self._writer is not None:
            self._writer.stop(timeout_s)

    def flush(self, timeout_s: float = 1.0) -> bool:
        """Tests: wait until the held alerts are on disk."""
        if self._save_soon.isActive():
            self._save_soon.stop()
            self._save()
        return self._writer.flush(timeout_s) if self._writer is not None else True

    def _call_here(self, work: Callable[[], Any]) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._inbox.put("alerts", (work, future))
        return future

    def _run_here(self, _key: str, item: tuple[Callable[[], Any], concurrent.futures.Future]) -> None:
        work, future = item
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(work())
        except Exception as exc:  # a bug must reach the caller (the API answers 500), not kill the loop
            event(log, "alert_handling_failed", logging.ERROR, f"{type(exc).__name__}: {exc}", exc_info=True)
            future.set_exception(exc)

    def _receive(self, alert: CapAlert, raw: bytes) -> list[Change]:
        flood = self._budget.arrival()
        if flood is not None:
            event(log, "alert_flood", logging.WARNING, f"{flood} messages within a second: at most {self.store.max_alerts} "
                  "are held, refusals beyond the log budget are counted", source=alert.source)
        return self._apply(self.store.receive(alert, raw))

    def _apply(self, changes: list[Change], changed: bool = False) -> list[Change]:
        for change in changes:
            self._log(change)
            if change.kind in JOURNALED:
                self._journal(change)
        self._dirty = self._dirty or changed or any(c.kind in JOURNALED for c in changes)
        self._unsaved = self._unsaved or any(c.kind != "refused" for c in changes)
        return changes

    def _settle(self) -> None:
        """Once per slice of messages: redraw if something shown changed (refusals change nothing), save."""
        if self._dirty:
            self._dirty = False
            self._refresh()
            self._arm_expiry()
        if self._unsaved and not self._save_soon.isActive():
            self._unsaved = False
            self._save_soon.start()  # not restarted by each message: a steady flood still gets saved

    def _log(self, change: Change) -> None:
        level = logging.WARNING if change.kind == "refused" else logging.INFO
        if change.kind in ("refused", "ignored") and not self._budget.allow(change.kind):
            return
        event(log, f"alert_{change.kind}", level, str(change.detail.get("reason", "")), alert_id=change.alert_id,
              **{k: v for k, v in change.detail.items() if k != "reason"})

    def _journal(self, change: Change) -> None:
        try:
            self._hook(change.kind, change.alert_id, dict(change.detail))
        except Exception as exc:  # the journal failing must not stop the alert from showing
            event(log, "alert_hook_failed", logging.ERROR, f"{type(exc).__name__}: {exc}", alert_id=change.alert_id)

    def _refresh(self) -> None:
        showing = self.store.showing()
        before = self._display.get("alertId", "")
        if not showing or not any(h.alert.info("en") for h in showing[:1]):
            self._lang = "fr"
        self._display = display(showing, self._lang)
        has_english = bool(self._display.get("hasEnglish"))
        if has_english and not self._alternate.isActive():
            self._alternate.start()
        elif not has_english:
            self._alternate.stop()
        with self._status_lock:
            self._status = self.store.listing()
        self.displayChanged.emit()
        now_id = self._display.get("alertId", "")
        if now_id != before:
            self._on_front_changed(before, now_id)

    def _on_front_changed(self, before: str, now_id: str) -> None:
        if self._after_next_frame is not None:
            kind = "shown" if now_id else "cleared"
            self._after_next_frame(lambda drawn_at: event(log, "alert_drawn", alert_id=now_id or before, kind=kind,
                                                          t=round(drawn_at, 4)))
        if now_id and self._speak is not None:
            self._speak(". ".join(x for x in (self._display["headline"], self._display["instruction"]) if x), self._display["lang"])

    def _next_language(self) -> None:
        self._lang = "en" if self._lang == "fr" else "fr"
        self._display = display(self.store.showing(), self._lang)
        self.displayChanged.emit()

    def _arm_expiry(self) -> None:
        moment: datetime | None = self.store.next_change_at()
        if moment is None:
            self._expiry.stop()
            return
        wait_ms = (moment - self._clock.now()).total_seconds() * 1000
        self._expiry.start(round(min(max(wait_ms, 0.0), MAX_TIMER_MS)) + 1)

    def _save(self) -> None:
        if self._writer is not None:
            self._writer.save(snapshot(self.store))

    def _roll_budget(self) -> None:
        suppressed = self._budget.roll()
        if suppressed:
            event(log, "alert_log_suppressed", logging.WARNING, "lines not logged in the last window (a flood)", counts=suppressed)
