"""The agenda from an iCalendar (RFC 5545) feed: upcoming events, recurrences expanded, Europe/Paris.

Parsed with ``icalendar`` and expanded with ``recurring-ical-events`` (RRULE, RDATE, EXDATE and
moved occurrences). Hostile input is expected: the size and the number of components are checked
before any expansion; a rule more frequent than daily-by-hour (SECONDLY, MINUTELY, HOURLY) is not
expanded (an agenda never needs one; it would cost millions of steps); occurrences are taken lazily
and at most ``MAX_OCCURRENCES`` within ``horizon_days``. Texts become one line of plain text, links
must be http(s). Every refusal is a ``FeedRefused``; nothing else escapes.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from media.feeds.budget import BudgetExceeded, time_budget
from media.feeds.news import FeedRefused, plain, safe_link

PARIS = ZoneInfo("Europe/Paris")
MAX_ICAL_BYTES = 2 * 1024 * 1024
MAX_COMPONENTS = 5_000
MAX_OCCURRENCES = 60
EXPANSION_BUDGET_S = 1.0  # CPU time for the recurrences of one document (a real agenda needs milliseconds)
FAST_RULES = ("SECONDLY", "MINUTELY", "HOURLY")


@dataclass(frozen=True, slots=True)
class AgendaEvent:
    uid: str
    title: str
    starts: datetime  # aware, Europe/Paris
    ends: datetime
    all_day: bool
    location: str
    summary: str
    link: str
    recurring: bool


def _calendar(data: bytes) -> icalendar.Calendar:
    if not isinstance(data, bytes | bytearray):
        raise FeedRefused("calendar", f"bytes expected, not {type(data).__name__}")
    if len(data) > MAX_ICAL_BYTES:
        raise FeedRefused("calendar", f"{len(data)} bytes, over the {MAX_ICAL_BYTES}-byte limit: not parsed")
    if bytes(data).count(b"BEGIN:") > MAX_COMPONENTS:
        raise FeedRefused("calendar", f"more than {MAX_COMPONENTS} components")
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise FeedRefused("calendar", "not UTF-8 text (RFC 5545 says UTF-8)") from None
    if not text.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCALENDAR"):
        raise FeedRefused("calendar", "does not start with BEGIN:VCALENDAR")
    try:
        return icalendar.Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - a third-party parser of hostile text: any failure is a refusal
        raise FeedRefused("calendar", f"not readable iCalendar: {type(exc).__name__}: {plain(str(exc), 160)}") from None


def _as_local(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return (value.replace(tzinfo=PARIS) if value.tzinfo is None else value).astimezone(PARIS)
    return datetime.combine(value, time.min, PARIS)


def _event(component: icalendar.cal.Component, recurring_uids: set[str]) -> AgendaEvent | None:
    start = component.get("DTSTART")
    if start is None:
        return None
    begins = start.dt
    ends_value = component.get("DTEND")
    all_day = not isinstance(begins, datetime)
    starts = _as_local(begins)
    ends = _as_local(ends_value.dt) if ends_value is not None else starts + (timedelta(days=1) if all_day else timedelta(0))
    title = plain(str(component.get("SUMMARY", "")), 160)
    if not title:
        return None
    return AgendaEvent(uid=plain(str(component.get("UID", "")), 200), title=title, starts=starts, ends=max(ends, starts), all_day=all_day,
                       location=plain(str(component.get("LOCATION", "")), 160), summary=plain(str(component.get("DESCRIPTION", "")), 400),
                       link=safe_link(str(component.get("URL", ""))), recurring=str(component.get("UID", "")) in recurring_uids)


def _without_fast_rules(calendar: icalendar.Calendar) -> int:
    dropped = 0
    for component in list(calendar.subcomponents):
        found = component.get("RRULE") if component.name == "VEVENT" else None
        rules = found if isinstance(found, list) else [found] if found is not None else []
        freqs = [f for rule in rules if hasattr(rule, "get") for f in rule.get("FREQ", [])]
        if len(rules) > 1 or any(str(f).upper() in FAST_RULES for f in freqs):  # RFC 5545 allows one RRULE
            calendar.subcomponents.remove(component)
            dropped += 1
    return dropped


def parse_agenda(data: bytes, now: datetime, horizon_days: int = 60) -> tuple[list[AgendaEvent], int]:
    """The events that have not ended at ``now`` and start within ``horizon_days``, in order; and how
    many were left out (too frequent, unreadable, beyond the bound)."""
    calendar = _calendar(data)
    skipped = _without_fast_rules(calendar)
    end = now + timedelta(days=horizon_days)
    recurring_uids = {str(c.get("UID", "")) for c in calendar.walk("VEVENT") if "RRULE" in c or "RDATE" in c}
    events: list[AgendaEvent] = []
    try:
        with time_budget(EXPANSION_BUDGET_S):
            occurrences = recurring_ical_events.of(calendar, skip_bad_series=True).between(now.astimezone(PARIS), end.astimezone(PARIS))
    except BudgetExceeded:
        raise FeedRefused("calendar", f"its recurrences take over {EXPANSION_BUDGET_S:g} s to expand (a rule that never or too often "
                                      "occurs): refused") from None
    except Exception as exc:  # noqa: BLE001 - the expansion of hostile rules: any failure is a refusal
        raise FeedRefused("calendar", f"cannot expand its events: {type(exc).__name__}: {plain(str(exc), 160)}") from None
    for component in occurrences:
        try:
            event = _event(component, recurring_uids)
        except (ValueError, TypeError, OverflowError, AttributeError):
            event = None
        if event is None:
            skipped += 1
            continue
        events.append(event)
    events.sort(key=lambda e: (e.starts, e.title))
    skipped += max(0, len(events) - MAX_OCCURRENCES)
    return events[:MAX_OCCURRENCES], skipped
