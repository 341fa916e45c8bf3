"""Where the catalogue says what it showed: the proof-of-display journal's port.

The journal itself (hash-chained, signed, in its own thread) is another package; the catalogue only
calls ``record``, which must be thread-safe and never block the GUI thread. Until the runtime wires
the real journal (``signs.legal_acts.kind.set_display_journal``) the no-op below is used.

Events the catalogue records:

- ``act_listed``    an act entered the list on screen (detail: status, and ``previous_sha256`` when
                    the file changed at the source);
- ``act_opened``    a visitor opened it in the reader (detail: pages);
- ``page_shown``    a page of it was drawn (detail: page, pages);
- ``act_removed``   its display window ended (detail: ends_at);
- ``act_problem``   a duplicate id or a file changed at the source (detail: both sha256);
- ``heartbeat``     every minute while the catalogue is on screen (detail: acts, the ids and sha256
                    of every act available).
"""

from typing import Protocol


class DisplayJournal(Protocol):
    def record(self, event: str, act_id: str = "", act_sha256: str = "", detail: dict | None = None) -> None:
        """Append one event; thread-safe, returns at once (the writing happens elsewhere)."""


class NoJournal:
    """The default: nothing is kept (a screen without the journal wired)."""

    def record(self, event: str, act_id: str = "", act_sha256: str = "", detail: dict | None = None) -> None:
        return None


class MemoryJournal:
    """Keeps the events in memory, bounded (tests and the demo's log)."""

    def __init__(self, limit: int = 10_000) -> None:
        import collections
        import threading

        self._lock = threading.Lock()
        self.events: collections.deque[tuple[str, str, str, dict]] = collections.deque(maxlen=limit)

    def record(self, event: str, act_id: str = "", act_sha256: str = "", detail: dict | None = None) -> None:
        with self._lock:
            self.events.append((event, act_id, act_sha256, dict(detail or {})))

    def named(self, event: str) -> list[tuple[str, str, str, dict]]:
        with self._lock:
            return [e for e in self.events if e[0] == event]
