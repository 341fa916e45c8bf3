"""Bounded journal: entries go only below an exported checkpoint, the chain stays verifiable after
pruning, the size bound is kept, and the transfer stream refuses what is not a journal stream."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import JournalError
from journal.export import export_to
from journal.retention import RETENTION_DAYS, Bounds, prune, prune_point
from journal.store import JournalStore
from journal.transfer import Importer, lines
from journal.verify import verify
from tests.support.journal import T0, filled_journal, test_signer


def test_nothing_goes_before_an_export_even_when_old(tmp_path: Path):
    signer = test_signer()
    with filled_journal(tmp_path / "j.sqlite", signer, 300) as store:
        much_later = T0 + timedelta(days=RETENTION_DAYS + 30)
        assert prune_point(store, much_later, Bounds()) is None and prune(store, much_later, Bounds()) == 0
        assert store.count() == 300


def test_after_an_export_only_what_is_past_retention_goes_and_the_chain_still_verifies(tmp_path: Path):
    signer = test_signer()
    with filled_journal(tmp_path / "j.sqlite", signer, 300, start=T0) as store:
        export_to(store, signer, T0, tmp_path / "export", None)
        assert prune(store, T0 + timedelta(days=10), Bounds()) == 0  # exported, but young: kept
        removed = prune(store, T0 + timedelta(days=RETENTION_DAYS, minutes=150), Bounds())
        assert removed == 100 and store.anchor()[0] == 100  # through the newest checkpoint old enough
        verdict = verify(store, None, signer.public_key)
        assert verdict.ok and verdict.first_seq == 101, verdict.as_json()
        assert verdict.warnings == ["entries 1..100 were pruned after an export (the exported copies hold them)"]
    with JournalStore(tmp_path / "export" / "journal.sqlite", readonly=True) as copy:  # the admin's copy has it all
        assert copy.count() == 300 and verify(copy, None, signer.public_key).ok


def test_the_size_bound_prunes_exported_entries_first_and_shrinks_the_file(tmp_path: Path):
    signer = test_signer()
    with filled_journal(tmp_path / "j.sqlite", signer, 2000, checkpoint_every=100) as store:
        export_to(store, signer, T0, tmp_path / "export", None)
        before = store.size_bytes()
        bounds = Bounds(max_entries=1000, max_bytes=10 * before)
        removed = prune(store, T0, bounds)
        assert store.count() < 1000 * 0.8 + 100 and removed >= 1200
        assert store.size_bytes() < before * 0.6  # incremental vacuum gave the pages back
        assert verify(store, None, signer.public_key).ok


def test_a_pruned_head_without_its_checkpoint_is_reported(tmp_path: Path):
    signer = test_signer()
    with filled_journal(tmp_path / "j.sqlite", signer, 300) as store:
        store.db.execute("INSERT INTO anchor(id, seq, hash) VALUES (1, 0, ?)", ("0" * 64,))  # harmless
        store.remove_through(50, store.entry(50).hash)  # not at a checkpoint: as an attacker would cut
        verdict = verify(store, None, signer.public_key)
    assert not verdict.ok and "no valid signed checkpoint vouches" in verdict.problems[0]


def test_an_import_continues_exactly_or_refuses(tmp_path: Path):
    signer = test_signer()
    with filled_journal(tmp_path / "j.sqlite", signer, 120) as store, JournalStore(tmp_path / "copy.sqlite") as copy:
        Importer(copy).feed(lines(store, 0, 50))
        assert copy.tip()[0] == 50
        with pytest.raises(JournalError, match="starts at seq 81"):
            Importer(copy).feed(lines(store, 80, 10))
        with pytest.raises(JournalError, match="cut before its end"):
            Importer(copy).feed(list(lines(store, 50, 10))[:-1])
        assert copy.tip()[0] == 50  # nothing half-kept
        Importer(copy).feed(lines(store, 50, 1000))
        assert copy.count() == 120 and verify(copy, None, signer.public_key).ok


LINE = st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode),
                 st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
                              lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                              max_leaves=20).map(lambda v: json.dumps(v).encode()))


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=st.lists(LINE, max_size=6))
def test_a_hostile_stream_is_refused_with_journal_error_only(tmp_path: Path, stream: list[bytes]):
    with JournalStore(tmp_path / "hostile.sqlite") as copy:
        try:
            Importer(copy).feed(stream)
        except JournalError:
            pass
        assert copy.count() == 0  # no hostile stream carries a valid entry by chance
