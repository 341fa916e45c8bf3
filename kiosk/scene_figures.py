"""What the GUI thread adds to the status snapshot beyond the layout: the items that could not be
had (and why), and each live feed's state with the age of every value it holds.

Read on the GUI thread once a second (a few lookups per item); everything outside is escaped and
bounded before it leaves.
"""

import math
from datetime import UTC, datetime
from typing import Any

from common.terminal import printable
from layouts.model import item_id

MAX_LISTED = 50


def unavailable_items(scene: Any) -> list[dict[str, Any]]:
    """Items whose resolution failed (missing file, download refused...), at most ``MAX_LISTED``."""
    found: list[dict[str, Any]] = []
    if scene is None:
        return found
    for region_index, region in enumerate(scene.layout.regions):
        for index in range(len(region.playlist)):
            result = scene.resolution(region_index, index)
            if result is not None and result.error:
                found.append({"region": printable(region.id, 64), "item": printable(item_id(region, index), 64),
                              "reason": printable(result.error, 200), "permanent": bool(result.permanent)})
                if len(found) >= MAX_LISTED:
                    return found
    return found


def _age_s(at: object, now: datetime) -> float | None:
    if not isinstance(at, datetime) or at.tzinfo is None:
        return None
    age = (now - at).total_seconds()
    return round(age, 1) if math.isfinite(age) else None


def feed_states(live: Any, now: datetime | None = None) -> dict[str, dict[str, Any]]:
    """Per live source: connected (None: not a connected feed), and per value its age in seconds."""
    now = now or datetime.now(UTC)
    states: dict[str, dict[str, Any]] = {}
    for key, shown in list(live.status().items())[:MAX_LISTED]:
        adapter = live.source(key)
        values = getattr(getattr(adapter, "state", None), "values", None)
        ages = {printable(q, 64): _age_s(entry[1], now) for q, entry in values.items()
                if isinstance(entry, tuple) and len(entry) == 2} if isinstance(values, dict) else {}
        connected = getattr(adapter, "connected", None)
        states[printable(key, 120)] = {"connected": connected if isinstance(connected, bool) else None,
                                       "age_s": dict(list(ages.items())[:MAX_LISTED]),
                                       "shown": {printable(k, 64): printable(v, 64) for k, v in list(shown.items())[:MAX_LISTED]}}
    return states


def oldest_value_age_s(feeds: dict[str, dict[str, Any]]) -> float | None:
    ages = [age for feed in feeds.values() for age in feed.get("age_s", {}).values() if isinstance(age, float | int)]
    return max(ages) if ages else None
