"""A whole year, minute by minute (525,600 minutes), against the naive reference: 0 differences;
and the chain of ``next_change_after`` lands exactly on every change the minute scan sees."""

import bisect
import json
import time

from layouts.schedule import Override, active_at, next_change_after, timeline
from layouts.schedule_check import parse_schedule
from tests.unit.schedule_reference import Reference, minutes_of, utc

YEAR_DOC = {
    "time_zone": "Europe/Paris", "default": "layout.json",
    "entries": [
        {"id": "night", "layout": "night.json", "priority": 10, "from": "22:00", "until": "06:00"},
        {"id": "opening", "layout": "hall.json", "priority": 20, "weekdays": ["mon", "tue", "wed", "thu", "fri"],
         "from": "08:30", "until": "17:30"},
        {"id": "saturday-market", "layout": "market.json", "priority": 25, "weekdays": ["sat"], "from": "07:00", "until": "13:00"},
        {"id": "summer", "layout": "beach.json", "priority": 30, "season": {"from": "06-15", "until": "09-15"},
         "from": "09:00", "until": "20:00"},
        {"id": "winter-holidays", "layout": "noel.json", "priority": 35, "season": {"from": "12-20", "until": "01-05"},
         "from": "16:00", "until": "24:00"},
        {"id": "festival", "layout": "festival.json", "priority": 40, "date_range": {"from": "2026-07-10", "until": "2026-07-14"},
         "from": "18:00", "until": "01:30"},
        {"id": "spring-gap-start", "layout": "a.json", "priority": 50, "dates": ["2026-03-29"], "from": "02:30", "until": "04:00"},
        {"id": "spring-gap-end", "layout": "b.json", "priority": 51, "dates": ["2026-03-28"], "from": "23:30", "until": "02:15"},
        {"id": "spring-inside-gap", "layout": "c.json", "priority": 52, "dates": ["2026-03-29"], "from": "02:10", "until": "02:40"},
        {"id": "autumn-ends-in-repeat", "layout": "d.json", "priority": 53, "dates": ["2026-10-25"], "from": "01:00", "until": "02:30"},
        {"id": "autumn-starts-in-repeat", "layout": "e.json", "priority": 54, "dates": ["2026-10-25"], "from": "02:40", "until": "05:00"},
        {"id": "autumn-inside-repeat", "layout": "f.json", "priority": 55, "dates": ["2026-10-24"], "from": "23:50", "until": "02:20"},
        {"id": "election-night", "layout": "results.json", "priority": 90, "dates": ["2026-11-08"], "from": "19:00", "until": "02:00"},
        {"id": "new-year", "layout": "bonne-annee.json", "priority": 95, "dates": ["2026-12-31"], "from": "23:00", "until": "00:30"},
    ],
}


def _expand(segments, start):
    """The source shown at each minute from ``start``, from the production timeline's segments."""
    starts = [s.start for s in segments]

    def at(minute):
        return key(segments[bisect.bisect_right(starts, minute) - 1].choice)
    return at


def key(choice):
    return f"override:{choice.layout}" if choice.source == "override" else choice.source


def test_a_whole_year_minute_by_minute_agrees_with_the_reference():
    schedule = parse_schedule(json.dumps(YEAR_DOC))
    start, end = utc(2025, 12, 31, 23), utc(2026, 12, 31, 23)  # 2026 in Paris, 525,600 minutes
    overrides = [Override("urgent.json", utc(2026, 5, 1, 10, 0), utc(2026, 5, 1, 12, 30)),
                 Override("later.json", utc(2026, 5, 1, 11, 0), utc(2026, 5, 1, 11, 45))]
    reference = Reference(YEAR_DOC, [(o.layout, o.pushed_at, o.until) for o in overrides])
    began = time.perf_counter()
    segments = timeline(schedule, start, end, overrides)
    production = _expand(segments, start)
    differences, changes, previous, count = [], [], None, 0
    for minute in minutes_of(start, end):
        expected = reference.at(minute)
        count += 1
        if production(minute) != expected:
            differences.append((minute, expected, production(minute)))
        if expected != previous and previous is not None:
            changes.append(minute)
        previous = expected
    assert count == 525_600
    assert differences == [], differences[:10]
    chain, now = [], start
    while (now := next_change_after(schedule, now, overrides)) is not None and now < end:
        chain.append(now)
    assert chain == changes  # one timer per change, exactly on the minute the scan sees it change
    for minute in changes[::7]:
        assert key(active_at(schedule, minute, overrides)) == reference.at(minute)
    assert len(changes) > 1400  # the scan saw the schedule change, many times
    print(f"year scan: {count} minutes, {len(changes)} changes, {time.perf_counter() - began:.2f} s")
