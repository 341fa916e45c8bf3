"""Local triggers as alert sources (GUI thread): ``raise_alert`` shows or updates, ``lift`` cancels.

A sign that detects danger itself (a gas threshold crossed) hands a ``LocalAlert`` here; it
becomes a CAP message (``media.feeds.cap_local``) submitted to the alert centre like any other, so
it is stored, journaled, ordered by severity and covered by the same takeover. Raising the same key
again is an Update of the one shown (a new text, a later expiry); lifting it is a Cancel.
"""

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
        replaces = local_identifier(alert.key, previous) if previous is not None else ""
        self._submit(local_message(alert, self._sequence, self._clock.now(), replaces))
        self._current[alert.key] = self._sequence
        return local_identifier(alert.key, self._sequence)

    def lift(self, alert: LocalAlert) -> None:
        previous = self._current.pop(alert.key, None)
        if previous is None:
            return
        self._sequence += 1
        self._submit(local_message(alert, self._sequence, self._clock.now(), local_identifier(alert.key, previous), cancel=True))

    def _submit(self, raw: bytes) -> None:
        self._center.submit(parse_cap(raw, "local"), raw)  # our own message: a refusal here is a bug, and raises
