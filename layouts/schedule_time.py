"""Local wall times of a schedule as UTC instants, with one rule for each daylight-saving change.

- **A wall time that does not exist** (Europe/Paris, last Sunday of March: 02:00-03:00 is skipped)
  is the instant the clocks jump, 03:00 local: a window from 02:30 starts at 03:00, a window until
  02:30 ends at 03:00, and a window from 02:10 to 02:40 that day is empty.
- **A wall time that happens twice** (last Sunday of October: 02:00-03:00 runs twice) is its
  *first* occurrence. So during the repeated hour nothing starts or ends: a window until 02:30 ends
  at the first 02:30; a window from 02:30 starts at the first 02:30 and is still on during the
  second pass. Said otherwise, the second pass of 02:xx behaves as "just before 03:00".

Every instant is a timezone-aware ``datetime`` in UTC; a day's windows are computed from its local
date, so the rules hold for any IANA zone (``zoneinfo``), not only Paris.
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from layouts.schedule_model import Entry

ONE_DAY = timedelta(days=1)


def wall_to_utc(day: date, minute: int, zone: tzinfo) -> datetime:
    """The instant local ``day`` at ``minute`` (0-2880, may run into the next days) starts, by the rules above."""
    day, minute = day + timedelta(days=minute // 1440), minute % 1440
    wall = datetime.combine(day, time(minute // 60, minute % 60))
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)  # fold=0: the first of two occurrences
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    return _jump_instant(wall, zone)


def _jump_instant(wall: datetime, zone: tzinfo) -> datetime:
    """``wall`` fell in a gap: the instant the clocks jumped over it (the first local time after the gap)."""
    later = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)  # the offset before the jump: past the gap
    earlier = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)  # the offset after it: before the gap
    low, high = min(earlier, later), max(earlier, later)
    offset_after = high.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):  # the jump is a step of the offset: at most a few hours to halve
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == offset_after:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def local_day(instant: datetime, zone: tzinfo) -> date:
    return instant.astimezone(zone).date()


def windows(entry: Entry, zone: tzinfo, first_day: date, last_day: date) -> list[tuple[datetime, datetime]]:
    """The [start, end) instants of every window of ``entry`` starting on a local day in [first_day, last_day]."""
    bound_first, bound_last = entry.day_bounds()
    day, last = max(first_day, bound_first), min(last_day, bound_last)
    found = []
    start_minute, end_minute = entry.start_minute(), entry.end_minute()
    while day <= last:
        if entry.runs_on(day):
            start, end = wall_to_utc(day, start_minute, zone), wall_to_utc(day, end_minute, zone)
            if start < end:  # a window inside a skipped hour is empty
                found.append((start, end))
        day += ONE_DAY
    return found
