"""The alerts a screen holds, and what each new message does to them (pure: no Qt, no threads).

``receive`` takes a parsed CAP message and answers with the changes it made, for the logs, the proof
journal hook and the display: an Alert is shown, an Update replaces what it references, a Cancel
lifts it, expiry (on the injected clock) lifts it too. Refusals are changes as well ("refused",
"ignored"), with the reason: nothing raises, and nothing already held is lost by a bad message.

Bounded: at most ``max_alerts`` are held; when full, a new alert only enters by pushing out a less
severe one. Lifted identifiers are remembered (bounded) so a replayed message, or an Update that
refers back to what it replaced (a reference loop), cannot bring a lifted alert back.
"""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from common.clock import Clock
from media.feeds.cap_area import ScreenPlace, applies_to
from media.feeds.cap_model import CapAlert

DEFAULT_TTL_S = 24 * 3600.0  # an alert that gives no expiry lasts a day, never forever
MAX_ALERTS = 100
MAX_LIFTED_REMEMBERED = 2000


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # shown, updated, lifted, acknowledged, refused, ignored
    alert_id: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Held:
    alert: CapAlert
    raw: bytes  # the message as received: what is stored, and parsed again at start
    received_at: datetime
    expires_at: datetime
    order: tuple[int, int, float] = (0, 0, 0.0)  # severity, urgency, newest first: computed once (a flood sorts often)
    summary: dict[str, Any] = field(default_factory=dict)  # what logs, /status and GET /alerts say of it


def hold(alert: CapAlert, raw: bytes, received_at: datetime, expires_at: datetime) -> Held:
    info = alert.main_info
    summary = {"id": alert.identifier, "sender": alert.sender, "status": alert.status, "msg_type": alert.msg_type,
               "severity": info.severity if info else "Unknown", "headline": (info.headline or info.event) if info else "",
               "sent": alert.sent.isoformat(), "expires": expires_at.isoformat(), "source": alert.source}
    order = (alert.severity_rank, _urgency_rank(alert), -alert.sent.timestamp())
    return Held(alert, bytes(raw), received_at, expires_at, order, summary)


