"""The schedule document (``schedule.json`` of a bundle): which layout a screen shows when.

::

    {"format": 1, "time_zone": "Europe/Paris", "default": "layout.json",
     "entries": [{"id": "night", "layout": "night.json", "priority": 10, "from": "22:00", "until": "06:00"},
                 {"id": "summer", "layout": "beach.json", "priority": 20, "season": {"from": "06-15", "until": "09-15"}},
                 {"id": "election", "layout": "results.json", "priority": 90, "dates": ["2027-04-11"],
                  "from": "19:00", "until": "02:00"}]}

An entry runs on every day D that passes all of its day filters (``weekdays``, ``dates``,
``date_range``, ``season``; none given: every day), from ``from`` on D until ``until`` on D, or on
D + 1 when ``until`` is not after ``from`` (it crosses midnight). The day filters look at the day a
window *starts*: a Friday 22:00-06:00 entry runs Friday night into Saturday morning. Dates are
local dates in ``time_zone``; ``date_range`` and ``season`` include both ends; a season may wrap
the year end (12-15 to 01-15). How wall times map to instants at DST changes: ``schedule_time``.
Priority decides (higher wins); two entries of the same priority that can ever run at once are a
tie, reported by ``schedule_problems`` with both JSON paths.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from layouts.base import Identifier, Strict, described_pattern

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2099, 12, 31)  # a year-9999 date is a mistake, and overflows
MAX_ENTRIES = 64
MAX_DATES = 366
DEFAULT_ZONE = "Europe/Paris"


def _time_of_day(text: str) -> str:
    hours, minutes = int(text[:2]), int(text[3:])
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValueError(f"must be a time of day from 00:00 to 24:00 (found {text!r})")
    return text


def _calendar_date(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"is not a date of the calendar (found {text!r})") from None
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(f"must be between {FIRST_DATE} and {LAST_DATE} (found {text!r})")
    return value


def _month_day(text: str) -> tuple[int, int]:
    try:
        date.fromisoformat(f"2028-{text}")  # a leap year: 02-29 is a day of the season in leap years only
    except ValueError:
        raise ValueError(f"is not a day of the year (found {text!r})") from None
    return int(text[:2]), int(text[3:])


TimeOfDay = Annotated[str, Field(description="HH:MM, local time; 24:00 is the end of the day",
                                 pattern=described_pattern(r"^[0-9]{2}:[0-9]{2}$", "must be a time of day written HH:MM")),
                      AfterValidator(_time_of_day)]
CalendarDate = Annotated[str, Field(description="YYYY-MM-DD, a local date",
                                    pattern=described_pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "must be a date written YYYY-MM-DD")),
                         AfterValidator(_calendar_date)]
MonthDay = Annotated[str, Field(description="MM-DD, a day of every year",
                                pattern=described_pattern(r"^[0-9]{2}-[0-9]{2}$", "must be a day of the year written MM-DD")),
                     AfterValidator(_month_day)]
LayoutFile = Annotated[str, Field(min_length=1, max_length=255, description="a layout file at the top of the bundle",
                                  pattern=described_pattern(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.json$",
                                                            "must name a .json file at the top of the bundle, next to "
                                                            "schedule.json (letters, digits, '_', '.', '-')"))]
ZoneName = Annotated[str, Field(max_length=64, description="IANA time zone, e.g. Europe/Paris",
                                pattern=described_pattern(r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$",
                                                          "must be an IANA time zone name such as Europe/Paris"))]


class DateRange(Strict):
    first: CalendarDate = Field(alias="from")
    last: CalendarDate = Field(alias="until", description="included")


class Season(Strict):
    """Every year from ``from`` to ``until`` (both included); wraps the year end when ``until`` comes first."""

    first: MonthDay = Field(alias="from")
    last: MonthDay = Field(alias="until", description="included")


class Entry(Strict):
    id: Identifier
    layout: LayoutFile
    priority: Annotated[int, Field(strict=True, ge=1, le=1000, description="higher wins; the default layout is below every entry")]
    weekdays: Annotated[list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]], Field(min_length=1, max_length=7)] | None = None
    dates: Annotated[list[CalendarDate], Field(min_length=1, max_length=MAX_DATES, description="one-off days")] | None = None
    date_range: DateRange | None = None
    season: Season | None = None
    start: TimeOfDay = Field(default="00:00", alias="from")
    end: TimeOfDay = Field(default="24:00", alias="until", description="not after from: the next day")

    def start_minute(self) -> int:
        return int(self.start[:2]) * 60 + int(self.start[3:])

    def end_minute(self) -> int:
        """Minutes after midnight of the start day: crossing midnight adds a day."""
        end = int(self.end[:2]) * 60 + int(self.end[3:])
        return end if end > self.start_minute() else end + 24 * 60

    def runs_on(self, day: date) -> bool:
        """Whether a window of this entry starts on local ``day``."""
        if self.weekdays is not None and WEEKDAYS[day.weekday()] not in self.weekdays:
            return False
        if self.dates is not None and day not in self.dates:
            return False
        if self.date_range is not None and not self.date_range.first <= day <= self.date_range.last:
            return False
        return self.season is None or in_season(self.season, day)

    def day_bounds(self) -> tuple[date, date]:
        """The first and last day a window can start on (the whole supported range when unbounded)."""
        first, last = FIRST_DATE, LAST_DATE
        if self.dates is not None:
            first, last = max(first, min(self.dates)), min(last, max(self.dates))
        if self.date_range is not None:
            first, last = max(first, self.date_range.first), min(last, self.date_range.last)
        return first, last


def in_season(season: Season, day: date) -> bool:
    key = (day.month, day.day)
    if season.first <= season.last:
        return season.first <= key <= season.last
    return key >= season.first or key <= season.last  # wraps the year end


class Schedule(Strict):
    format: Literal[1] = 1
    time_zone: ZoneName = DEFAULT_ZONE
    default: LayoutFile = Field(description="shown when no entry runs (and when the clock is not trusted)")
    entries: Annotated[list[Entry], Field(max_length=MAX_ENTRIES)] = []

    def layout_files(self) -> list[str]:
        """Every layout file the schedule names, the default first, each once."""
        return list(dict.fromkeys([self.default, *(e.layout for e in self.entries)]))
