"""Thousands of random tamperings of a real journal file, by an attacker who drops the append-only
triggers (and puts them back), sometimes recomputes every hash after the change, and hides the
in-file checkpoints: every one is detected against the checkpoint exported to the admin."""

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from journal.checkpoint import Checkpoint
from journal.entry import entry_hash
from journal.store import TRIGGER_NAMES, TRIGGERS, JournalStore
from journal.verify import verify
from tests.support.journal import filled_journal, test_signer

ENTRIES = 240
TRIALS = 2000
COLUMNS = ("utc", "local", "screen", "act_id", "act_sha256", "event", "detail", "prev_hash", "hash")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("journal")
    signer = test_signer()
    store = filled_journal(folder / "journal.sqlite", signer, ENTRIES, checkpoint_every=40)
    exported = Checkpoint(*store.checkpoints()[-1])
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder / "journal.sqlite", exported, signer.public_key


def _rows(db: sqlite3.Connection) -> list[list]:
    return [list(r) for r in db.execute(f"SELECT seq, {', '.join(COLUMNS)} FROM entries ORDER BY seq")]


def _rewrite(db: sqlite3.Connection, rows: list[list]) -> None:
    db.execute("DELETE FROM entries")
    db.executemany(f"INSERT INTO entries(seq, {', '.join(COLUMNS)}) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)


def _rechain(rows: list[list], start: int) -> None:
    """The strong attacker: every link and hash from ``start`` on recomputed, the sequence made contiguous."""
    for i in range(max(0, start), len(rows)):
        row = rows[i]
        row[0] = rows[i - 1][0] + 1 if i else row[0]
        row[8] = rows[i - 1][9] if i else row[8]
        row[9] = entry_hash(row[0], *row[1:9])


def _changed(value: object, rng: random.Random) -> object:
    if isinstance(value, str) and value:
        i = rng.randrange(len(value))
        replacement = rng.choice([c for c in "0123456789abcdefZ:+- é" if c != value[i]])
        return value[:i] + replacement + value[i + 1:]
    return "x" if value == "" else value


def _tamper(rows: list[list], rng: random.Random, strong: bool) -> tuple[str, int]:
    """Changes ``rows`` in place; returns what was done and the first index touched (a strong attacker
    recomputes the links and hashes afterwards, so edits them only through the content)."""
    kind = rng.choice(["edit", "delete", "insert", "swap", "truncate"])
    i = rng.randrange(len(rows))
    if kind == "edit":
        column = rng.randrange(1, 8 if strong else 10)
        rows[i][column] = _changed(rows[i][column], rng)
    elif kind == "delete":
        del rows[i]
    elif kind == "insert":
        forged = list(rows[i])
        forged[6], forged[7] = "act_removed", '{"by":"nobody"}'
        rows.insert(i, forged)
        for later in rows[i + 1:]:
            later[0] += 1  # the attacker renumbers what follows
    elif kind == "swap":
        j = rng.choice([k for k in range(len(rows)) if k != i])
        rows[i][1:], rows[j][1:] = rows[j][1:], rows[i][1:]
        i = min(i, j)
    else:
        i = max(1, i)
        del rows[i:]
    return kind, i


def test_every_random_tampering_is_detected(pristine, tmp_path: Path):
    source, exported, key = pristine
    rng = random.Random(20261126)
    target = tmp_path / "tampered.sqlite"
    detected = {}
    for _trial in range(TRIALS):
        shutil.copyfile(source, target)
        db = sqlite3.connect(target, isolation_level=None)
        db.execute("PRAGMA synchronous=OFF")  # the attacker is in no hurry to fsync; the test is
        db.execute("BEGIN")
        for name in TRIGGER_NAMES:
            db.execute(f"DROP TRIGGER {name}")  # the attacker's first move
        rows = _rows(db)
        strong = rng.random() < 0.5
        kind, first = _tamper(rows, rng, strong)
        if strong:
            _rechain(rows, first)
            db.execute("DELETE FROM checkpoints WHERE seq >= ?", (rows[first - 1][0] if first else 0,))
        _rewrite(db, rows)
        db.executescript(TRIGGERS)  # and the last: the schema looks untouched
        db.execute("COMMIT") if db.in_transaction else None
        db.close()
        store = JournalStore(target, readonly=True)
        verdict = verify(store, exported, key)
        store.close()
        assert not verdict.ok, f"{kind} (rechained: {strong}) at index {first} went undetected"
        assert not any("triggers missing" in w for w in verdict.warnings)
        detected[kind] = detected.get(kind, 0) + 1
    assert sum(detected.values()) == TRIALS and len(detected) == 5, detected


def test_the_untouched_journal_verifies_with_no_problem(pristine):
    source, exported, key = pristine
    with JournalStore(source, readonly=True) as store:
        verdict = verify(store, exported, key)
    assert verdict.ok and not verdict.warnings, verdict.as_json()
    assert (verdict.entries, verdict.covered_through) == (ENTRIES, ENTRIES)


def test_a_cut_tail_shows_as_truncation_against_the_exported_checkpoint(pristine, tmp_path: Path):
    source, exported, key = pristine
    target = tmp_path / "cut.sqlite"
    shutil.copyfile(source, target)
    db = sqlite3.connect(target, isolation_level=None)
    for name in TRIGGER_NAMES:
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DELETE FROM entries WHERE seq > 200")
    db.execute("DELETE FROM checkpoints WHERE seq > 200")
    db.close()
    with JournalStore(target, readonly=True) as store:
        verdict, alone = verify(store, exported, key), verify(store, None, key)
    assert any(p.startswith("truncated: the journal ends at seq 200 but the exported checkpoint covers seq 240")
               for p in verdict.problems), verdict.problems
    assert any("triggers missing" in w for w in verdict.warnings)
    # Without the export, the same file looks whole: the warning says what is not covered.
    assert alone.ok and alone.covered_through == 200


def test_a_checkpoint_signed_by_another_key_is_refused(pristine):
    source, exported, _key = pristine
    with JournalStore(source, readonly=True) as store:
        verdict = verify(store, exported, test_signer().public_key)
    assert not verdict.ok and "not the device's" in verdict.problems[0]
