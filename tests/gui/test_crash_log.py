"""The crash log on disk: rotated once, bounded, counted; damaged or hostile files fail closed."""

import faulthandler
import json
import signal
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.crash_log import MAX_CRASH_BYTES, CrashLog, _read_counts, read_last_crash

DUMP = """Fatal Python error: Segmentation fault

Thread 0x00007f0f477fe6c0 (most recent call first):
  File "/x/asyncio/base_events.py", line 679 in run_forever
  File "/x/threading.py", line 1012 in _bootstrap

Thread 0x00007f0fbc896c40 (most recent call first):
  File "/work/kiosk/screenshots.py", line 18 in save_window_png
  File "/work/kiosk/app.py", line 274 in run

Extension modules: shiboken6.Shiboken, PySide6.QtCore (total: 2)
"""


@pytest.fixture(autouse=True)
def _restore_faulthandler():
    yield
    faulthandler.unregister(signal.SIGTRAP)
    faulthandler.enable(sys.__stderr__)  # as pytest had it: CrashLog.open pointed it at a file of the test's


def _open(data: Path) -> CrashLog:
    crash_log = CrashLog(data).open()
    crash_log.file.close()  # the test plays the process's end; nothing is written to it here
    return crash_log


def test_a_crash_dump_is_moved_once_and_reported(tmp_path: Path):
    folder = tmp_path / "crash"
    first = _open(tmp_path)
    assert first.report.status_fields() == {"crash_count": 0, "unclean_exits": 0, "last_crash": None}
    (folder / "current.log").write_text(DUMP)  # what faulthandler wrote when the run died
    report = _open(tmp_path).report
    assert (report.crash_count, report.unclean_exits) == (1, 1)
    assert report.last_crash["reason"] == "Fatal Python error: Segmentation fault"
    assert report.last_crash["crashed_thread"][0].startswith("Thread 0x00007f0fbc896c40")
    assert report.last_crash["crashed_thread"][-1].endswith("line 274 in run")
    CrashLog(tmp_path).close_cleanly()
    again = _open(tmp_path)
    again.close_cleanly()
    assert (again.report.crash_count, again.report.unclean_exits) == (1, 1)  # counted once
    assert again.report.last_crash == report.last_crash


def test_a_huge_dump_is_cut_and_escape_sequences_are_shown_escaped(tmp_path: Path):
    folder = tmp_path / "crash"
    folder.mkdir()
    (folder / "current.log").write_bytes(b"Fatal \x1b[2J\rerror\n" + b"A" * (5 * MAX_CRASH_BYTES))
    report = _open(tmp_path).report
    assert (folder / "last.log").stat().st_size == MAX_CRASH_BYTES
    assert "\x1b" not in json.dumps(report.last_crash, ensure_ascii=False) and "\r" not in report.last_crash["reason"]
    assert all(len(line) < 300 for line in report.last_crash["first_lines"])


@pytest.mark.parametrize("stored", [b"{", b"[]", b'{"crash_count": true, "unclean_exits": NaN}',
                                    b'{"crash_count": -4, "unclean_exits": 1e999}', b"[" * 30000,
                                    b'{"crash_count": 1' + b"0" * 5000 + b"}"])
def test_damaged_counts_start_again_from_zero(tmp_path: Path, stored: bytes):
    (tmp_path / "counts.json").write_bytes(stored)
    assert _read_counts(tmp_path / "counts.json") == {"crash_count": 0, "unclean_exits": 0}


@settings(max_examples=150, deadline=None)  # a loaded machine must not make it flaky; its time is bounded by the size
@given(st.binary(max_size=4096))
def test_any_bytes_in_the_last_crash_give_a_bounded_printable_report(tmp_path_factory, raw: bytes):
    path = tmp_path_factory.mktemp("crash") / "last.log"
    path.write_bytes(raw)
    report = read_last_crash(path)
    if report is not None:
        assert len(report["first_lines"]) <= 20 and len(report["crashed_thread"]) <= 20
        assert all(ch.isprintable() for line in report["first_lines"] for ch in line)


def test_the_counts_are_written_only_when_something_happened(tmp_path: Path):
    _open(tmp_path).close_cleanly()
    _open(tmp_path).close_cleanly()
    assert not (tmp_path / "crash" / "counts.json").exists()
    _open(tmp_path)  # never closed cleanly: the next start counts an unclean exit, and no crash
    report = _open(tmp_path).report
    assert (report.crash_count, report.unclean_exits, report.last_crash) == (0, 1, None)
    assert json.loads((tmp_path / "crash" / "counts.json").read_text()) == {"crash_count": 0, "unclean_exits": 1}


def test_a_trap_dump_is_named_as_such(tmp_path: Path):
    folder = tmp_path / "crash"
    folder.mkdir()
    (folder / "current.log").write_text(DUMP.split("\n", 2)[2])  # a SIGTRAP dump: the stacks, no header line
    report = _open(tmp_path).report
    assert report.last_crash["reason"].startswith("SIGTRAP")
    assert report.last_crash["first_lines"][0].startswith("Thread 0x00007f0f477fe6c0")
