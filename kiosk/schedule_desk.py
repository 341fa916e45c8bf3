"""The management API's view of the schedule (``provisioning.schedule_routes.ScheduleControl``), on the
service thread: the evaluated timeline of the next days, and overrides pushed, stored and lifted.

Store reads and writes run in worker threads (``asyncio.to_thread``); the GUI thread only hears
"read the store again" (``Scheduler.request_reread``, a queued signal), then switches by itself.
"""

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from common.clock import Clock
from kiosk.scheduler import BUILD_DATE
from layouts.model import Layout
from layouts.schedule import Choice, Segment, timeline
from layouts.schedule_plan import PLAIN
from layouts.store import LayoutStore, StoredLayout

MAX_DAYS = 366


def _layout_name(stored: StoredLayout, choice: Choice) -> str:
    if choice.source == "override":
        return next((o.layout.name for o in stored.overrides if o.key == choice.layout), "?")
    if choice.source == "default" or stored.plan is None:
        return stored.layout.name
    return stored.plan.layouts[choice.layout].name


def evaluated_timeline(stored: StoredLayout | None, now: datetime, days: int) -> dict[str, Any]:
    """What the screen shows from ``now`` for ``days`` days, as JSON (times in UTC and in the schedule's zone)."""
    if stored is None:
        return {"now": now.isoformat(), "clock_suspect": now < BUILD_DATE, "segments": [], "detail": "no valid layout is stored"}
    schedule = stored.plan.schedule if stored.plan is not None else PLAIN
    zone = ZoneInfo(schedule.time_zone)
    suspect = now < BUILD_DATE
    overrides = [o.as_override() for o in stored.overrides]
    end = now + timedelta(days=days)
    if suspect:  # an untrusted clock shows the default whatever the schedule says
        segments = [Segment(now, end, Choice(schedule.default, "default", 0))]
    else:
        segments = timeline(schedule, now, end, overrides)
    return {
        "now": now.isoformat(), "time_zone": schedule.time_zone, "clock_suspect": suspect, "days": days,
        "scheduled": stored.plan is not None,
        "segments": [{"start": s.start.isoformat(), "end": s.end.isoformat(),
                      "start_local": s.start.astimezone(zone).isoformat(), "end_local": s.end.astimezone(zone).isoformat(),
                      "layout": _layout_name(stored, s.choice), "source": s.choice.source,
                      "file": None if s.choice.source == "override" else s.choice.layout} for s in segments],
        "overrides": [{"key": o.key, "layout": o.layout.name, "pushed_at": o.pushed_at.isoformat(), "until": o.until.isoformat()}
                      for o in stored.overrides if o.until > now],
    }


class ScheduleDesk:
    def __init__(self, store: LayoutStore, clock: Clock, request_reread: Callable[[], None]) -> None:
        self._store, self._clock, self._reread = store, clock, request_reread

    async def timeline(self, days: int) -> dict[str, Any]:
        days = max(1, min(days, MAX_DAYS))
        return await asyncio.to_thread(lambda: evaluated_timeline(self._store.load_best(), self._clock.now(), days))

    async def override(self, layout: Layout, folder: Path, until: datetime) -> dict[str, Any]:
        """Store the override (ValueError saying why it cannot be), then have the screen switch to it."""
        added = await asyncio.to_thread(self._store.overrides.add, layout, folder, self._clock.now(), until)
        self._reread()
        return {"layout": layout.name, "key": added.key, "until": added.until.isoformat(),
                "detail": "stored; the screen shows it now and until then"}

    async def lift_overrides(self) -> dict[str, Any]:
        lifted = await asyncio.to_thread(self._store.overrides.clear)
        self._reread()
        return {"lifted": lifted}
