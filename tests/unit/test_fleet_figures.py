"""The measured status figures and the text kioskctl makes of outside input, on moved clocks."""

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.frame_stats import FrameWindow
from kiosk.health import health
from kiosk.logs import RecentLines
from kiosk.resource_stats import RssTrend, folder_bytes
from kiosk.restarts import count_this_start
from provisioning.admins import PairedAdmins
from provisioning.cli_logs import pretty
from provisioning.client_text import FingerprintTyped, mismatch_message, normal_fingerprint
from provisioning.status_text import duration


class Clock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_frames_per_second_and_dropped_frames_over_the_last_minute():
    clock = Clock()
    frames = FrameWindow(clock, refresh_hz=50.0)  # 20 ms a frame
    for _ in range(50 * 10):  # ten seconds at full rate
        clock.now += 0.02
        frames.swapped()
    clock.now += 0.1  # four frames missed (a 100 ms gap)
    frames.swapped()
    clock.now += 5.0  # a still screen: idle, not dropped
    frames.swapped()
    figures = frames.figures()
    assert figures["frames_1min"] == 502 and figures["dropped_frames_1min"] == 4
    assert figures["fps_1min"] == round(502 / 15.1, 1) and figures["last_frame_age_s"] == 0.0
    clock.now += 61.0  # a minute later, nothing swapped: the window is empty
    assert frames.figures()["frames_1min"] == 0 and frames.figures()["fps_1min"] == 0.0
    assert frames.figures()["last_frame_age_s"] == 61.0 and frames.figures()["frames_total"] == 502


def test_rss_trend_is_kib_per_minute_over_the_kept_samples():
    clock, rss = Clock(), [100_000]
    trend = RssTrend(clock, lambda: rss[0])
    assert trend.figures()["rss_trend_kib_per_min"] is None  # one sample: no trend yet
    for _ in range(30):  # five minutes, 1 MiB more every 10 s
        clock.now += 10
        rss[0] += 1024
        figures = trend.figures()
    assert figures["rss_trend_kib_per_min"] == 6144.0 and figures["rss_trend_span_s"] == 300
    assert health({"layout": "x", **figures})["reasons"] == ["memory growing 6144 KiB/min"]


def test_restarts_since_boot_count_per_boot_id(tmp_path: Path):
    boot = tmp_path / "boot_id"
    boot.write_text("aaaa\n")
    assert [count_this_start(tmp_path, boot) for _ in range(3)] == [0, 1, 2]
    boot.write_text("bbbb\n")  # the machine restarted
    assert count_this_start(tmp_path, boot) == 0
    (tmp_path / "starts.json").write_text('{"boot_id": "bbbb", "starts": 1e999}')
    assert count_this_start(tmp_path, boot) == 0  # a damaged count starts again


def test_cache_size_scan_is_bounded(tmp_path: Path):
    for i in range(30):
        (tmp_path / f"{i}.bin").write_bytes(b"x" * 100)
    assert folder_bytes(tmp_path) == (3000, True)
    assert folder_bytes(tmp_path, max_entries=10)[1] is False


def test_health_names_each_reason():
    now = datetime(2026, 7, 1, 12, tzinfo=UTC)
    recent = json.dumps({"ts": (now - timedelta(minutes=2)).isoformat(), "event": "item_skipped"})
    doc = {"layout": None, "unavailable_items": [{}], "disk_free_percent": 2.0, "feeds": {"mqtt": {"connected": False}},
           "oldest_live_value_age_s": 7200.0, "last_errors": [recent], "clock_suspect": True, "journal_dropped": 3}
    assert health(doc, now)["reasons"] == ["no layout on screen", "1 item(s) could not be had", "disk 2.0 % free",
                                           "feed mqtt disconnected", "a live value is 120 min old",
                                           "clock before the build date: the schedule is not followed",
                                           "3 journal record(s) lost", "error in the last 10 min: item_skipped"]
    assert health({"layout": "x"}, now) == {"state": "ok", "reasons": []}


def test_log_cursor_follows_counts_missed_lines_and_sees_a_restart():
    ring = RecentLines(capacity=5)
    logger = logging.getLogger("test.cursor")
    logger.addHandler(ring)
    logger.propagate = False
    try:
        for i in range(3):
            logger.warning("line %d", i)
        lines, cursor, missed, restarted = ring.since(None, 10)
        assert len(lines) == 3 and cursor == 3 and missed == 0 and not restarted
        for i in range(8):
            logger.warning("more %d", i)
        lines, cursor, missed, _ = ring.since(cursor, 10)
        assert (len(lines), cursor, missed) == (5, 11, 3)  # three left the ring unread
        assert ring.since(cursor, 10)[0] == []
        assert ring.since(500, 2)[3] is True and len(ring.since(500, 2)[0]) == 2  # a cursor from an earlier run
    finally:
        logger.removeHandler(ring)


