"""Times from outside: the one parser every feed uses, and the window a time must fall in.

``parse_time`` reads RFC 3339 (the ISO 8601 profile every format here uses: ChirpStack with
nanoseconds, The Things Stack with ``Z``, Opendatasoft and SensorThings with an offset), or epoch
seconds where a format allows them. Nothing but ASCII digits in a fixed shape is read, years are
bounded to 2000-2099 (a year-1 or year-9999 time with an offset overflows ``astimezone``), and the
result is always aware and in UTC. The only exception that escapes is ``PayloadRejected("bad-time")``.

``TimeWindow`` bounds a parsed time against the moment the message arrived. A value timed in
2999 would otherwise become the "newest" forever and every later real value would be refused as
out of order. The window (documented choice): at most 5 minutes ahead of the receive time (gateway
and server clocks drift; ``signs.beach.model.freshness`` uses the same 5 minutes) and at most
24 hours behind it (older data says nothing about now; within a day, an old value is still shown
as "indisponible (dernière donnée HH:MM)", which is true).
"""

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from media.feeds.readings import PayloadRejected

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)  # exclusive
MAX_TIME_CHARS = 64

_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))",
    re.ASCII)


def _bad(where: str, value: Any, why: str) -> PayloadRejected:
    shown = repr(value)[:80]
    return PayloadRejected("bad-time", f"{where} {shown} {why}")


def _bounded(at: datetime, where: str, value: Any) -> datetime:
    if not EARLIEST <= at < LATEST:
        raise _bad(where, value, f"is outside {EARLIEST.year}-{LATEST.year - 1}")
    return at


def _from_epoch(value: int | float, where: str) -> datetime:
    if isinstance(value, float) and not math.isfinite(value):
        raise _bad(where, value, "is not a finite number of seconds")
    if not EARLIEST.timestamp() <= value < LATEST.timestamp():  # int comparison: no overflow for huge ints
        raise _bad(where, value, f"is not epoch seconds between {EARLIEST.year} and {LATEST.year - 1}")
    return datetime.fromtimestamp(value, UTC)


def parse_time(value: Any, where: str, *, epoch_seconds: bool = False) -> datetime:
    """An aware UTC datetime from an RFC 3339 string with an offset (or epoch seconds when allowed)."""
    if epoch_seconds and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(value, where)
    if not isinstance(value, str):
        raise _bad(where, value, "is missing or not a string")
    if len(value) > MAX_TIME_CHARS:
        raise _bad(where, value, f"is longer than {MAX_TIME_CHARS} characters")
    match = _RFC3339.fullmatch(value.strip())
    if match is None:
        raise _bad(where, value, "is not an RFC 3339 time with an offset (2026-07-14T13:02:10Z)")
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    micro = int(((match.group(7) or "") + "000000")[:6])  # Python keeps microseconds; ChirpStack sends nanoseconds
    offset_min = 0
    if match.group(8) is None:
        off_h, off_m = int(match.group(10)), int(match.group(11))
        if off_h > 23 or off_m > 59:
            raise _bad(where, value, "has an impossible offset")
        offset_min = (off_h * 60 + off_m) * (-1 if match.group(9) == "-" else 1)
    second = min(second, 59)  # a leap second (23:59:60) is read as the second before it
    try:
        local = datetime(year, month, day, hour, minute, second, micro, tzinfo=timezone(timedelta(minutes=offset_min)))
        at = local.astimezone(UTC)  # OverflowError for year 1 with a positive offset, year 9999 with a negative one
    except (ValueError, OverflowError):
        raise _bad(where, value, "is not a real date and time") from None
    return _bounded(at, where, value)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """How far a value's own time may be from the moment it arrived."""

    ahead: timedelta = timedelta(minutes=5)
    age: timedelta = timedelta(hours=24)

    def check(self, at: datetime, received_at: datetime, where: str) -> None:
        """PayloadRejected("from-the-future" or "too-old") when ``at`` is outside the window around ``received_at``."""
        if at - received_at > self.ahead:
            raise PayloadRejected("from-the-future", f"{where} {at.isoformat()} is more than {self.ahead} after it "
                                                     f"arrived ({received_at.isoformat()}): a clock is wrong")
        if received_at - at > self.age:
            raise PayloadRejected("too-old", f"{where} {at.isoformat()} is more than {self.age} before it arrived "
                                             f"({received_at.isoformat()})")


FEED_WINDOW = TimeWindow()
