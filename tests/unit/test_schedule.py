"""Schedules at the edges: Europe/Paris DST changes (2026, 2027), midnight, 29 February 2028,
overrides, hostile clocks; and the validator's messages and paths."""

import json

import pytest

from layouts.errors import LayoutInvalid
from layouts.schedule import Override, active_at, next_change_after, timeline
from layouts.schedule_check import parse_schedule, schedule_json_schema
from layouts.schedule_time import windows
from tests.unit.schedule_reference import utc


def schedule(*entries, **top):
    return parse_schedule(json.dumps({"default": "layout.json", **top, "entries": list(entries)}))


def entry(id_, priority=10, **fields):
    return {"id": id_, "layout": f"{id_}.json", "priority": priority, **fields}


@pytest.mark.parametrize("day", ["2026-03-29", "2027-03-28"])
def test_spring_a_range_starting_in_the_skipped_hour_starts_at_03_00(day):
    s = schedule(entry("gap", dates=[day], **{"from": "02:30", "until": "04:00"}))
    y, m, d = map(int, day.split("-"))
    jump = utc(y, m, d, 1, 0)  # 02:00 CET is 03:00 CEST: 01:00 UTC
    assert active_at(s, jump).source == "gap"
    assert active_at(s, utc(y, m, d, 0, 59)).source == "default"
    assert next_change_after(s, utc(y, m, d, 0, 0)) == jump
    assert next_change_after(s, jump) == utc(y, m, d, 2, 0)  # 04:00 CEST


@pytest.mark.parametrize("day", ["2026-03-29", "2027-03-28"])
def test_spring_a_range_inside_the_skipped_hour_never_runs_and_one_ending_in_it_ends_at_03_00(day):
    y, m, d = map(int, day.split("-"))
    s = schedule(entry("inside", dates=[day], **{"from": "02:10", "until": "02:40"}))
    assert windows(s.entries[0], __import__("zoneinfo").ZoneInfo("Europe/Paris"), *(2 * [s.entries[0].dates[0]])) == []
    assert next_change_after(s, utc(y, m, d - 1, 12)) is None
    before = f"{y}-{m:02d}-{d - 1:02d}"
    s = schedule(entry("late", dates=[before], **{"from": "23:00", "until": "02:30"}))
    assert next_change_after(s, utc(y, m, d, 0, 30)) == utc(y, m, d, 1, 0)


@pytest.mark.parametrize("day", ["2026-10-25", "2027-10-31"])
def test_autumn_boundaries_take_the_first_of_the_two_occurrences(day):
    y, m, d = map(int, day.split("-"))
    ends = schedule(entry("ends", dates=[day], **{"from": "01:00", "until": "02:30"}))
    assert next_change_after(ends, utc(y, m, d, 0, 0)) == utc(y, m, d, 0, 30)  # the first 02:30 (CEST)
    assert active_at(ends, utc(y, m, d, 1, 15)).source == "default"  # the second 02:15 (CET): over
    starts = schedule(entry("starts", dates=[day], **{"from": "02:40", "until": "05:00"}))
    assert next_change_after(starts, utc(y, m, d, 0, 0)) == utc(y, m, d, 0, 40)
    assert active_at(starts, utc(y, m, d, 1, 10)).source == "starts"  # the second 02:10: still on
    assert next_change_after(starts, utc(y, m, d, 0, 40)) == utc(y, m, d, 4, 0)  # 05:00 CET
    whole = schedule(entry("night", **{"from": "22:00", "until": "06:00"}))
    segment = [s for s in timeline(whole, utc(y, m, d - 1, 12), utc(y, m, d, 12)) if s.choice.source == "night"][0]
    assert segment.end - segment.start == __import__("datetime").timedelta(hours=9)  # the night is an hour longer


def test_a_window_crossing_midnight_belongs_to_the_day_it_starts():
    s = schedule(entry("friday-night", weekdays=["fri"], **{"from": "22:00", "until": "06:00"}))
    assert active_at(s, utc(2026, 7, 17, 20, 0)).source == "friday-night"  # Friday 22:00 CEST
    assert active_at(s, utc(2026, 7, 18, 3, 59)).source == "friday-night"  # Saturday 05:59
    assert active_at(s, utc(2026, 7, 18, 4, 0)).source == "default"
    assert active_at(s, utc(2026, 7, 18, 20, 0)).source == "default"  # Saturday night is not Friday's
    assert active_at(s, utc(2026, 7, 17, 3, 0)).source == "default"  # Friday morning: Thursday's night


