"""A screen's status as people read it: one fleet-table row, or detail lines. Every value comes from
the screen and is printed escaped and cut to its column; durations as ``3d04h``, ``2h05m``, ``42s``."""

import json
import math
from datetime import UTC, datetime
from typing import Any

from common.terminal import printable
from provisioning.fleet import ScreenReport

COLUMNS = (("NAME", 16), ("ROLE", 10), ("LAYOUT", 18), ("SINCE", 7), ("HEALTH", 12), ("LAST ERROR", 34),
           ("VERSION", 8), ("UPTIME", 7), ("OLDEST", 7))


def duration(seconds: object) -> str:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds) or seconds < 0:
        return "-"
    s = int(seconds)
    if s < 60:
        return f"{seconds:.0f}s" if seconds >= 1 or seconds == 0 else f"{seconds:.1f}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    if s < 86400:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    return f"{min(s // 86400, 99999)}d{s % 86400 // 3600:02d}h"


def _age_of(iso: object, now: datetime) -> str:
    try:
        return duration((now - datetime.fromisoformat(str(iso))).total_seconds())
    except (ValueError, TypeError, OverflowError):
        return "-"


def last_error(status: dict[str, Any], now: datetime) -> str:
    lines = status.get("last_errors")
    if not isinstance(lines, list) or not lines:
        return "-"
    try:
        entry = json.loads(str(lines[-1]))
    except ValueError:
        return printable(lines[-1], 60)
    if not isinstance(entry, dict):
        return "-"
    what = entry.get("event", "error") if entry.get("event") not in (None, "log") else entry.get("msg", "error")
    return f"{_age_of(entry.get('ts'), now)} ago {printable(what, 60)}"


def _cells(report: ScreenReport, now: datetime) -> list[str]:
    status = report.status
    if status is None:
        return [report.name, "-", "-", "-", report.health, report.error, "-", "-", "-"]
    return [report.name, str(status.get("role") or "-"), str(status.get("layout") or "-"),
            _age_of(status.get("layout_since"), now), report.health, last_error(status, now),
            str(status.get("software_version") or "-"), duration(status.get("uptime_s")),
            duration(status.get("oldest_live_value_age_s"))]


def fleet_header() -> str:
    return " ".join(f"{title:<{width}}" for title, width in COLUMNS).rstrip()


def fleet_row(report: ScreenReport, now: datetime | None = None) -> str:
    cells = _cells(report, now or datetime.now(UTC))
    shown = []
    for (_title, width), cell in zip(COLUMNS, cells, strict=True):
        text = printable(cell, 500)
        shown.append(f"{text if len(text) <= width else text[:width - 1] + '…':<{width}}")
    return " ".join(shown).rstrip()


def _figure(status: dict[str, Any], key: str, unit: str = "") -> str:
    value = status.get(key)
    return "-" if value is None else f"{printable(value, 60)}{unit}"


def detail_lines(status: dict[str, Any]) -> list[str]:
    now = datetime.now(UTC)
    frames = status.get("frames") if isinstance(status.get("frames"), dict) else {}
    health = status.get("health") if isinstance(status.get("health"), dict) else {}
    rows = [("name", _figure(status, "device_name")), ("role", _figure(status, "role")),
            ("version", _figure(status, "software_version")), ("layout", _figure(status, "layout")),
            ("on screen since", _age_of(status.get("layout_since"), now)),
            ("health", _health_text(health)),
            ("uptime", duration(status.get("uptime_s"))), ("restarts since boot", _figure(status, "restarts_since_boot")),
            ("frames", f"{_figure(frames, 'fps_1min')} fps, {_figure(frames, 'dropped_frames_1min')} dropped (last minute), "
                       f"last {_figure(frames, 'last_frame_age_s', ' s')} ago"),
            ("memory", f"{_figure(status, 'memory_rss_kib', ' KiB')} RSS, trend {_figure(status, 'rss_trend_kib_per_min', ' KiB/min')}"),
            ("disk", f"cache {_figure(status, 'cache_used_mib', ' MiB')}, {_figure(status, 'disk_free_mib', ' MiB')} free "
                     f"({_figure(status, 'disk_free_percent', ' %')})"),
            ("oldest live value", duration(status.get("oldest_live_value_age_s"))),
            ("last error", last_error(status, now)), ("crashes", _figure(status, "crash_count"))]
    lines = [f"{key:<20} {value}" for key, value in rows]
    on_screen = status.get("on_screen")
    for region, item in (on_screen.items() if isinstance(on_screen, dict) else ()):
        lines.append(f"{'on screen':<20} {printable(region)}: {printable(item)}")
    lines += _feed_lines(status.get("feeds"))
    unavailable = status.get("unavailable_items")
    for item in (unavailable[:20] if isinstance(unavailable, list) else ()):
        if isinstance(item, dict):
            lines.append(f"{'not available':<20} {printable(item.get('region'))}/{printable(item.get('item'))}: "
                         f"{printable(item.get('reason'), 200)}")
    return lines


def _feed_lines(feeds: object) -> list[str]:
    """Per live source: connected or not, and each value's age."""
    lines: list[str] = []
    for key, feed in (list(feeds.items())[:20] if isinstance(feeds, dict) else ()):
        if not isinstance(feed, dict):
            continue
        state = {True: "connected", False: "DISCONNECTED"}.get(feed.get("connected"), "")
        ages = feed.get("age_s") if isinstance(feed.get("age_s"), dict) else {}
        values = ", ".join(f"{printable(q, 40)} {duration(a)}" for q, a in list(ages.items())[:20]) or "no value yet"
        lines.append(f"{'feed':<20} {printable(key, 80)}{' ' + state if state else ''}: {values}")
    return lines


def _health_text(health: dict[str, Any]) -> str:
    reasons = health.get("reasons") if isinstance(health.get("reasons"), list) else []
    return printable(health.get("state", "-")) + (": " + "; ".join(printable(r, 100) for r in reasons[:10]) if reasons else "")
