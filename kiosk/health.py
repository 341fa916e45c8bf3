"""ok or degraded, and why: judged from the measured status figures (kioskctl adds "unreachable").

Each rule names a figure and a bound; a screen is degraded while any rule holds. Pure: the status
document in, ``{"state", "reasons"}`` out.
"""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

MIN_FREE_DISK_PERCENT = 5.0
RSS_GROWTH_KIB_PER_MIN = 2048.0  # sustained over RSS_TREND_MIN_SPAN_S: a leak, not a page load
RSS_TREND_MIN_SPAN_S = 300
RECENT_ERROR = timedelta(minutes=10)
STALE_VALUE_S = 3600.0


def _recent_error(last_errors: list[str], now: datetime) -> str | None:

    for line in reversed(last_errors[-10:]):
        try:
            entry = json.loads(line)
            at = datetime.fromisoformat(entry["ts"])
        except (ValueError, KeyError, TypeError):
            continue
        if now - at <= RECENT_ERROR:
            return str(entry.get("event", "error"))[:60]
    return None


def health(doc: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    reasons = []
    if not doc.get("layout"):
        reasons.append("no layout on screen")
    if doc.get("unavailable_items"):
        reasons.append(f"{len(doc['unavailable_items'])} item(s) could not be had")
    disk = doc.get("disk_free_percent")
    if isinstance(disk, float | int) and disk < MIN_FREE_DISK_PERCENT:
        reasons.append(f"disk {disk:.1f} % free")
    trend, span = doc.get("rss_trend_kib_per_min"), doc.get("rss_trend_span_s") or 0
    if isinstance(trend, float | int) and span >= RSS_TREND_MIN_SPAN_S and trend > RSS_GROWTH_KIB_PER_MIN:
        reasons.append(f"memory growing {trend:.0f} KiB/min")
    for key, feed in (doc.get("feeds") or {}).items():
        if feed.get("connected") is False:
            reasons.append(f"feed {key} disconnected")
    oldest = doc.get("oldest_live_value_age_s")
    if isinstance(oldest, float | int) and oldest > STALE_VALUE_S:
        reasons.append(f"a live value is {oldest / 60:.0f} min old")
    if doc.get("clock_suspect") is True:
        reasons.append("clock before the build date: the schedule is not followed")
    if isinstance(doc.get("journal_dropped"), int) and doc["journal_dropped"] > 0:
        reasons.append(f"{doc['journal_dropped']} journal record(s) lost")
    if (error := _recent_error(doc.get("last_errors") or [], now)) is not None:
        reasons.append(f"error in the last 10 min: {error}")
    return {"state": "degraded" if reasons else "ok", "reasons": reasons}
