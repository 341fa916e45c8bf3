"""Reading a schedule from outside: bounded decoding, the typed model, then the rules spanning fields.

Every problem is reported at once with its JSON path (``$.entries[2].until``), as for layouts:
unknown time zones, a window that starts and ends at the same time, a date range that ends
before it starts, two entries with one id, an entry with dates that can never run, and ties: two
entries of the same priority that can run at the same wall time on some day (checked exactly,
day by day over the years a schedule can name, with one bit per day). Only ``LayoutInvalid``
escapes ``parse_schedule``.
"""

import functools
import json
import operator
from datetime import date, timedelta
from functools import cache
from typing import Any

from pydantic import ValidationError

from common.terminal import printable
from layouts.checks import zone_problems
from layouts.errors import LayoutInvalid, Problem
from layouts.json_input import decode_document
from layouts.schedule_model import FIRST_DATE, LAST_DATE, WEEKDAYS, Entry, Schedule
from layouts.validate import _json_path, _plain_message  # one wording for layouts and schedules

MAX_SCHEDULE_BYTES = 256 * 1024
SCHEDULE_FILE = "schedule.json"


def parse_schedule(text: str | bytes, source: str = SCHEDULE_FILE) -> Schedule:
    """Decode and validate; raise LayoutInvalid with every problem found. Nothing else escapes."""
    if len(text) > MAX_SCHEDULE_BYTES:
        raise LayoutInvalid([Problem("$", f"the schedule is {len(text)} bytes; the limit is {MAX_SCHEDULE_BYTES}")], source)
    doc = decode_document(text, source)
    if not isinstance(doc, dict):
        raise LayoutInvalid([Problem("$", "a schedule must be a JSON object {...}")], source)
    try:
        schedule = Schedule.model_validate(doc)
    except ValidationError as exc:
        raise LayoutInvalid([Problem(_json_path(e["loc"]), _plain_message(e)) for e in exc.errors()], source) from None
    except (RecursionError, ValueError, OverflowError, TypeError) as exc:
        raise LayoutInvalid([Problem("$", f"the schedule could not be checked: {printable(exc)}")], source) from None
    problems = schedule_problems(schedule)
    if problems:
        raise LayoutInvalid(problems, source)
    return schedule


def schedule_problems(schedule: Schedule) -> list[Problem]:
    problems = zone_problems("$.time_zone", schedule.time_zone)
    seen: dict[str, int] = {}
    for index, entry in enumerate(schedule.entries):
        path = f"$.entries[{index}]"
        if entry.id in seen:
            problems.append(Problem(f"{path}.id", f"id {entry.id!r} is already used by $.entries[{seen[entry.id]}]"))
        seen.setdefault(entry.id, index)
        problems.extend(_entry_problems(entry, path))
    if not problems:
        problems.extend(tie_problems(schedule))
    return problems


def _entry_problems(entry: Entry, path: str) -> list[Problem]:
    problems = []
    if entry.start == "24:00":
        problems.append(Problem(f"{path}.from", "must be before 24:00 (24:00 is only an end)"))
    elif entry.start == entry.end:
        problems.append(Problem(f"{path}.until", f"is the same time as from ({entry.start}): for a whole day say 00:00 to 24:00"))
    if entry.date_range is not None and entry.date_range.last < entry.date_range.first:
        problems.append(Problem(f"{path}.date_range.until", f"{entry.date_range.last} is before from ({entry.date_range.first})"))
    elif (entry.dates is not None or entry.date_range is not None) and not day_mask(entry):
        problems.append(Problem(path, "never runs: no day passes all of its day filters (weekdays, dates, date_range, season)"))
    return problems


@cache
def _universe() -> tuple[date, ...]:
    """Every day a schedule can name, and the day before the first (a window crossing midnight)."""
    first = FIRST_DATE - timedelta(days=1)
    return tuple(first + timedelta(days=n) for n in range((LAST_DATE - first).days + 1))


def _index(day: date) -> int:
    return (day - _universe()[0]).days


