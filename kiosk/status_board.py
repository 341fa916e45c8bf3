"""The screen's status as the API reads it: a frozen snapshot the GUI thread swaps in under a lock.

The GUI thread publishes what only it knows (the layout on screen, the item of each region, the age
of each live value) once a second and when a layout is applied: a few dictionary lookups. The
service thread reads the last snapshot and adds what it can measure itself (memory, error counts,
the last error lines), so ``/status`` never waits for the GUI thread.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kiosk.crash_log import CrashReport
from kiosk.health import health
from kiosk.logs import ERROR_COUNTS, RECENT
from kiosk.resource_stats import rss_kib
from kiosk.scene_figures import oldest_value_age_s

if TYPE_CHECKING:
    from kiosk.status_measures import StatusMeasures


@dataclass(frozen=True, slots=True)
class SceneStatus:
    layout: str | None = None
    on_screen: dict[str, str | None] = field(default_factory=dict)
    live: dict[str, dict[str, str]] = field(default_factory=dict)
    published_at_s: float = 0.0
    unavailable: list[dict[str, Any]] = field(default_factory=list)  # items that could not be had
    feeds: dict[str, dict[str, Any]] = field(default_factory=dict)  # per source: connected, age of each value




class StatusBoard:
    def __init__(self, device: dict[str, str], version: str, crashes: CrashReport | None = None,
                 measures: "StatusMeasures | None" = None) -> None:
        self._measures = measures  # frames, memory trend, disk, restarts (kiosk.status_measures)
        self._layout_since: str | None = None
        self._crashes = crashes or CrashReport()  # what earlier runs left: fixed for this run
        self._lock = threading.Lock()
        self._scene = SceneStatus()
        self._device = dict(device)
        self._version = version
        self._started_s = time.monotonic()
        self._schedule: dict[str, Any] = {"clock_suspect": False}  # kiosk.scheduler: clock_suspect, schedule
        self._sections: dict[str, Callable[[], Any]] = {}  # more parts of the document, each read thread-safely

    def publish_schedule(self, fields: dict[str, Any]) -> None:
        """GUI thread: what the scheduler shows and whether it trusts the clock."""
        with self._lock:
            self._schedule = dict(fields)

    def add_section(self, name: str, read: Callable[[], Any]) -> None:
        """``read`` (any thread, quick: a copy under a lock) gives the status document's ``name`` entry."""
        self._sections[name] = read

    def publish(self, scene: SceneStatus) -> None:
        """GUI thread: swap in what is on screen now."""
        with self._lock:
            if scene.layout != self._scene.layout:
                self._layout_since = datetime.now(UTC).isoformat(timespec="seconds") if scene.layout else None
            self._scene = scene

    def read(self) -> dict[str, Any]:
        """Any thread: the status document, from the last snapshot and what is measured here."""
        with self._lock:
            scene, since, schedule = self._scene, self._layout_since, self._schedule
        doc = {
            **schedule,
            **self._device,
            "software_version": self._version,
            "uptime_s": round(time.monotonic() - self._started_s, 1),
            "memory_rss_kib": rss_kib(),
            "layout": scene.layout,
            "on_screen": dict(scene.on_screen),
            "errors": dict(ERROR_COUNTS),
            "last_errors": RECENT.last_errors(10),
            "live": {key: dict(values) for key, values in scene.live.items()},
            **self._crashes.status_fields(),  # crash_count, unclean_exits, last_crash
            "layout_since": since,
            "unavailable_items": list(scene.unavailable),
            "feeds": scene.feeds,
            "oldest_live_value_age_s": oldest_value_age_s(scene.feeds),
            **(self._measures.read() if self._measures is not None else {}),
            **{name: read() for name, read in self._sections.items()},  # alerts: [...]
        }
        doc["health"] = health(doc)
        return doc
