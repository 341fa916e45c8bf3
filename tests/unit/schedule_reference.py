"""A second, deliberately naive reading of a schedule, to check ``layouts.schedule`` against.

It never converts a local time to UTC: for each minute it asks what the local clock reads and
compares wall times, written from the documented rules only (on the raw JSON, not the model):

- a window runs on its start day D from ``from`` to ``until`` (on D + 1 when ``until`` <= ``from``);
- spring gap: the clock reads 03:00 right after 01:59, so comparing wall times already gives the
  "jump instant" rule;
- autumn repeat: boundaries are the first occurrence, so during the second pass of 02:xx the clock
  is read as "just before 03:00" (179.5 minutes);
- overrides first (newest pushed wins), then the highest priority (first listed on equals), then the default.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _minutes(text: str) -> int:
    return int(text[:2]) * 60 + int(text[3:])


def _runs_on(entry: dict, day: date) -> bool:
    if "weekdays" in entry and NAMES[day.weekday()] not in entry["weekdays"]:
        return False
    if "dates" in entry and day.isoformat() not in entry["dates"]:
        return False
    if "date_range" in entry:
        if not entry["date_range"]["from"] <= day.isoformat() <= entry["date_range"]["until"]:
            return False
    if "season" in entry:
        today, first, last = day.strftime("%m-%d"), entry["season"]["from"], entry["season"]["until"]
        inside = first <= today <= last if first <= last else (today >= first or today <= last)
        if not inside:
            return False
    return True


class Reference:
    def __init__(self, doc: dict, overrides: list[tuple[str, datetime, datetime]] = ()) -> None:
        self.doc, self.zone = doc, ZoneInfo(doc.get("time_zone", "Europe/Paris"))
        self.overrides = list(overrides)  # (layout, pushed_at, until)
        self._days: dict[date, list[int]] = {}
        self._cache: dict[date, list[tuple]] = {}

    def _running(self, day: date) -> list[int]:
        if day not in self._days:
            self._days[day] = [i for i, e in enumerate(self.doc.get("entries", [])) if _runs_on(e, day)]
        return self._days[day]

    def _candidates(self, day: date) -> list[tuple]:
        """The entries with a window starting on ``day`` or the day before (computed once per day)."""
        if day not in self._cache:
            today, yesterday = self._running(day), self._running(day - timedelta(days=1))
            entries = self.doc.get("entries", [])
            self._cache[day] = [(entries[i]["id"], entries[i]["priority"], _minutes(entries[i].get("from", "00:00")),
                                 _minutes(entries[i].get("until", "24:00")), i in today, i in yesterday)
                                for i in sorted(set(today) | set(yesterday))]
        return self._cache[day]

    def at(self, instant: datetime) -> str:
        """The source ("default", an entry id, "override:<layout>") shown at ``instant``."""
        live = [o for o in self.overrides if o[1] <= instant < o[2]]
        if live:
            return "override:" + max(live, key=lambda o: o[1])[0]
        local = instant.astimezone(self.zone)
        clock = local.hour * 60 + local.minute
        if local.fold == 1:
            assert local.hour == 2, local  # Paris repeats 02:00-03:00 only
            clock = 179.5
        best, best_priority = "default", 0
        for entry_id, priority, start, end, today, yesterday in self._candidates(local.date()):
            crosses = end <= start
            running_today = today and clock >= start and (crosses or clock < end)
            running_since_yesterday = yesterday and crosses and clock < end
            if (running_today or running_since_yesterday) and priority > best_priority:
                best, best_priority = entry_id, priority
        return best


def minutes_of(start: datetime, end: datetime):
    t = start
    while t < end:
        yield t
        t += timedelta(minutes=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)
