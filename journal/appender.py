"""Appending to a journal: the next sequence number and the link to the previous entry, kept in memory.

One ``Appender`` per file and one thread using it (the kiosk's writer thread). Sequence numbers
only grow, whatever the wall clock does: a clock set backwards shows as earlier times on later
entries (and a ``clock_jump`` entry), never as a reordering.
"""

from datetime import datetime, tzinfo

from journal.checkpoint import Checkpoint, DeviceSigner, make_checkpoint
from journal.entry import Entry, clean_detail, entry_hash, field_problem, local_text, utc_text
from journal.store import JournalStore


class Appender:
    def __init__(self, store: JournalStore, screen: str, zone: tzinfo | None = None) -> None:
        self.store, self.screen, self.zone = store, screen, zone
        self.seq, self.prev = store.tip()
        self.pending: list[Entry] = []

    def add(self, when: datetime, event: str, act_id: str = "", act_sha256: str = "", detail: dict | None = None) -> Entry:
        """Builds the next entry (not yet in the file: ``flush``). A record that cannot be journaled as
        given becomes an ``invalid_record`` entry saying why: a bad call leaves a trace, not a hole."""
        problem = field_problem(event, act_id, act_sha256)
        if problem is not None:
            detail = {"refused": problem, "event": repr(event)[:80], "act_id": repr(act_id)[:240]}
            event, act_id, act_sha256 = "invalid_record", "", ""
        seq = self.seq + 1
        utc, local, detail_text = utc_text(when), local_text(when, self.zone), clean_detail(detail)
        own = entry_hash(seq, utc, local, self.screen, act_id, act_sha256, event, detail_text, self.prev)
        entry = Entry(seq, utc, local, self.screen, act_id, act_sha256, event, detail_text, self.prev, own)
        self.pending.append(entry)
        self.seq, self.prev = seq, own
        return entry

    def flush(self) -> int:
        """Commits what was added, in one transaction; on failure the in-memory link goes back to the file's."""
        batch, self.pending = self.pending, []
        if not batch:
            return 0
        try:
            self.store.append(batch)
        except Exception:
            self.seq, self.prev = self.store.tip()
            raise
        return len(batch)

    def checkpoint(self, signer: DeviceSigner, when: datetime) -> Checkpoint | None:
        """Signs the newest committed entry (None when there is none, or it is already signed)."""
        seq, own = self.store.tip()
        if seq == 0 or self.store.checkpoint(seq) is not None:
            return None
        anchor_seq, _ = self.store.anchor()
        checkpoint = make_checkpoint(signer, self.screen, seq, own, utc_text(when), anchor_seq + 1)
        self.store.add_checkpoint(checkpoint.seq, checkpoint.payload, checkpoint.signature)
        return checkpoint
