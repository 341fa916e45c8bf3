"""How long and how much the journal keeps, and pruning that never loses an unexported entry.

``RETENTION_DAYS``: the longest legal display here is 2 months (regulatory acts, permit decisions;
a building-permit filing notice runs for its whole instruction period, in practice up to 5 months),
plus 2 months in which the act can be challenged (recours contentieux), plus the months a court
takes to ask: 400 days of entries stay on the screen even once exported.

Entries go only after an export: below the newest checkpoint that left the device (the admin holds
them) and, to stay under the size bounds, exported entries may go sooner. Never an unexported one:
when the bounds are reached with nothing exported, the journal is full (the writer says so in one
``journal_full`` entry, counts what it could not write, and resumes after an export).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from journal.checkpoint import Checkpoint
from journal.entry import parse_utc
from journal.store import JournalStore

RETENTION_DAYS = 400
MAX_ENTRIES = 4_000_000  # ~3 entries a minute for 400 days, with room for busy touch kiosks
MAX_BYTES = 1024**3  # 1 GiB on the screen's card; the admin's copy has no such bound


@dataclass(frozen=True, slots=True)
class Bounds:
    retention_days: int = RETENTION_DAYS
    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BYTES


def is_full(store: JournalStore, bounds: Bounds) -> bool:
    return store.count() >= bounds.max_entries or store.size_bytes() >= bounds.max_bytes


def prune_point(store: JournalStore, now: datetime, bounds: Bounds) -> Checkpoint | None:
    """The newest exported checkpoint entries may be pruned through, or None (nothing may go)."""
    exported = store.exported_upto()
    anchor_seq, _ = store.anchor()
    candidates = [Checkpoint(*row) for row in store.checkpoints() if anchor_seq < row[0] <= exported]
    if not candidates:
        return None
    too_old = now - timedelta(days=bounds.retention_days)
    count, size = store.count(), store.size_bytes()
    per_entry = size / max(1, count)
    chosen = None
    for checkpoint in candidates:  # oldest first
        entry = store.entry(checkpoint.seq)
        when = parse_utc(entry.utc) if entry else None
        left = count - (checkpoint.seq - anchor_seq)
        over_bounds = count >= bounds.max_entries * 0.9 or size >= bounds.max_bytes * 0.9
        if (when is not None and when < too_old) or over_bounds:
            chosen = checkpoint
        if over_bounds and left < bounds.max_entries * 0.8 and left * per_entry < bounds.max_bytes * 0.8:
            break  # enough room made; what is younger stays
    return chosen


def prune(store: JournalStore, now: datetime, bounds: Bounds) -> int:
    """Removes what may go (see ``prune_point``); returns how many entries went."""
    point = prune_point(store, now, bounds)
    if point is None:
        return 0
    fields = point.fields()
    entry = store.entry(point.seq)
    if entry is None or entry.hash != fields.get("hash"):
        return 0  # the file disagrees with its own checkpoint: keep everything for verify to report
    return store.remove_through(point.seq, entry.hash)
