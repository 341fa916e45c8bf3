"""Reading one CAP element's value: bounded text, enumerations, times and coordinates.

Every failure is a ``CapRefused`` naming the element path; nothing else escapes. Numbers are read
through a strict pattern first, so a 5,000-digit "latitude" or "NaN" never reaches ``float``.
"""

import re
from datetime import datetime
from xml.etree.ElementTree import Element

from media.feeds.cap_model import CapRefused

NS = "urn:oasis:names:tc:emergency:cap:1.2"
TEXT_LIMITS = {  # characters; generous for real messages, bounded for hostile ones
    "identifier": 200, "sender": 200, "source": 200, "event": 300, "headline": 400, "description": 8000,
    "instruction": 4000, "senderName": 300, "web": 1000, "areaDesc": 1000, "language": 35, "valueName": 100,
    "value": 200, "note": 2000, "references": 64 * 450,
}
DEFAULT_TEXT_LIMIT = 200
MIN_YEAR, MAX_YEAR = 2000, 2199  # a year-9999 date would overflow the first time it is added to
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2}|Z)")
_NUMBER = re.compile(r"-?\d{1,5}(\.\d{1,15})?")
_IDENT_FORBIDDEN = re.compile(r"[\s,<&]")


def tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def children(parent: Element, name: str, path: str, limit: int) -> list[Element]:
    found = parent.findall(tag(name))
    if len(found) > limit:
        raise CapRefused(f"{path}/{name}", f"{len(found)} elements, at most {limit} are taken")
    return found


def text(parent: Element, name: str, path: str, required: bool = False) -> str:
    """The text of the single child ``name`` (stripped), "" when absent and not required."""
    found = parent.findall(tag(name))
    where = f"{path}/{name}"
    if len(found) > 1:
        raise CapRefused(where, f"appears {len(found)} times, once is allowed")
    if not found:
        if required:
            raise CapRefused(where, "missing (required by CAP 1.2)")
        return ""
    return bounded(found[0].text or "", name, where, required)


def bounded(value: str, name: str, where: str, required: bool = False) -> str:
    value = value.strip()
    limit = TEXT_LIMITS.get(name, DEFAULT_TEXT_LIMIT)
    if len(value) > limit:
        raise CapRefused(where, f"{len(value)} characters, at most {limit}")
    if required and not value:
        raise CapRefused(where, "empty (required by CAP 1.2)")
    return value


def identifier(parent: Element, name: str, path: str) -> str:
    value = text(parent, name, path, required=True)
    if _IDENT_FORBIDDEN.search(value):
        raise CapRefused(f"{path}/{name}", "holds a space, a comma, '<' or '&' (forbidden by CAP 1.2)")
    return value


def choice(parent: Element, name: str, path: str, allowed: tuple[str, ...], required: bool = True) -> str:
    value = text(parent, name, path, required)
    if value and value not in allowed:
        raise CapRefused(f"{path}/{name}", f"{value[:40]!r} is not one of {', '.join(allowed)}")
    return value


def parse_time(value: str, where: str) -> datetime:
    """A CAP dateTime with its offset ("2026-07-14T15:05:00+02:00"; "Z" is taken too), aware."""
    if len(value) > 40 or not _TIME.fullmatch(value):
        raise CapRefused(where, f"{value[:40]!r} is not a date-time with its offset (2026-07-14T15:05:00+02:00)")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CapRefused(where, f"{value!r} is not a real date-time: {exc}") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise CapRefused(where, f"year {parsed.year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return parsed


def optional_time(parent: Element, name: str, path: str) -> datetime | None:
    value = text(parent, name, path)
    return parse_time(value, f"{path}/{name}") if value else None


def number(token: str, where: str, low: float, high: float) -> float:
    if not _NUMBER.fullmatch(token):
        raise CapRefused(where, f"{token[:30]!r} is not a decimal number")
    value = float(token)
    if not low <= value <= high:
        raise CapRefused(where, f"{value:g} is outside {low:g}..{high:g}")
    return value


def point(token: str, where: str) -> tuple[float, float]:
    """"lat,lon" in WGS 84 degrees."""
    lat, sep, lon = token.partition(",")
    if not sep:
        raise CapRefused(where, f"{token[:40]!r} is not 'latitude,longitude'")
    return number(lat, where, -90.0, 90.0), number(lon, where, -180.0, 180.0)
