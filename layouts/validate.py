"""Validation that reports every problem at once, each with its JSON path and a plain sentence.

Two passes: the typed model (types, ranges, unknown keys), then rules that span fields (regions
inside the screen, unique ids, transitions shorter than items, known time zones, safe sources).
"""

import zoneinfo
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import SplitResult, urlsplit

from pydantic import ValidationError

from common.terminal import printable, quoted
from layouts.errors import LayoutInvalid, Problem
from layouts.json_input import decode_document, json_value_problems, member_path, read_document
from layouts.migrations import migrate
from layouts.model import ITEM_KINDS, Layout

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024

_PLAIN_MESSAGES = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known field (check the spelling)",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_parsing": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "string_type": "must be text in quotes",
    "bool_type": "must be true or false",
    "list_type": "must be a list [...]",
    "model_type": "must be an object {...}",
    "dict_type": "must be an object {...}",
}


def _json_path(loc: tuple[Any, ...]) -> str:
    path = "$"
    for i, part in enumerate(loc):
        # Discriminated unions add the tag ("image", ...) after the list index; authors never wrote it.
        if isinstance(part, str) and part in ITEM_KINDS and i > 0 and isinstance(loc[i - 1], int):
            continue
        path = f"{path}[{part}]" if isinstance(part, int) else member_path(path, str(part))
    return path


def _shown(value: Any) -> str:
    """An offending input as the message shows it: quoted and escaped, bounded (it may be 2 MB of text)."""
    return quoted(value, 80) if isinstance(value, str) else printable(repr(value), 80)


def _plain_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _PLAIN_MESSAGES:
        return _PLAIN_MESSAGES[kind]
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"kind must be one of: {', '.join(ITEM_KINDS)}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')} (found {_shown(error.get('input'))})"
    if kind == "string_pattern_mismatch":
        if "0-9a-fA-F" in str(ctx.get("pattern", "")):
            return f"must be a colour written #RRGGBB or #AARRGGBB (found {_shown(error.get('input'))})"
        return f"may only use letters, digits, '_', '.' and '-' (found {_shown(error.get('input'))})"
    limits = {
        "greater_than": "must be greater than {gt}",
        "greater_than_equal": "must be at least {ge}",
        "less_than": "must be less than {lt}",
        "less_than_equal": "must be at most {le}",
        "too_short": "must have at least {min_length} entries",
        "too_long": "must have at most {max_length} entries",
        "string_too_short": "must be at least {min_length} characters",
        "string_too_long": "must be at most {max_length} characters",
    }
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind in limits:
        return limits[kind].format(**ctx) + f" (found {_shown(error.get('input'))})"
    return printable(str(error.get("msg", "is not valid")).replace("Input should", "should"))


