"""What a screen shows when: pure functions of a schedule, its overrides and an injected ``now``.

- ``active_at(schedule, now, overrides)``: the ``Choice`` on screen at ``now``;
- ``next_change_after(schedule, now, overrides)``: the exact instant the choice next changes (None:
  never), so the runtime sets one timer and never polls;
- ``timeline(schedule, start, end, overrides)``: the segments shown between two instants (what
  ``kioskctl schedule`` lists).

Who wins: an unexpired override (the newest pushed, when several) above every entry; then the
running entry of highest priority (ties are refused by the validator; should one reach here, the
entry listed first wins, so the answer is still unique); then the default layout. An override
runs from when it was pushed until its ``until`` instant (UTC), excluded.

Local times follow the rules of ``schedule_time`` (skipped hour: the jump instant; repeated hour:
the first occurrence). Every instant is aware UTC; a naive one is refused with ValueError. Instants
outside the years the schedule can name (2000-2099) see only the default and overrides.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from layouts.schedule_model import FIRST_DATE, LAST_DATE, Schedule
from layouts.schedule_time import ONE_DAY, windows

DEFAULT_SOURCE = "default"
LOOKAHEAD_DAYS = 29 * 366  # every weekday of every day of the year (29 February included) comes back within 28 years
CHUNK_DAYS = 8


@dataclass(frozen=True, slots=True)
class Override:
    """A layout an administrator pushed to show until ``until`` (aware UTC), above every schedule entry."""

    layout: str  # a name the caller resolves (the store uses the override's own key)
    pushed_at: datetime
    until: datetime


@dataclass(frozen=True, slots=True)
class Choice:
    layout: str  # the layout file (or the override's layout key) to show
    source: str  # "default", the entry id, or "override"
    priority: int  # 0 default, the entry's priority, OVERRIDE_PRIORITY for an override


@dataclass(frozen=True, slots=True)
class Segment:
    start: datetime
    end: datetime
    choice: Choice


OVERRIDE_PRIORITY = 10_000


def _utc(instant: datetime, name: str) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (UTC), not a naive one")
    return instant.astimezone(UTC)


def _default(schedule: Schedule) -> Choice:
    return Choice(schedule.default, DEFAULT_SOURCE, 0)


def _override_at(overrides: tuple[Override, ...] | list[Override], now: datetime) -> Choice | None:
    running = [o for o in overrides if o.pushed_at <= now < o.until]
    if not running:
        return None
    newest = max(running, key=lambda o: o.pushed_at)  # the first of equals, as ``_winner``
    return Choice(newest.layout, "override", OVERRIDE_PRIORITY)


def _safe_day_range(first: date, last: date) -> tuple[date, date] | None:
    """Days clipped to what a schedule can name; None when nothing is left."""
    first, last = max(first, FIRST_DATE - ONE_DAY), min(last, LAST_DATE)
    return (first, last) if first <= last else None


def _zone_days(schedule: Schedule, start: datetime, end: datetime) -> tuple[ZoneInfo, tuple[date, date] | None]:
    zone = ZoneInfo(schedule.time_zone)
    try:
        first = start.astimezone(zone).date() - ONE_DAY  # a window of the day before may still run
        last = end.astimezone(zone).date()
    except OverflowError:
        return zone, None
    return zone, _safe_day_range(first, last)


def active_at(schedule: Schedule, now: datetime, overrides: tuple[Override, ...] | list[Override] = ()) -> Choice:
    """What the screen shows at ``now``."""
    now = _utc(now, "now")
    found = _override_at(overrides, now)
    if found is not None:
        return found
    zone, days = _zone_days(schedule, now, now)
    best = _default(schedule)
    if days is None:
        return best
    for entry in schedule.entries:
        if entry.priority > best.priority and any(s <= now < e for s, e in windows(entry, zone, *days)):
            best = Choice(entry.layout, entry.id, entry.priority)
    return best


def timeline(schedule: Schedule, start: datetime, end: datetime,
             overrides: tuple[Override, ...] | list[Override] = ()) -> list[Segment]:
    """The segments shown over [start, end), adjacent segments of the same choice merged."""
    start, end = _utc(start, "start"), _utc(end, "end")
    if end <= start:
        return []
    zone, days = _zone_days(schedule, start, end)
    spans = []  # (start, end, choice) of everything that can win somewhere in [start, end)
    if days is not None:
        for entry in schedule.entries:
            choice = Choice(entry.layout, entry.id, entry.priority)
            spans.extend((s, e, choice) for s, e in windows(entry, zone, *days) if e > start and s < end)
    for override in overrides:
        spans.append((override.pushed_at, override.until, Choice(override.layout, "override", OVERRIDE_PRIORITY)))
    cuts = sorted({start, end, *(t for s, e, _ in spans for t in (s, e) if start < t < end)})
    segments: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        choice = _winner(schedule, spans, left)
        if segments and segments[-1].choice == choice:
            segments[-1] = Segment(segments[-1].start, right, choice)
        else:
            segments.append(Segment(left, right, choice))
    return segments


def _winner(schedule: Schedule, spans: list[tuple[datetime, datetime, Choice]], at: datetime) -> Choice:
    """The same rule as ``active_at``, over precomputed spans (newest override, highest priority, first listed)."""
    best, best_override_at = _default(schedule), None
    for s, e, choice in spans:
        if not s <= at < e:
            continue
        if choice.source == "override":
            if best_override_at is None or s > best_override_at:
                best, best_override_at = choice, s
        elif best_override_at is None and choice.priority > best.priority:
            best = choice
    return best


def next_change_after(schedule: Schedule, now: datetime, overrides: tuple[Override, ...] | list[Override] = (),
                      within_days: int = LOOKAHEAD_DAYS) -> datetime | None:
    """The first instant after ``now`` at which ``active_at`` answers differently; None when it never will
    (or not within ``within_days``: the runtime looks a week ahead, to stay quick on the GUI thread)."""
    now = _utc(now, "now")
    last_useful = max([datetime.combine(LAST_DATE + ONE_DAY * 2, datetime.min.time(), UTC),
                       *(o.until for o in overrides)])
    current = active_at(schedule, now, overrides)
    start = now
    earliest = datetime.combine(FIRST_DATE - ONE_DAY * 2, datetime.min.time(), UTC)
    if now < earliest:  # a clock in 1970: only overrides can change before the schedule's first day
        for segment in timeline(schedule, now, earliest, overrides):
            if segment.choice != current and segment.start > now:
                return segment.start
        start = earliest
    limit = min(_later(start, within_days), last_useful)
    while start < limit:
        end = min(_later(start, CHUNK_DAYS), limit)
        for segment in timeline(schedule, start, end, overrides):
            if segment.choice != current and segment.start > now:
                return segment.start
        if not _can_change_after(schedule, end, overrides):
            return None
        start = end
    return None


def _later(instant: datetime, days: int) -> datetime:
    """``instant`` + ``days``, or the last representable instant (a year-9999 clock must not raise)."""
    try:
        return instant + timedelta(days=days)
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC)


def _can_change_after(schedule: Schedule, instant: datetime, overrides: tuple[Override, ...] | list[Override]) -> bool:
    """Whether any window or override can still begin or end after ``instant`` (else the search stops)."""
    if any(o.until > instant for o in overrides):
        return True
    try:
        day = instant.astimezone(ZoneInfo(schedule.time_zone)).date() - ONE_DAY
    except OverflowError:
        return False
    return any(entry.day_bounds()[1] >= day for entry in schedule.entries)
