"""Moving a journal off the screen: JSON lines out (``lines``), a local copy in (``Importer``).

The stream: a header (screen, anchor), the entries after a given seq, the checkpoints they reach,
and a trailer with the count (a cut stream is refused, not half-kept). Entries are copied exactly as
stored, hashes included, never recomputed: the copy is verified by the same ``verify`` afterwards.
Every line is outside input on the admin's side: bounded, typed, refused with its line number.
"""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from journal import JournalError
from journal.checkpoint import Checkpoint
from journal.entry import FIELDS, SHA256_HEX, Entry
from journal.store import JournalStore

STREAM_FORMAT = "istres-kiosk-journal-stream/1"
MAX_LINE_BYTES = 256 * 1024  # an entry's detail is at most 64 KiB, escaped
MAX_PAGE_ENTRIES = 50_000  # per request: the client asks again from where it stopped


def lines(store: JournalStore, after_seq: int, limit: int = MAX_PAGE_ENTRIES, certificate_pem: str = "") -> Iterator[str]:
    """``certificate_pem``: the device certificate, for the admin to keep with the copy (its key signs)."""
    anchor_seq, anchor_hash = store.anchor()
    yield _line({"format": STREAM_FORMAT, "screen": store.meta("screen") or "", "after": after_seq,
                 "anchor": {"seq": anchor_seq, "hash": anchor_hash}, "certificate": certificate_pem})
    count, last = 0, max(after_seq, anchor_seq)
    for row in store.rows(max(after_seq, anchor_seq), limit):
        yield _line({"entry": list(row)})
        count, last = count + 1, row[0]
    for seq, payload, signature in store.checkpoints():
        if (after_seq < seq <= last) or seq == anchor_seq:
            yield _line({"checkpoint": {"seq": seq, "payload": payload, "signature": signature}})
    yield _line({"end": {"entries": count, "last_seq": last, "tip_seq": store.tip()[0]}})


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


class Importer:
    """Appends a stream to a local copy; the copy must continue exactly where it stopped."""

    def __init__(self, store: JournalStore) -> None:
        self.store = store
        self.entries: list[Entry] = []
        self.checkpoints: list[Checkpoint] = []
        self.header: dict[str, Any] | None = None
        self.end: dict[str, Any] | None = None

    def feed(self, stream: Iterable[bytes | str]) -> dict[str, Any]:
        """Reads every line, then writes all in one transaction; returns the trailer."""
        for number, raw in enumerate(stream, 1):
            if len(raw) > MAX_LINE_BYTES:
                raise JournalError(f"line {number}: over {MAX_LINE_BYTES} bytes")
            if self.end is not None:
                raise JournalError(f"line {number}: data after the end of the stream")
            try:
                value = json.loads(raw)
            except (ValueError, RecursionError) as exc:
                raise JournalError(f"line {number}: not JSON ({str(exc)[:100]})") from None
            if not isinstance(value, dict) or len(value) != 1 and "format" not in value:
                raise JournalError(f"line {number}: not a journal stream line")
            self._take(number, value)
        if self.header is None or self.end is None:
            raise JournalError("the stream was cut before its end: nothing kept")
        if self.end.get("entries") != len(self.entries):
            raise JournalError(f"the stream announced {self.end.get('entries')!r} entries and carried {len(self.entries)}")
        self._write()
        return self.end

    def _take(self, number: int, value: dict[str, Any]) -> None:
        if "format" in value:
            anchor = value.get("anchor")
            if (self.header is not None or value["format"] != STREAM_FORMAT or not isinstance(anchor, dict)
                    or type(anchor.get("seq")) is not int or not isinstance(anchor.get("hash"), str)
                    or not isinstance(value.get("screen"), str)):
                raise JournalError(f"line {number}: not a journal stream header of format {STREAM_FORMAT}")
            self.header = value
        elif self.header is None:
            raise JournalError(f"line {number}: the stream does not start with its header")
        elif "entry" in value:
            row = value["entry"]
            if (not isinstance(row, list) or len(row) != len(FIELDS) or type(row[0]) is not int
                    or not all(isinstance(v, str) for v in row[1:])):
                raise JournalError(f"line {number}: an entry must be [seq, then {len(FIELDS) - 1} texts]")
            self.entries.append(Entry(*row))
        elif "checkpoint" in value:
            c = value["checkpoint"]
            if (not isinstance(c, dict) or type(c.get("seq")) is not int or not isinstance(c.get("payload"), str)
                    or not isinstance(c.get("signature"), str)):
                raise JournalError(f"line {number}: a checkpoint must have seq, payload, signature")
            self.checkpoints.append(Checkpoint(c["seq"], c["payload"], c["signature"]))
        elif "end" in value and isinstance(value["end"], dict):
            self.end = value["end"]
        else:
            raise JournalError(f"line {number}: unknown line")

    def _write(self) -> None:
        assert self.header is not None
        store, anchor = self.store, self.header["anchor"]
        tip_seq, _ = store.tip()
        if tip_seq == 0 and store.anchor()[0] == 0 and anchor["seq"] > 0:
            if not SHA256_HEX.fullmatch(anchor["hash"]):
                raise JournalError("the stream's anchor is not a sha256")
            store.db.execute("INSERT OR REPLACE INTO anchor(id, seq, hash) VALUES (1, ?, ?)", (anchor["seq"], anchor["hash"]))
            tip_seq = anchor["seq"]
        if self.entries and self.entries[0].seq != tip_seq + 1:
            raise JournalError(f"the copy ends at seq {tip_seq} and the stream starts at seq {self.entries[0].seq}: "
                               "the screen no longer has the entries in between (they are in an earlier export)")
        if store.meta("screen") is None:
            store.set_meta("screen", self.header["screen"])
        if self.entries:
            store.append(self.entries)
        for checkpoint in self.checkpoints:
            store.add_checkpoint(checkpoint.seq, checkpoint.payload, checkpoint.signature)