def _flags(runs: list[tuple[date, date]]) -> int:
    """One bit (8 * index) per day of the universe inside any of the inclusive ``runs``."""
    flags = bytearray(len(_universe()))
    last_index = len(flags) - 1
    for first, last in runs:
        start, end = max(_index(first), 0), min(_index(last), last_index)
        if start <= end:
            flags[start:end + 1] = b"\x01" * (end - start + 1)
    return int.from_bytes(flags, "little")


@cache
def _weekday_mask(weekday: int) -> int:
    universe = _universe()
    flags = bytearray(len(universe))
    start = (weekday - universe[0].weekday()) % 7
    flags[start::7] = b"\x01" * len(range(start, len(universe), 7))
    return int.from_bytes(flags, "little")


def _season_runs(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[date, date]]:
    """The inclusive day ranges of a season, year by year (02-29 counts in leap years only, as ``in_season``)."""
    def on_or_after(year: int, month_day: tuple[int, int]) -> date:
        return date(year, 3, 1) if month_day == (2, 29) and not _leap(year) else date(year, *month_day)

    def on_or_before(year: int, month_day: tuple[int, int]) -> date:
        return date(year, 2, 28) if month_day == (2, 29) and not _leap(year) else date(year, *month_day)

    runs = []
    for year in range(FIRST_DATE.year - 1, LAST_DATE.year + 1):
        if first <= last:
            runs.append((on_or_after(year, first), on_or_before(year, last)))
        else:
            runs += [(on_or_after(year, first), date(year, 12, 31)), (date(year, 1, 1), on_or_before(year, last))]
    return runs


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def day_mask(entry: Entry) -> int:
    """One bit per day of ``_universe`` (bit 8 * index) on which a window of ``entry`` starts (as ``Entry.runs_on``)."""
    universe = _universe()
    mask = _flags([(universe[0], universe[-1])])
    if entry.weekdays is not None:
        mask &= functools.reduce(operator.or_, (_weekday_mask(WEEKDAYS.index(name)) for name in entry.weekdays), 0)
    if entry.dates is not None:
        mask &= _flags([(day, day) for day in entry.dates])
    if entry.date_range is not None:
        mask &= _flags([(entry.date_range.first, entry.date_range.last)])
    if entry.season is not None:
        mask &= _flags(_season_runs(entry.season.first, entry.season.last))
    return mask


def _walls_meet(a: Entry, b: Entry, shift_days: int) -> bool:
    """Whether a's window on day D and b's window on day D + shift_days share a wall minute."""
    b_start, b_end = b.start_minute() + 1440 * shift_days, b.end_minute() + 1440 * shift_days
    return a.start_minute() < b_end and b_start < a.end_minute()


def _first_day(mask: int) -> date:
    return _universe()[((mask & -mask).bit_length() - 1) // 8]


def tie_problems(schedule: Schedule) -> list[Problem]:
    """Every pair of same-priority entries that can run at the same moment, with an example day."""
    problems, masks = [], {}
    entries = schedule.entries
    for i, a in enumerate(entries):
        for j in range(i + 1, len(entries)):
            b = entries[j]
            if a.priority != b.priority:
                continue
            for shift in (0, -1, 1):
                if not _walls_meet(a, b, shift):
                    continue
                mask_a = masks[i] if i in masks else masks.setdefault(i, day_mask(a))
                mask_b = masks[j] if j in masks else masks.setdefault(j, day_mask(b))
                both = mask_a & (mask_b >> (8 * shift) if shift >= 0 else mask_b << 8)
                if both:
                    problems.append(Problem(f"$.entries[{j}].priority", (
                        f"ties with $.entries[{i}] ({a.id!r} and {b.id!r}, both priority {a.priority}, both run "
                        f"e.g. on the window starting {_first_day(both)}): give one a higher priority")))
                    break
    return problems


def schedule_json_schema() -> dict[str, Any]:
    schema = Schedule.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://istres.fr/schemas/kiosk-schedule/v1.json", **schema,
            "title": "Kiosk schedule", "description": "Which layout of a bundle a screen shows when (schedule.json)."}


def schedule_json_schema_text() -> str:
    return json.dumps(schedule_json_schema(), indent=2, ensure_ascii=False) + "\n"
