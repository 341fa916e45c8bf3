"""The beach panel's live state in the GUI thread: parsed batches in, display strings out.

The runtime's live-data service runs the feeds and hands over ``BeachBatch``es already parsed
(signs.beach.feeds). Every refused value is logged once per cause (not per message); values age
on the service's 1 s tick, so a sensor that falls silent turns "indisponible" on time.
"""

import logging
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Property, QObject, Signal

from common.clock import Clock
from common.events import OncePerCause, event
from media.feeds.flag import FlagMessage, flag_is_news
from media.feeds.readings import PayloadRejected, Reading
from provisioning.commands import SetFlag
from signs.beach.alerting import H2S_REFRESH_S, h2s_alert, h2s_key, local_alerts
from signs.beach.display import BeachState, FlagState, panel_display
from signs.beach.feeds import BeachBatch
from signs.beach.item import BeachPanelItem
from signs.beach.model import H2sAlert, SpaceState

log = logging.getLogger("signs.beach")


class BeachPanelLive(QObject):
    display_changed = Signal()

    def __init__(self, config: BeachPanelItem, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"beach-{config.site_name}")
        self._config = config
        self._clock = clock
        self._state = BeachState(alert=H2sAlert(config.h2s_threshold_ppm, timedelta(seconds=config.h2s_hold_s)))
        self._once = OncePerCause(log)
        self._raised: tuple[str, float] | None = None  # the H2S alert's headline and when it was last raised
        self._resume_h2s_alert()
        self._display: dict[str, Any] = {}
        self._fresh: dict[str, bool] = {}
        self.connected: bool | None = None
        self.tick()

    display = Property("QVariantMap", lambda self: self._display, notify=display_changed)

    @property
    def state(self) -> BeachState:
        return self._state

    # -- the live-data service calls these (GUI thread) ------------------------------------------
    def apply(self, batch: BeachBatch) -> str | None:
        for reason in batch.refusals:
            self._refuse(reason, batch)
        if batch.flag is not None:
            self._take_flag(batch.flag, batch)
        for reading in batch.readings:
            previous = self._state.values.get(reading.quantity)
            if batch.polled and previous is not None and reading.observed_at <= previous[1]:
                continue  # a re-polled old value is no news
            self._apply(reading)
        if batch.polled and not batch.refusals:
            self._once.forget(batch.source)
        return batch.uplink_id  # the runtime redraws (tick) once per slice of batches, not per batch

    def connection_changed(self, connected: bool, reason: str) -> None:
        if connected != self.connected:  # transitions only: a broker down for hours logs once
            self.connected = connected
            event(log, "feed_connected" if connected else "feed_disconnected",
                  logging.INFO if connected else logging.WARNING, reason, url=self._config.mqtt_url)

    def poll_failed(self, url: str, error: str) -> None:
        # Once per source and cause; the value then ages out on its own (never shown as current).
        self._once.warn((url, error), "feed_failed", error, url=url)

    def handle(self, command: object) -> bool:
        if isinstance(command, SetFlag):  # set by an authenticated administrator, now: replaces what is shown
            self._set_flag(FlagMessage(command.flag, command.set_by, command.set_at))
            self.tick()
            return True
        return False

    def status(self) -> dict[str, str]:
        return {t["key"]: t["age_en"] for t in self._display.get("tiles", [])}

    def tick(self) -> None:
        display = panel_display(self._state, self._config, self._clock.now())
        for tile in display["tiles"]:
            was = self._fresh.get(tile["key"])
            if was is not None and was != tile["fresh"]:
                event(log, "reading_expired" if was else "reading_current", logging.WARNING if was else logging.INFO,
                      tile["age_fr"], quantity=tile["key"])
            self._fresh[tile["key"]] = tile["fresh"]
        if display != self._display:
            self._display = display
            self.display_changed.emit()

    # -- state -----------------------------------------------------------------------------------
    def _take_flag(self, message: FlagMessage, batch: BeachBatch) -> None:
        # From a feed: only a newer message counts ("out-of-order" refused; the same one again ignored).
        try:
            if flag_is_news(message, self._state.flag):
                self._set_flag(message)
        except PayloadRejected as reason:
            self._refuse(reason, batch)

    def _set_flag(self, message: FlagMessage) -> None:
        self._state.flag = FlagState(message.flag, message.set_by, message.set_at)
        event(log, "flag_changed", flag=message.flag.value, set_by=message.set_by, set_at=message.set_at.isoformat())

    def _refuse(self, reason: PayloadRejected, batch: BeachBatch) -> None:
        where = {"url": batch.source} if batch.polled else {"topic": batch.source}
        cause = (batch.source, reason.cause) if batch.polled else (reason.cause,)
        self._once.warn(cause, "reading_refused", reason.detail, reason=reason.cause, **where)

    def _apply(self, reading: Reading) -> None:
        if reading.quantity == "parking_occupied":
            space = reading.tags.get("space") or reading.source
            self._state.spaces[space] = SpaceState(bool(reading.value), reading.tags.get("pmr") == "true", reading.observed_at)
            return
        value = float(reading.value)
        self._state.values[reading.quantity] = (value, reading.observed_at)
        if reading.quantity != "h2s":
            return
        changed = self._state.alert.update(value, reading.observed_at)
        if changed:
            active = self._state.alert.active
            event(log, "h2s_alert_started" if active else "h2s_alert_lifted", logging.WARNING if active else logging.INFO,
                  ppm=value, threshold_ppm=self._config.h2s_threshold_ppm, at=reading.observed_at.isoformat())
        self._tell_alert_centre(value, changed)

    def _resume_h2s_alert(self) -> None:
        """An H2S alert the previous run left on screen (restored by the alert centre) is this panel's
        alert again: it lifts after the hold period under the threshold, as it would have."""
        raiser = local_alerts()
        since = raiser.restored_since(h2s_key(self._config)) if raiser is not None else None
        if since is not None:
            self._state.alert.resume(since)
            event(log, "h2s_alert_resumed", since=since.isoformat())

    def _tell_alert_centre(self, ppm: float, changed: bool) -> None:
        """The screen's alert centre shows it above every region, stores and journals it
        (signs.beach.alerting): raised when it starts, updated when its band changes or to keep it from
        expiring while the gas stays high, lifted when the panel lifts it."""
        raiser, active, now = local_alerts(), self._state.alert.active, self._clock.monotonic()
        if raiser is None or not (changed or active):
            return
        alert = h2s_alert(self._config, ppm, self._state.alert.since)
        fresh = self._raised is not None and self._raised[0] == alert.headline and now - self._raised[1] < H2S_REFRESH_S
        if active and not changed and fresh:
            return
        try:
            raiser.raise_alert(alert) if active else raiser.lift(alert)
            self._raised = (alert.headline, now) if active else None
        except Exception as exc:  # the panel's own view still shows the alert: never lose the reading for this
            event(log, "h2s_alert_not_raised", logging.ERROR, f"{type(exc).__name__}: {exc}", key=alert.key)