class AlertStore:
    def __init__(self, place: ScreenPlace, clock: Clock, show_exercises: bool = False, max_alerts: int = MAX_ALERTS,
                 default_ttl_s: float = DEFAULT_TTL_S) -> None:
        self._place, self._clock, self._show_exercises = place, clock, show_exercises
        self._max_alerts, self._default_ttl_s = max_alerts, default_ttl_s
        self._held: dict[str, Held] = {}
        self._lifted: OrderedDict[str, None] = OrderedDict()

    @property
    def max_alerts(self) -> int:
        return self._max_alerts

    # -- messages ------------------------------------------------------------------------------
    def receive(self, alert: CapAlert, raw: bytes) -> list[Change]:
        """What the message changes, in order (several for an Update or a Cancel of many)."""
        aid = alert.identifier
        why_not = self._why_not_for_display(alert)
        if why_not is not None:
            return [Change("ignored", aid, {"reason": why_not, "source": alert.source})]
        if aid in self._lifted:
            return [Change("refused", aid, {"reason": "already lifted or replaced: a replay or a reference loop"})]
        if alert.msg_type == "Cancel":
            return self._cancel_references(alert)
        if alert.msg_type == "Ack":
            return [Change("acknowledged", r.identifier, {"by": aid}) for r in alert.references if self._holds(r.sender, r.identifier)] \
                or [Change("ignored", aid, {"reason": "acknowledges no alert held here"})]
        if alert.msg_type == "Error":
            return [Change("ignored", aid, {"reason": "an Error message: logged, nothing shown"})]
        if aid in self._held:
            return [Change("ignored", aid, {"reason": "already held (the same message again)"})]
        now = self._clock.now()
        expires_at = alert.expires(self._default_ttl_s)
        if expires_at <= now:
            return [Change("refused", aid, {"reason": f"expired on arrival (expires {expires_at.isoformat()})"})]
        changes = self._replace_references(alert) if alert.msg_type == "Update" else []
        if not applies_to(alert, self._place):
            return changes + [Change("ignored", aid, {"reason": "not for this screen's location or zones"})]
        room = self._make_room(alert)
        if room is None:
            return changes + [Change("refused", aid, {"reason": f"{self._max_alerts} alerts held, all at least as severe"})]
        self._held[aid] = hold(alert, raw, now, expires_at)
        kind = "updated" if changes else "shown"
        replaced = [c.alert_id for c in changes if c.kind == "lifted"]
        return changes + room + [Change(kind, aid, {**self.describe(aid), **({"replaces": replaced} if replaced else {})})]

    def cancel(self, alert_id: str, by: str) -> list[Change]:
        """An administrator's cancel (the API, kioskctl alert cancel)."""
        if alert_id not in self._held:
            return [Change("ignored", alert_id, {"reason": "cancel for an unknown alert", "by": by})]
        return [self._lift(alert_id, f"cancelled by {by}")]

    def expire(self) -> list[Change]:
        """Lift every alert whose expiry has passed on the clock."""
        now = self._clock.now()
        return [self._lift(aid, "expired") for aid, held in list(self._held.items()) if held.expires_at <= now]

    # -- what is shown -------------------------------------------------------------------------
    def showing(self) -> list[Held]:
        """The alerts on screen now, most severe first, then the most urgent, then the newest."""
        now = self._clock.now()
        current = [h for h in self._held.values() if h.expires_at > now and (h.alert.onset is None or h.alert.onset <= now)]
        return sorted(current, key=lambda h: h.order)

    def held(self) -> list[Held]:
        return list(self._held.values())

    def next_change_at(self) -> datetime | None:
        """The next expiry or onset still to come: the one moment the runtime's timer waits for."""
        now = self._clock.now()
        moments = [h.expires_at for h in self._held.values()]
        moments += [h.alert.onset for h in self._held.values() if h.alert.onset is not None and h.alert.onset > now]
        return min(moments) if moments else None

    def describe(self, alert_id: str) -> dict[str, Any]:
        return dict(self._held[alert_id].summary)

    def listing(self) -> list[dict[str, Any]]:
        shown = {h.alert.identifier for h in self.showing()}
        return [{**h.summary, "on_screen": h.alert.identifier in shown} for h in self._held.values()]

    def restore(self, alert: CapAlert, raw: bytes, received_at: datetime) -> bool:
        """At start: take back a stored alert as it was (False: it expired meanwhile, or is not for here)."""
        expires_at = alert.expires(self._default_ttl_s)
        if expires_at <= self._clock.now() or self._why_not_for_display(alert) or len(self._held) >= self._max_alerts:
            return False
        self._held[alert.identifier] = hold(alert, raw, received_at, expires_at)
        return True

    def lifted_ids(self) -> list[str]:
        return list(self._lifted)

    def remember_lifted(self, ids: list[str]) -> None:
        for aid in ids[-MAX_LIFTED_REMEMBERED:]:
            self._remember(aid)

    # -- inside --------------------------------------------------------------------------------
    def _why_not_for_display(self, alert: CapAlert) -> str | None:
        if alert.status in ("System", "Draft"):
            return f"status {alert.status}: not for display"
        if alert.is_exercise and not self._show_exercises:
            return f"status {alert.status}: this screen does not show exercises (--show-exercises)"
        return None

    def _holds(self, sender: str, identifier: str) -> bool:
        held = self._held.get(identifier)
        return held is not None and held.alert.sender == sender

    def _cancel_references(self, alert: CapAlert) -> list[Change]:
        changes = []
        for ref in alert.references:
            if self._holds(ref.sender, ref.identifier):
                changes.append(self._lift(ref.identifier, f"cancelled by {alert.identifier}"))
            else:
                self._remember(ref.identifier)  # the original, arriving late, is not shown
                changes.append(Change("ignored", ref.identifier, {"reason": "cancel for an unknown alert", "by": alert.identifier}))
        return changes

    def _replace_references(self, alert: CapAlert) -> list[Change]:
        changes = []
        for ref in alert.references:
            if self._holds(ref.sender, ref.identifier):
                changes.append(self._lift(ref.identifier, f"replaced by {alert.identifier}"))
            else:
                self._remember(ref.identifier)
        return changes

    def _make_room(self, alert: CapAlert) -> list[Change] | None:
        if len(self._held) < self._max_alerts:
            return []
        weakest = max(self._held.values(), key=lambda h: h.order)
        if weakest.order[0] <= alert.severity_rank:
            return None
        return [self._lift(weakest.alert.identifier, f"pushed out by the more severe {alert.identifier}")]

    def _lift(self, alert_id: str, reason: str) -> Change:
        detail = {**self.describe(alert_id), "reason": reason}
        del self._held[alert_id]
        self._remember(alert_id)
        return Change("lifted", alert_id, detail)

    def _remember(self, alert_id: str) -> None:
        self._lifted[alert_id] = None
        self._lifted.move_to_end(alert_id)
        while len(self._lifted) > MAX_LIFTED_REMEMBERED:
            self._lifted.popitem(last=False)


def _urgency_rank(alert: CapAlert) -> int:
    from media.feeds.cap_model import URGENCIES

    return min((URGENCIES.index(i.urgency) for i in alert.infos), default=len(URGENCIES))
