"""Proof-of-display journal: what a record() costs its caller, the writer's throughput, and verify.

Targets (issue 10): append < 1 ms per entry, off the GUI thread; verify 1,000,000 entries < 10 s.
- caller: ``record()`` timed call by call on the calling thread (what a GUI-thread caller pays);
- writer: records per second committed by the writer thread (hash, canonical encoding, batched
  SQLite commits with synchronous=FULL in WAL), i.e. the real append cost per entry;
- verify: a journal of ``--entries`` entries (built first, not timed in the figure) checked end to end.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common.clock import SystemClock  # noqa: E402
from journal.appender import Appender  # noqa: E402
from journal.store import JournalStore  # noqa: E402
from journal.verify import verify  # noqa: E402
from kiosk.journal_writer import JournalWriter, WriterSettings  # noqa: E402
from tests.support.journal import test_signer  # noqa: E402

SHA = "e" * 64


def bench_record(folder: Path, records: int) -> dict:
    signer = test_signer()
    writer = JournalWriter(folder / "record.sqlite", lambda: ("bench", signer), SystemClock(),
                           WriterSettings(queue_size=records + 10)).start()
    writer.wait_written(1)
    costs_ns = []
    started = time.perf_counter()
    for i in range(records):
        t0 = time.perf_counter_ns()
        writer.record("page_shown", "ARR-2026-001", SHA, {"page": i % 40, "of": 40})
        costs_ns.append(time.perf_counter_ns() - t0)
    enqueued_s = time.perf_counter() - started
    writer.wait_written(records + 1, timeout_s=600)
    committed_s = time.perf_counter() - started
    writer.stop(5.0)
    costs_ns.sort()
    return {"records": records, "dropped": writer.dropped,
            "caller_us_p50": round(costs_ns[len(costs_ns) // 2] / 1000, 2),
            "caller_us_p99": round(costs_ns[int(len(costs_ns) * 0.99)] / 1000, 2),
            "caller_us_max": round(costs_ns[-1] / 1000, 1),
            "caller_us_mean": round(statistics.fmean(costs_ns) / 1000, 2),
            "enqueue_s": round(enqueued_s, 3),
            "writer_entries_per_s": round(records / committed_s),
            "writer_us_per_entry": round(committed_s / records * 1e6, 1)}


def build(path: Path, entries: int) -> float:
    started = time.perf_counter()
    signer = test_signer()
    when = datetime(2026, 1, 1, tzinfo=UTC)
    with JournalStore(path) as store:
        appender = Appender(store, "bench")
        for i in range(entries):
            act = f"ARR-2026-{i % 300:03d}" if i % 3 else ""
            appender.add(when + timedelta(seconds=20 * i), "page_shown" if act else "screen_on", act, SHA if act else "",
                         {"page": i % 40} if act else {"gui_beat_age_s": 4.2})
            if i % 20_000 == 19_999:
                appender.flush()
                appender.checkpoint(signer, when + timedelta(seconds=20 * i))
        appender.flush()
        appender.checkpoint(signer, when + timedelta(seconds=20 * entries))
    return time.perf_counter() - started


def bench_verify(folder: Path, entries: int) -> dict:
    path = folder / "verify.sqlite"
    built_s = build(path, entries)
    with JournalStore(path, readonly=True) as store:
        started = time.perf_counter()
        verdict = verify(store)
        took_s = time.perf_counter() - started
    assert verdict.ok and verdict.entries == entries, verdict.as_json()
    return {"entries": entries, "built_s": round(built_s, 1), "verify_s": round(took_s, 2),
            "verify_us_per_entry": round(took_s / entries * 1e6, 2), "file_mib": round(path.stat().st_size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000, help="record() calls timed (default 100,000)")
    parser.add_argument("--entries", type=int, default=1_000_000, help="journal size verified (default 1,000,000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-journal-") as scratch:
        record = bench_record(Path(scratch), args.records)
        print("record:", record, flush=True)
        print(f"  caller pays p50 {record['caller_us_p50']} us, p99 {record['caller_us_p99']} us per record() "
              f"(target < 1000 us); the writer commits {record['writer_entries_per_s']} entries/s "
              f"({record['writer_us_per_entry']} us each, off the GUI thread)", flush=True)
        checked = bench_verify(Path(scratch), args.entries)
        print("verify:", checked)
        print(f"  verify {checked['entries']} entries: {checked['verify_s']} s (target < 10 s)")


if __name__ == "__main__":
    main()
