"""The writer thread: concurrent callers, overflow said in the journal, crash restarts, clock jumps, bounds."""

import threading
from datetime import timedelta
from pathlib import Path

from common.clock import ManualClock
from journal.retention import Bounds
from journal.store import JournalStore
from journal.verify import verify
from kiosk.journal_writer import JournalWriter, WriterSettings
from tests.support.journal import test_signer

FAST = WriterSettings(flush_every_s=0.02)


def _writer(path: Path, clock: ManualClock, settings: WriterSettings = FAST, keys=None, **kwargs) -> JournalWriter:
    signer = test_signer()
    return JournalWriter(path, keys or (lambda: ("hall-1", signer)), clock, settings, **kwargs).start()


def _events(path: Path) -> list[tuple[int, str, str, dict]]:
    with JournalStore(path, readonly=True) as store:
        return [(e.seq, e.event, e.act_id, e.detail_object()) for e in store.entries()]


def test_concurrent_callers_all_land_in_order_and_the_chain_verifies(tmp_path: Path):
    path, clock = tmp_path / "journal.sqlite", ManualClock()
    writer = _writer(path, clock, WriterSettings(queue_size=20_000, flush_every_s=0.02))
    threads = [threading.Thread(target=lambda n=n: [writer.record("page_shown", f"ACT-{n}", "", {"i": i}) for i in range(1500)])
               for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert writer.stop(5.0) and writer.dropped == 0
    events = _events(path)
    assert [e[1] for e in events[:1] + events[-1:]] == ["start", "stop"]
    for n in range(8):  # each caller's records in the order it made them
        assert [e[3]["i"] for e in events if e[2] == f"ACT-{n}"] == list(range(1500))
    with JournalStore(path, readonly=True) as store:
        verdict = verify(store)
    assert verdict.ok and verdict.entries == 8 * 1500 + 2 and verdict.covered_through == verdict.last_seq, verdict.as_json()


def test_a_full_queue_drops_and_the_journal_says_how_many(tmp_path: Path):
    path, clock, release = tmp_path / "journal.sqlite", ManualClock(), threading.Event()
    signer = test_signer()

    def slow_keys():
        release.wait(5)  # the writer is not consuming yet: the queue fills
        return "hall-1", signer

    writer = _writer(path, clock, WriterSettings(queue_size=10, flush_every_s=0.02), keys=slow_keys)
    for i in range(100):
        writer.record("page_shown", "ACT-1", "", {"i": i})  # never blocks, never raises
    assert writer.dropped == 90
    release.set()
    assert writer.stop(5.0)
    overflow = [e[3] for e in _events(path) if e[1] == "journal_overflow"]
    assert overflow and overflow[0]["dropped"] == 90 and overflow[0]["reason"] == "queue full"


def test_a_run_without_stop_is_followed_by_crash_restart(tmp_path: Path):
    path, clock = tmp_path / "journal.sqlite", ManualClock()
    with JournalStore(path) as store:  # what a killed run leaves: entries, no stop
        from journal.appender import Appender

        appender = Appender(store, "hall-1")
        appender.add(clock.now(), "start")
        appender.add(clock.now(), "screen_on")
        appender.flush()
    clock.advance(600)
    writer = _writer(path, clock, start_detail={"pid": 42, "previous_run": {"previous_crash": "SIGSEGV"}})
    assert writer.stop(5.0)
    events = _events(path)
    assert [e[1] for e in events] == ["start", "screen_on", "crash_restart", "start", "stop"]
    assert events[2][3] == {"last_entry_seq": 2, "last_entry_utc": "2026-07-14T12:00:00.000000Z", "previous_crash": "SIGSEGV"}
    assert events[3][3] == {"pid": 42}


def test_a_clock_set_backwards_is_journaled_and_the_sequence_still_grows(tmp_path: Path):
    path, clock = tmp_path / "journal.sqlite", ManualClock()
    writer = _writer(path, clock)
    writer.record("act_opened", "ACT-1")
    assert writer.wait_written(2)
    clock.set_wall(clock.now() - timedelta(hours=3))  # NTP or a hand on the settings: 3 h back
    writer.record("act_opened", "ACT-1")
    assert writer.wait_written(4)
    assert writer.stop(5.0)
    events = _events(path)
    jumps = [e[3] for e in events if e[1] == "clock_jump"]
    assert len(jumps) == 1 and jumps[0]["jump_s"] == -10800.0
    assert [e[0] for e in events] == list(range(1, len(events) + 1))
    with JournalStore(path, readonly=True) as store:
        assert verify(store).ok  # times going back are not tampering


def test_a_restart_with_the_clock_behind_the_journal_says_so(tmp_path: Path):
    path, clock = tmp_path / "journal.sqlite", ManualClock()
    assert _writer(path, clock).stop(5.0)
    clock.set_wall(clock.now() - timedelta(days=400))  # the RTC battery died during a power cut
    assert _writer(path, clock).stop(5.0)
    jump = [e[3] for e in _events(path) if e[1] == "clock_jump"]
    assert jump and jump[0]["behind_last_entry"] is True


def test_screen_on_every_minute_carries_the_gui_beat_age(tmp_path: Path):
    path, clock = tmp_path / "journal.sqlite", ManualClock()
    writer = _writer(path, clock)
    assert writer.wait_written(1)  # started: its minute counts from now
    for _minute in range(3):
        clock.advance(60)
        writer.record("heartbeat", detail={"acts": [{"id": "ACT-1", "sha256": "a" * 64}]})
        assert writer.wait_written(1 + 2 * (_minute + 1))
    assert writer.stop(5.0)
    events = _events(path)
    beats = [e[3] for e in events if e[1] == "screen_on"]
    assert [b["gui_beat_age_s"] for b in beats] == [60.0, 120.0, 180.0]  # the GUI never beat: it shows
    heartbeats = [e[3] for e in events if e[1] == "heartbeat"]
    assert heartbeats[0]["acts"] == [["ACT-1", "a" * 64]] and "acts" not in heartbeats[1]  # the list once, then its digest
    assert heartbeats[1]["acts_sha256"] == heartbeats[0]["acts_sha256"]


def test_bad_records_are_journaled_as_refused_not_lost_or_raised(tmp_path: Path):
    path, clock = tmp_path / "journal.sqlite", ManualClock()
    writer = _writer(path, clock)
    writer.record("Page Shown\x1b[2J", "ACT\n1")
    writer.record("page_shown", "ACT-1", "not-a-hash")
    writer.record("page_shown", "ACT-1", "", {"x": float("nan"), "deep": [[[[]]]]})
    assert writer.stop(5.0)
    events = _events(path)[1:-1]
    assert [e[1] for e in events] == ["invalid_record", "invalid_record", "page_shown"]
    assert events[2][3] == {"invalid_detail": "ValueError: non-finite number"}


def test_the_size_bound_holds_and_what_could_not_be_written_is_counted(tmp_path: Path):
    path, clock = tmp_path / "journal.sqlite", ManualClock()
    writer = _writer(path, clock, WriterSettings(flush_every_s=0.02, bounds=Bounds(max_entries=50)))
    for i in range(200):
        writer.record("page_shown", "ACT-1", "", {"i": i})
    assert writer.stop(5.0)
    events = _events(path)
    assert len(events) <= 50 + 3  # the bound, plus journal_full, the overflow count and stop
    assert [e[1] for e in events if e[1].startswith("journal_")] == ["journal_full"]
    assert events[-1][1] == "stop" and events[-1][3]["dropped_total"] >= 150


def test_the_writer_prunes_only_what_was_exported_and_old(tmp_path: Path):
    from journal.export import export_to
    from journal.retention import RETENTION_DAYS
    from tests.support.journal import T0, filled_journal

    signer = test_signer()
    path = tmp_path / "journal.sqlite"
    with filled_journal(path, signer, 500, checkpoint_every=100, screen="hall-1") as store:
        store.set_meta("screen", "hall-1")
        export_to(store, signer, T0, tmp_path / "export", None)  # exports through 500
    clock = ManualClock(T0 + timedelta(days=RETENTION_DAYS, minutes=250))  # entries 1..250 are past retention
    writer = JournalWriter(path, lambda: ("hall-1", signer), clock, WriterSettings(flush_every_s=0.02, prune_every_s=0)).start()
    assert writer.wait_written(1)
    assert writer.stop(5.0)
    with JournalStore(path, readonly=True) as store:
        verdict = verify(store, None, signer.public_key)
        anchor = store.anchor()[0]
    assert anchor == 200 and verdict.ok and verdict.first_seq == 201, verdict.as_json()