def test_29_february_2028():
    s = schedule(entry("leap", dates=["2028-02-29"]), entry("leap-season", 20, season={"from": "02-29", "until": "02-29"}),
                 entry("tuesday", 5, weekdays=["tue"]))
    assert active_at(s, utc(2028, 2, 29, 12)).source == "leap-season"
    assert next_change_after(s, utc(2027, 3, 1, 12)) == utc(2027, 3, 1, 23)  # Tuesday 2 March 2027 (local midnight)
    leap_only = schedule(entry("leap-season", 20, season={"from": "02-29", "until": "02-29"}))
    assert next_change_after(leap_only, utc(2025, 3, 1)) == utc(2028, 2, 28, 23)  # next 29 February, local midnight
    assert next_change_after(leap_only, utc(2028, 2, 28, 23)) == utc(2028, 2, 29, 23)
    wrap = schedule(entry("winter", season={"from": "12-20", "until": "01-05"}))
    assert active_at(wrap, utc(2028, 1, 5, 22)).source == "winter"
    assert active_at(wrap, utc(2028, 1, 5, 23)).source == "default"


def test_overrides_win_until_they_expire_the_newest_first():
    s = schedule(entry("always", 999))
    first = Override("one.json", utc(2026, 5, 1, 10), utc(2026, 5, 1, 12))
    second = Override("two.json", utc(2026, 5, 1, 11), utc(2026, 5, 1, 11, 30))
    assert active_at(s, utc(2026, 5, 1, 11, 10), [first, second]).layout == "two.json"
    assert active_at(s, utc(2026, 5, 1, 11, 40), [first, second]).layout == "one.json"
    assert next_change_after(s, utc(2026, 5, 1, 11, 40), [first, second]) == utc(2026, 5, 1, 12)
    assert active_at(s, utc(2026, 5, 1, 12), [first, second]).source == "always"


def test_hostile_clocks_fail_closed():
    s = schedule(entry("night", **{"from": "22:00", "until": "06:00"}))
    far = utc(9999, 12, 31, 23, 59)
    assert active_at(s, far).source == "default"
    assert next_change_after(s, far) is None
    assert active_at(s, utc(1, 1, 1)).source == "default"
    assert next_change_after(s, utc(1970, 1, 1)) == utc(2000, 1, 1, 21)  # the first night the schedule can name
    with pytest.raises(ValueError, match="aware"):
        active_at(s, __import__("datetime").datetime(2026, 1, 1))


def test_a_schedule_without_entries_never_changes():
    assert next_change_after(schedule(), utc(2026, 1, 1)) is None


def _problems(doc) -> list[str]:
    with pytest.raises(LayoutInvalid) as refused:
        parse_schedule(json.dumps(doc) if not isinstance(doc, str) else doc)
    return [str(p) for p in refused.value.problems]


def test_the_validator_names_every_problem_with_its_path():
    found = _problems({"default": "layout.json", "time_zone": "Europe/Atlantis", "entries": [
        entry("a", **{"from": "10:00", "until": "10:00"}), entry("a", 20, date_range={"from": "2026-02-01", "until": "2026-01-01"}),
        entry("b", 30, dates=["2026-07-14"], weekdays=["mon"])]})
    assert "$.time_zone: 'Europe/Atlantis' is not a known IANA time zone (e.g. Europe/Paris)" in found
    assert any(p.startswith("$.entries[0].until: is the same time as from") for p in found)
    assert any(p.startswith("$.entries[1].id: id 'a' is already used by $.entries[0]") for p in found)
    assert any(p.startswith("$.entries[1].date_range.until: 2026-01-01 is before from") for p in found)
    assert any(p.startswith("$.entries[2]: never runs") for p in found)  # 14 July 2026 is a Tuesday
    found = _problems({"default": "x.txt", "entries": [{"id": "n", "layout": "../n.json", "priority": 0, "weekdays": ["lun"],
                                                       "from": "7:00", "until": "24:30", "dates": ["2026-02-30"], "extra": 1}]})
    for path in ("$.default", "$.entries[0].layout", "$.entries[0].priority", "$.entries[0].weekdays[0]", "$.entries[0].from",
                 "$.entries[0].until", "$.entries[0].dates[0]", "$.entries[0].extra"):
        assert any(p.startswith(path + ":") for p in found), (path, found)