def test_last_used_is_written_at_most_once_a_minute(tmp_path: Path):
    clock = Clock(1_790_000_000.0)
    admins = PairedAdmins(tmp_path / "admins.json", clock)
    name = admins.add(Ed25519PrivateKey.generate().public_key(), "DSI")
    admins.note_used(name)
    first = (tmp_path / "admins.json").stat().st_mtime_ns
    written = json.loads((tmp_path / "admins.json").read_text())[name]["last_used"]
    clock.now += 30
    admins.note_used(name)
    assert json.loads((tmp_path / "admins.json").read_text())[name]["last_used"] == written  # not written again
    assert admins.listing()[0]["last_used"] != written  # but known
    clock.now += 31
    admins.note_used(name)
    assert json.loads((tmp_path / "admins.json").read_text())[name]["last_used"] != written
    assert (tmp_path / "admins.json").stat().st_mtime_ns >= first
    assert PairedAdmins(tmp_path / "admins.json").listing()[0]["label"] == "DSI"


def test_a_fingerprint_is_typed_as_shown_and_a_mismatch_says_both():
    assert normal_fingerprint("2D31 D5A4 1456 C880") == "2d31d5a41456c880"
    presented = "2d31d5a41456c880" + "0" * 48
    other = "2d31d5a41456c880" + "1" * 48
    line = mismatch_message("h:1", presented, other)
    assert "presented certificate 2D31D5A41456C880" + "0" * 48 in line and "you paired with 2D31D5A41456C880" + "1" * 48 in line
    assert "you typed 1111 2222 3333 4444" in mismatch_message("h:1", presented, "1111222233334444")


@settings(max_examples=200, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_typed_fingerprints_only_ever_refuse_with_fingerprint_typed(text: str):
    try:
        result = normal_fingerprint(text)
    except FingerprintTyped as refused:
        assert "\x1b" not in str(refused)
    else:
        assert 16 <= len(result) <= 64 and set(result) <= set("0123456789abcdef")


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                           max_leaves=20)


@settings(max_examples=200, deadline=500)
@given(st.one_of(json_values.map(json.dumps), st.text(max_size=300)))
def test_a_log_line_from_the_screen_is_printed_escaped_and_bounded(line: str):
    shown = pretty(line)
    assert "\x1b" not in shown and "\r" not in shown and "\n" not in shown and len(shown) < 10_000


@settings(max_examples=200, deadline=200)
@given(st.one_of(st.floats(), st.integers(min_value=-10**30, max_value=10**30), st.booleans(), st.none(), st.text(max_size=5)))
def test_durations_never_fail(value: object):
    assert isinstance(duration(value), str) and len(duration(value)) <= 12


@settings(max_examples=200, deadline=500)
@given(st.lists(st.text(max_size=20), max_size=30), st.one_of(st.none(), st.integers(min_value=0, max_value=2**62)),
       st.integers(min_value=-5, max_value=2000))
def test_any_cursor_gives_bounded_lines_and_a_cursor_at_most_the_count(messages: list[str], cursor: int | None, count: int):
    ring = RecentLines(capacity=8)
    for text in messages:
        ring.emit(logging.makeLogRecord({"msg": text, "levelno": logging.INFO, "levelname": "INFO"}))
    lines, after, missed, restarted = ring.since(cursor, count)
    assert len(lines) <= max(0, min(count, 8)) and 0 <= after <= len(messages) and missed >= 0
    assert restarted == (cursor is not None and cursor > len(messages))


status_values = st.recursive(st.none() | st.booleans() | st.integers(min_value=-10**40, max_value=10**40) | st.floats()
                             | st.text(max_size=30) | st.sampled_from(["2026-07-01T12:00:00+00:00", "9999-12-31T23:59:59",
                                                                        "0001-01-01T00:00:00+00:00"]),
                             lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                             max_leaves=12)
status_keys = st.sampled_from(["role", "layout", "layout_since", "health", "last_errors", "software_version", "uptime_s",
                               "oldest_live_value_age_s", "frames", "feeds", "unavailable_items", "on_screen", "disk_free_mib"])


@settings(max_examples=200, deadline=1000)
@given(st.dictionaries(status_keys, status_values, max_size=13))
def test_any_status_a_screen_sends_is_printed_escaped_without_failing(status: dict):
    from provisioning.fleet import ScreenReport
    from provisioning.status_text import detail_lines, fleet_row

    text = fleet_row(ScreenReport("s", status)) + "\n".join(detail_lines(status))
    assert "\x1b" not in text and "\r" not in text
