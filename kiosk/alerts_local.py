"""Local triggers as alert sources (GUI thread): ``raise_alert`` shows or updates, ``lift`` cancels.

A sign that detects danger itself (a gas threshold crossed) hands a ``LocalAlert`` here; it
becomes a CAP message (``media.feeds.cap_local``) submitted to the alert centre like any other, so
it is stored, journaled, ordered by severity and covered by the same takeover. Raising the same key
again is an Update of the one shown (a new text, a later expiry); lifting it is a Cancel.
"""

from datetime import datetime

from common.clock import Clock
from kiosk.alerts import AlertCenter
from media.feeds.cap import parse_cap
from media.feeds.cap_local import LocalAlert, local_identifier, local_message


class LocalAlerts:
    def __init__(self, center: AlertCenter, clock: Clock) -> None:
        self._center, self._clock = center, clock
        self._current: dict[str, int] = {}  # key -> sequence of the message on screen
        self._sequence = int(clock.now().timestamp())  # unique across restarts: a lifted identifier is never reused

    def raise_alert(self, alert: LocalAlert) -> str:
        """Show ``alert`` (or update the one its key shows); its identifier."""
        previous = self._current.get(alert.key)
        self._sequence += 1
        earlier = self._held_from_earlier_runs(alert.key)
        replaces = local_identifier(alert.key, previous) if previous is not None else earlier[0] if earlier else ""
        self._submit(local_message(alert, self._sequence, self._clock.now(), replaces))
        self._current[alert.key] = self._sequence
        return local_identifier(alert.key, self._sequence)

    def lift(self, alert: LocalAlert) -> None:
        """Cancel the alert ``alert.key`` shows, or one an earlier run raised and the store restored
        (its trigger is the judge: a gas alert the sensor no longer sees must not wait for its expiry)."""
        previous = self._current.pop(alert.key, None)
        if previous is None:
            for identifier in self._held_from_earlier_runs(alert.key):
                self._center.cancel(identifier, "local")
            return
        self._sequence += 1
        self._submit(local_message(alert, self._sequence, self._clock.now(), local_identifier(alert.key, previous), cancel=True))

    def restored_since(self, key: str) -> datetime | None:
        """When the earliest of ``key``'s alerts restored from an earlier run was sent (None: none held)."""
        prefix = local_identifier(key, 0)[:-1]
        sent = [h.alert.sent for h in self._center.store.held()
                if key not in self._current and h.alert.identifier.startswith(prefix)]
        return min(sent) if sent else None

    def _held_from_earlier_runs(self, key: str) -> list[str]:
        """Identifiers of ``key``'s alerts the store restored at start (this run raised none yet)."""
        if key in self._current:
            return []
        prefix = local_identifier(key, 0)[:-1]
        return [h.alert.identifier for h in self._center.store.held() if h.alert.identifier.startswith(prefix)]

    def _submit(self, raw: bytes) -> None:
        self._center.submit(parse_cap(raw, "local"), raw)  # our own message: a refusal here is a bug, and raises
