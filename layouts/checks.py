"""Checks that several item kinds share: sources that stay inside the layout, URLs, time zones."""

import zoneinfo
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from layouts.errors import Problem


def _split(value: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[::1": an unclosed IPv6 bracket
        return None
    return parts.scheme, parts.netloc


def source_problems(path: str, value: str) -> list[Problem]:
    """An http(s) URL with a host, or a relative file path that stays inside the layout folder."""
    split = _split(value)
    if split is None:
        return [Problem(path, f"{value!r} is not a valid URL")]
    scheme, netloc = split
    if scheme in ("http", "https"):
        return [] if netloc else [Problem(path, f"URL {value!r} has no host")]
    if scheme:
        return [Problem(path, f"must be an http(s) URL or a relative file path, not a {scheme}: URL")]
    if PurePosixPath(value).is_absolute() or ".." in PurePosixPath(value).parts:
        return [Problem(path, f"file path {value!r} must stay inside the layout folder (no leading / and no ..)")]
    return []


def is_relative_file(value: str) -> bool:
    split = _split(value)
    return split is not None and not split[0]


def web_url_problems(path: str, value: str) -> list[Problem]:
    split = _split(value)
    if split is None or split[0] not in ("http", "https", "local") or (split[0] != "local" and not split[1]):
        return [Problem(path, f"must be an http(s) URL or local:/path (found {value!r})")]
    return []


def zone_problems(path: str, name: str) -> list[Problem]:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return [Problem(path, f"{name!r} is not a known IANA time zone (e.g. Europe/Paris)")]
    return []
