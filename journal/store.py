"""The journal's SQLite file: WAL, append-only entries, signed checkpoints, the prune anchor.

Triggers refuse UPDATE and DELETE on entries and checkpoints: a first guard against mistakes and
casual edits. Whoever can write the file can drop them; the hash chain and the signed, exported
checkpoints are the real proof (``journal.verify``). Pruning drops and restores the triggers inside
one transaction, only below an exported checkpoint (``journal.retention``).
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from journal import JournalError
from journal.entry import FIELDS, GENESIS_HASH, Entry

BUSY_TIMEOUT_MS = 5000
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries(seq INTEGER PRIMARY KEY, utc TEXT NOT NULL, local TEXT NOT NULL,
    screen TEXT NOT NULL, act_id TEXT NOT NULL, act_sha256 TEXT NOT NULL, event TEXT NOT NULL,
    detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_by_act ON entries(act_id) WHERE act_id != '';
CREATE TABLE IF NOT EXISTS checkpoints(seq INTEGER PRIMARY KEY, payload TEXT NOT NULL, signature TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS exports(checkpoint_seq INTEGER NOT NULL, utc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS anchor(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
"""
TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_no_update BEFORE UPDATE ON checkpoints
    BEGIN SELECT RAISE(ABORT, 'journal checkpoints are append-only'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_no_delete BEFORE DELETE ON checkpoints
    BEGIN SELECT RAISE(ABORT, 'journal checkpoints are append-only'); END;
"""
TRIGGER_NAMES = ("entries_no_update", "entries_no_delete", "checkpoints_no_update", "checkpoints_no_delete")
_COLUMNS = ", ".join(FIELDS)


class JournalStore:
    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = path
        try:
            if readonly:
                if not path.is_file():
                    raise JournalError(f"{path}: no journal file there")
                self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                          check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
                self._create()
            self.db.execute("SELECT count(*) FROM entries WHERE seq < 0").fetchone()
        except sqlite3.Error as exc:
            raise JournalError(f"{path}: not a readable journal ({exc})") from None

    def _create(self) -> None:
        self.db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # only takes effect on a new file: pruned space goes back
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a committed proof survives a power cut
        self.db.executescript(SCHEMA + TRIGGERS)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "JournalStore":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def anchor(self) -> tuple[int, str]:
        """(seq, hash) the first kept entry chains from: (0, genesis) unless older entries were pruned."""
        row = self.db.execute("SELECT seq, hash FROM anchor WHERE id = 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def tip(self) -> tuple[int, str]:
        """(seq, hash) of the newest entry (the anchor when there is none)."""
        row = self.db.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else self.anchor()

    def last_entry(self) -> Entry | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        return Entry(*row) if row else None

    def entry(self, seq: int) -> Entry | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM entries WHERE seq = ?", (seq,)).fetchone()
        return Entry(*row) if row else None

    def append(self, entries: list[Entry]) -> None:
        """One transaction for the batch: all of it is in the file, or none of it."""
        with self._transaction():
            self.db.executemany(f"INSERT INTO entries({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", [e.as_row() for e in entries])

    def rows(self, after_seq: int = -1, limit: int | None = None, act_id: str | None = None) -> Iterator[tuple]:
        """Raw rows in ``seq`` order (verification reads them as stored, whatever they hold)."""
        sql = f"SELECT {_COLUMNS} FROM entries WHERE seq > ?"
        params: list = [after_seq]
        if act_id is not None:
            sql += " AND act_id = ?"
            params.append(act_id)
        sql += " ORDER BY seq" + (" LIMIT ?" if limit is not None else "")
        if limit is not None:
            params.append(limit)
        return self.db.execute(sql, params)

    def entries(self, after_seq: int = -1, limit: int | None = None) -> Iterator[Entry]:
        return (Entry(*row) for row in self.rows(after_seq, limit))

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def size_bytes(self) -> int:
        """Bytes in use (pages not on the free list): what the size bound is checked against."""
        pages = self.db.execute("PRAGMA page_count").fetchone()[0] - self.db.execute("PRAGMA freelist_count").fetchone()[0]
        return int(pages * self.db.execute("PRAGMA page_size").fetchone()[0])

    def add_checkpoint(self, seq: int, payload: str, signature: str) -> None:
        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO checkpoints(seq, payload, signature) VALUES (?, ?, ?)",
                            (seq, payload, signature))

    def checkpoints(self) -> list[tuple[int, str, str]]:
        return [(int(s), str(p), str(g)) for s, p, g in self.db.execute("SELECT seq, payload, signature FROM checkpoints ORDER BY seq")]

    def checkpoint(self, seq: int) -> tuple[int, str, str] | None:
        row = self.db.execute("SELECT seq, payload, signature FROM checkpoints WHERE seq = ?", (seq,)).fetchone()
        return (int(row[0]), str(row[1]), str(row[2])) if row else None

    def mark_exported(self, checkpoint_seq: int, utc: str) -> None:
        with self._transaction():
            self.db.execute("INSERT INTO exports(checkpoint_seq, utc) VALUES (?, ?)", (checkpoint_seq, utc))

    def exported_upto(self) -> int:
        """The newest entry covered by a checkpoint that left the device (0: none did)."""
        row = self.db.execute("SELECT max(checkpoint_seq) FROM exports").fetchone()
        return int(row[0] or 0)

    def triggers_present(self) -> list[str]:
        names = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        return [name for name in TRIGGER_NAMES if name in names]

    def remove_through(self, seq: int, anchor_hash: str) -> int:
        """Drop entries up to ``seq`` (and older checkpoints), anchoring the chain at (seq, anchor_hash).

        The caller (``retention.prune``) checked that a signed, exported checkpoint covers ``seq``.
        """
        with self._transaction():
            for name in TRIGGER_NAMES:
                self.db.execute(f"DROP TRIGGER IF EXISTS {name}")
            removed = self.db.execute("DELETE FROM entries WHERE seq <= ?", (seq,)).rowcount
            self.db.execute("DELETE FROM checkpoints WHERE seq < ?", (seq,))
            self.db.execute("INSERT OR REPLACE INTO anchor(id, seq, hash) VALUES (1, ?, ?)", (seq, anchor_hash))
            for statement in TRIGGERS.split("END;")[:-1]:
                self.db.execute(statement + "END;")
        self.db.execute("PRAGMA incremental_vacuum")
        return removed

    def _transaction(self) -> "_Transaction":
        return _Transaction(self.db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): the writer and an export never interleave half-batches."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
