"""Checks that several item kinds share: sources that stay inside the layout, URLs, time zones.

A URL that validates must be one the runtime can use: ``urlsplit`` must split it (an unclosed IPv6
bracket raises), its port must be a number in range (``.port`` raises), and it must hold no control
character (a NUL cuts the string short in C libraries; an escape sequence repaints a terminal).
"""

import unicodedata
import zoneinfo
from pathlib import PurePosixPath
from urllib.parse import SplitResult, urlsplit

from common.terminal import printable, quoted
from layouts.errors import Problem


def _split(value: str) -> SplitResult | None:
    """The URL's parts, or None when the runtime's libraries could not use it."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError:  # "http://[::1": an unclosed IPv6 bracket
        return None
    return parts


def control_character(value: str) -> str | None:
    """The first control, format or unassigned character in ``value`` (escaped for a message), if any."""
    for ch in value:
        if unicodedata.category(ch).startswith("C"):
            return printable(ch)
    return None


def _control_problem(path: str, value: str) -> list[Problem]:
    bad = control_character(value)
    return [Problem(path, f"must not contain control characters (found {bad} in {quoted(value, 80)})")] if bad else []


def url_problems(path: str, value: str, schemes: tuple[str, ...]) -> list[Problem]:
    """An absolute URL with one of ``schemes``, a host, a valid port, no control characters or spaces."""
    found = _control_problem(path, value)
    if found:
        return found
    parts = _split(value)
    wanted = " or ".join(f"{scheme}://" for scheme in schemes)
    if parts is None:
        return [Problem(path, f"{quoted(value, 80)} is not a valid URL (check the port and the brackets around an IPv6 address)")]
    if parts.scheme.lower() not in schemes:
        return [Problem(path, f"must be a {wanted} URL (found {quoted(value, 80)})")]
    if not parts.hostname:
        return [Problem(path, f"URL {quoted(value, 80)} has no host")]
    if any(ch.isspace() for ch in value):
        return [Problem(path, f"URL {quoted(value, 80)} contains a space (write it %20)")]
    return []


def source_problems(path: str, value: str) -> list[Problem]:
    """An http(s) URL with a host, or a relative file path that stays inside the layout folder."""
    found = _control_problem(path, value)
    if found:
        return found
    parts = _split(value)
    if parts is None:
        return [Problem(path, f"{quoted(value, 80)} is not a valid URL (check the port and the brackets around an IPv6 address)")]
    if parts.scheme in ("http", "https"):
        return url_problems(path, value, ("http", "https"))
    if parts.scheme:
        return [Problem(path, f"must be an http(s) URL or a relative file path, not a {printable(parts.scheme, 40)}: URL")]
    if PurePosixPath(value).is_absolute() or ".." in PurePosixPath(value).parts:
        return [Problem(path, f"file path {quoted(value, 80)} must stay inside the layout folder (no leading / and no ..)")]
    return []


def is_relative_file(value: str) -> bool:
    parts = _split(value)
    return parts is not None and not parts.scheme


def web_url_problems(path: str, value: str) -> list[Problem]:
    found = _control_problem(path, value)
    if found:
        return found
    parts = _split(value)
    if parts is not None and parts.scheme == "local":
        return []
    if parts is None or url_problems(path, value, ("http", "https")):
        return [Problem(path, f"must be an http(s) URL or local:/path (found {quoted(value, 80)})")]
    return []


def zone_problems(path: str, name: str) -> list[Problem]:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return [Problem(path, f"{quoted(name, 80)} is not a known IANA time zone (e.g. Europe/Paris)")]
    return []