def _split_url(value: str) -> SplitResult | None:
    """``urlsplit``, or None for what it cannot split ("http://[::1" raises ValueError)."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


def _check_source(path: str, value: str, problems: list[Problem]) -> None:
    parts = _split_url(value)
    if parts is None:
        problems.append(Problem(path, f"{quoted(value)} is not a valid URL (check the brackets around an IPv6 address)"))
    elif parts.scheme in ("http", "https"):
        if not parts.netloc:
            problems.append(Problem(path, f"URL {quoted(value)} has no host"))
    elif parts.scheme:
        problems.append(Problem(path, f"must be an http(s) URL or a relative file path, not a {printable(parts.scheme)}: URL"))
    elif PurePosixPath(value).is_absolute() or ".." in PurePosixPath(value).parts:
        problems.append(Problem(path, f"file path {quoted(value)} must stay inside the layout folder (no leading / and no ..)"))


def _check_zone(path: str, name: str, problems: list[Problem]) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(path, f"{name!r} is not a known IANA time zone (e.g. Europe/Paris)"))


def _check_rules(layout: Layout) -> list[Problem]:
    problems: list[Problem] = []
    screen = layout.screen
    seen_regions: set[str] = set()
    for r_index, region in enumerate(layout.regions):
        rpath = f"$.regions[{r_index}]"
        if region.id in seen_regions:
            problems.append(Problem(f"{rpath}.id", f"region id {region.id!r} is used twice; ids must be unique"))
        seen_regions.add(region.id)
        if region.x + region.width > screen.width or region.y + region.height > screen.height:
            problems.append(Problem(rpath, (
                f"region {region.id!r} ({region.x},{region.y} {region.width}x{region.height}) "
                f"goes past the screen ({screen.width}x{screen.height})")))
        seen_items: set[str] = set()
        for i_index, item in enumerate(region.playlist):
            ipath = f"{rpath}.playlist[{i_index}]"
            if item.id is not None:
                if item.id in seen_items:
                    problems.append(Problem(f"{ipath}.id", f"item id {item.id!r} is used twice in region {region.id!r}"))
                seen_items.add(item.id)
            t = item.transition
            if t.kind == "crossfade" and t.duration_ms > item.duration_s * 1000:
                problems.append(Problem(f"{ipath}.transition.duration_ms", (
                    f"a {t.duration_ms} ms crossfade is longer than the item itself ({item.duration_s:g} s)")))
            if hasattr(item, "src"):
                _check_source(f"{ipath}.src", item.src, problems)
            if item.kind == "web":
                parts = _split_url(item.url)
                if parts is None or parts.scheme not in ("http", "https", "local") or (parts.scheme != "local" and not parts.netloc):
                    problems.append(Problem(f"{ipath}.url", f"must be an http(s) URL or local:/path (found {quoted(item.url)})"))
            if item.kind == "beach_panel":
                _check_zone(f"{ipath}.timezone", item.timezone, problems)
                if item.mqtt_url is not None and item.replay is not None:
                    problems.append(Problem(ipath, "give mqtt_url or replay, not both"))
                if item.mqtt_url is None and item.replay is None and not item.http_sources:
                    problems.append(Problem(ipath, "give a source of live data: mqtt_url, replay or http_sources"))
                if item.mqtt_ca_file is not None:
                    _check_source(f"{ipath}.mqtt_ca_file", item.mqtt_ca_file, problems)
                if item.replay is not None and not item.replay.startswith("builtin:"):
                    _check_source(f"{ipath}.replay", item.replay, problems)
                for s_index, source in enumerate(item.http_sources):
                    if (source.kind == "flag") != (source.quantity is None):
                        problems.append(Problem(f"{ipath}.http_sources[{s_index}].quantity",
                                                "needed for every kind but flag, and not allowed for flag"))
                for d_index, device in enumerate(item.devices):
                    for f_index, rule in enumerate(device.fields):
                        if rule.quantity.startswith("parking_free") and (rule.minimum is None or rule.minimum < 0
                                                                         or rule.maximum is None or rule.maximum > item.parking_total):
                            problems.append(Problem(f"{ipath}.devices[{d_index}].fields[{f_index}]",
                                                    f"a count of free spaces needs minimum >= 0 and maximum <= parking_total ({item.parking_total})"))
                    if device.dev_eui is None and not device.tags:
                        problems.append(Problem(f"{ipath}.devices[{d_index}]", "give a dev_eui or tags to say which devices this is"))
            if item.kind == "clock" and item.timezone is not None:
                _check_zone(f"{ipath}.timezone", item.timezone, problems)
    return problems


def collect_problems(doc: Any) -> tuple[Layout | None, list[Problem]]:
    """Validate a decoded JSON document; return the layout (when valid) and every problem found."""
    if not isinstance(doc, dict):
        return None, [Problem("$", "a layout must be a JSON object {...}")]
    problems = json_value_problems(doc)
    if problems:
        return None, problems
    migrated, problems = migrate(doc)
    if problems:
        return None, problems
    try:
        layout = Layout.model_validate(migrated)
    except ValidationError as exc:
        return None, [Problem(_json_path(e["loc"]), _plain_message(e)) for e in exc.errors()]
    problems = _check_rules(layout)
    return (None if problems else layout), problems


def parse_layout(text: str | bytes, source: str = "layout") -> Layout:
    """Decode and validate; raise LayoutInvalid with every problem, or LayoutTooNew. Nothing else escapes."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise LayoutInvalid([Problem("$", f"the document is {len(text)} bytes; the limit is {MAX_DOCUMENT_BYTES}")], source)
    doc = decode_document(text, source)
    try:
        layout, problems = collect_problems(doc)
    except (RecursionError, ValueError, OverflowError, TypeError) as exc:
        # Every known cause is checked above; should one slip through, the document is refused, not the caller.
        raise LayoutInvalid([Problem("$", f"the document could not be checked: {printable(exc)}")], source) from None
    if layout is None:
        raise LayoutInvalid(problems, source)
    return layout


def load_layout_file(path: Path) -> Layout:
    """Read and validate a layout file; a missing, unreadable, special or oversized file is a LayoutInvalid too."""
    return parse_layout(read_document(path, MAX_DOCUMENT_BYTES), str(path))