def test_ties_are_reported_with_both_paths_and_an_example_day():
    found = _problems({"default": "layout.json", "entries": [
        entry("summer", 20, season={"from": "06-15", "until": "09-15"}),
        entry("sundays", 10, weekdays=["sun"]),
        entry("festival", 20, date_range={"from": "2026-09-10", "until": "2026-09-20"}, **{"from": "18:00", "until": "01:00"})]})
    assert found == ["$.entries[2].priority: ties with $.entries[0] ('summer' and 'festival', both priority 20, both run e.g. "
                     "on the window starting 2026-09-10): give one a higher priority"]
    # The same priority but never at once (a night ending before the morning window starts): no tie.
    schedule(entry("night", 20, **{"from": "22:00", "until": "06:00"}), entry("day", 20, **{"from": "06:00", "until": "22:00"}))
    # Across midnight: Sunday's night meets Monday's morning.
    assert len(_problems({"default": "l.json", "entries": [entry("sun", 5, weekdays=["sun"], **{"from": "23:00", "until": "02:00"}),
                                                           entry("mon", 5, weekdays=["mon"], **{"from": "01:00", "until": "03:00"})]})) == 1


def test_hostile_documents_are_refused_with_a_reason():
    assert _problems('{"default": "a.json", "entries": [{"priority": NaN}]}')[0].startswith("$.entries[0].priority")
    assert _problems('[' * 10_000)[0].startswith("$: the document nests")
    assert _problems({"default": "a.json", "entries": [entry("e", True)]})[0].startswith("$.entries[0].priority")
    assert _problems({"default": "a.json", "entries": [entry("e", 10 ** 40)]})[0].startswith("$.entries[0].priority")
    assert _problems({"default": "a.json", "entries": [entry("e", dates=["9999-12-31"])]})[0].startswith("$.entries[0].dates[0]")


def test_json_schema_export_names_the_fields_as_written():
    schema = schedule_json_schema()
    entry_schema = schema["$defs"]["Entry"]["properties"]
    assert {"from", "until", "weekdays", "dates", "date_range", "season", "priority", "layout"} <= set(entry_schema)
    assert schema["title"] == "Kiosk schedule"


def test_the_largest_schedule_is_checked_in_bounded_time():
    import time
    from datetime import date, timedelta
    days = [date(2028, 1, 1) + timedelta(days=5 * i) for i in range(64)]  # 64 same-priority single-day seasons: 2,016 pairs
    doc = {"default": "a.json", "entries": [entry(f"e{i}", 1, season={"from": d.strftime("%m-%d"), "until": d.strftime("%m-%d")},
                                                  weekdays=["mon", "tue", "wed", "thu", "fri", "sat", "sun"]) for i, d in enumerate(days)]}
    began = time.perf_counter()
    parse_schedule(json.dumps(doc))
    assert time.perf_counter() - began < 2.0  # was 5.3 s with a day-by-day check; 0.2 s with day bits
    with pytest.raises(LayoutInvalid, match="must have at most 64 entries"):
        parse_schedule(json.dumps({**doc, "entries": doc["entries"] * 2}))


def test_a_half_hour_dst_zone_follows_the_same_rules():
    # Lord Howe Island moves its clocks by 30 minutes: 02:00 -> 02:30 on 4 October 2026.
    s = schedule(entry("gap", dates=["2026-10-04"], **{"from": "02:10", "until": "04:00"}), time_zone="Australia/Lord_Howe")
    jump = next_change_after(s, utc(2026, 10, 3, 12))
    from zoneinfo import ZoneInfo
    assert jump.astimezone(ZoneInfo("Australia/Lord_Howe")).strftime("%H:%M") == "02:30"
    assert active_at(s, jump).source == "gap"
