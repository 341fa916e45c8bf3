"""Properties: the schedule parser lets only LayoutInvalid escape, in bounded time; and random valid
schedules agree with the naive reference minute by minute over both 2027 DST weekends."""

import json
import time
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layouts.errors import LayoutInvalid
from layouts.schedule import active_at, next_change_after, timeline
from layouts.schedule_check import _universe, day_mask, parse_schedule
from layouts.schedule_model import Entry
from tests.unit.schedule_reference import Reference, minutes_of, utc

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
keys = st.sampled_from(["id", "layout", "priority", "weekdays", "dates", "date_range", "season", "from", "until", "x"])
entry_like = st.dictionaries(keys, json_values | st.sampled_from(["22:00", "24:00", "06-15", "2026-03-29", "a.json", 10]), max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    st.builds(lambda top, entries: json.dumps({**top, "entries": entries}),
              st.dictionaries(st.sampled_from(["default", "time_zone", "format", "y"]), json_values, max_size=4),
              st.lists(entry_like, max_size=5)),
))
def test_the_parser_refuses_with_layout_invalid_only(text):
    began = time.perf_counter()
    try:
        parse_schedule(text)
    except LayoutInvalid as refused:
        assert refused.problems and all(p.path.startswith("$") for p in refused.problems)
    assert time.perf_counter() - began < 2.0


times = st.integers(0, 24 * 4 - 1).map(lambda q: f"{q // 4:02d}:{q % 4 * 15:02d}") | st.sampled_from(["02:00", "02:30", "03:00", "01:59"])
ends = times | st.just("24:00")
day_filters = st.fixed_dictionaries({}, optional={
    "weekdays": st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1, max_size=7, unique=True),
    "dates": st.lists(st.sampled_from(["2027-03-27", "2027-03-28", "2027-03-29", "2027-10-30", "2027-10-31", "2027-11-01"]),
                      min_size=1, max_size=3, unique=True),
    "season": st.sampled_from([{"from": "03-28", "until": "10-30"}, {"from": "10-31", "until": "03-27"}]),
})


@st.composite
def schedules(draw):
    entries = []
    for index in range(draw(st.integers(0, 4))):
        start, end = draw(times), draw(ends)
        if start == end:
            end = "24:00" if start != "00:00" else "12:00"
        entries.append({"id": f"e{index}", "layout": f"e{index}.json", "priority": index + 1,
                        "from": start, "until": end, **draw(day_filters)})
    return {"default": "layout.json", "entries": entries}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules())
def test_random_schedules_agree_with_the_reference_across_both_dst_weekends(doc):
    try:
        schedule = parse_schedule(json.dumps(doc))
    except LayoutInvalid as refused:  # an entry that never runs: refused, as documented
        assert all("never runs" in p.message for p in refused.problems)
        return
    reference = Reference(doc)
    for start in (utc(2027, 3, 27, 12), utc(2027, 10, 30, 12)):
        end = start + timedelta(days=2)
        segments = timeline(schedule, start, end)
        now = start
        for segment in segments:
            assert active_at(schedule, segment.start).source == segment.choice.source
            if segment.start > start:
                assert next_change_after(schedule, now) == segment.start
                now = segment.start
        index = 0
        for minute in minutes_of(start, end):
            while segments[index].end <= minute:
                index += 1
            assert segments[index].choice.source == reference.at(minute), (minute, doc)


month_days = st.dates(min_value=date(2028, 1, 1), max_value=date(2028, 12, 31)).map(lambda d: d.strftime("%m-%d"))
any_dates = st.dates(min_value=date(1999, 12, 31), max_value=date(2099, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({}, optional={
    "weekdays": st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1, max_size=7, unique=True),
    "dates": st.lists(any_dates.filter(lambda d: d.year >= 2000).map(date.isoformat), min_size=1, max_size=5),
    "date_range": st.tuples(any_dates.filter(lambda d: d.year >= 2000), st.integers(0, 4000)).map(
        lambda t: {"from": t[0].isoformat(), "until": min(t[0] + timedelta(days=t[1]), date(2099, 12, 31)).isoformat()}),
    "season": st.tuples(month_days, month_days).map(lambda t: {"from": t[0], "until": t[1]}),
}))
def test_the_tie_checks_day_bits_are_exactly_the_days_an_entry_runs(filters):
    entry = Entry.model_validate({"id": "e", "layout": "e.json", "priority": 1, **filters})
    mask = day_mask(entry)
    universe = _universe()
    bits = int.from_bytes(bytes(entry.runs_on(day) for day in universe), "little")
    assert mask == bits


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80) | st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2}|Z)?", fullmatch=True))
def test_until_values_are_an_aware_instant_or_a_refusal(text):
    from fastapi import HTTPException

    from provisioning.cli_schedule import until_instant
    from provisioning.schedule_routes import parse_until
    try:
        assert parse_until(text).utcoffset() is not None
    except HTTPException as refused:
        assert refused.status_code == 422
    try:
        assert until_instant(text).utcoffset() is not None
    except (ValueError, OverflowError):
        pass
