"""Overrides an administrator pushed (``kioskctl override SCREEN BUNDLE --until TIME``), kept on disk.

One JSON file, ``overrides.json`` next to the layout slots, written atomically::

    {"overrides": [{"key": "override-3f2a...", "layout": {...}, "base_dir": "/.../bundles/<sha>",
                    "pushed_at": "2026-11-26T13:00:00+00:00", "until": "2026-11-26T18:00:00+00:00"}]}

They survive a restart and expire on the injected clock: expired ones are dropped whenever one is
added or ``prune`` is called; at most ``MAX_OVERRIDES`` are kept (the oldest goes). A damaged
entry is skipped (logged), never played; a damaged file reads as no overrides.
"""

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common.atomic import write_atomically
from layouts.errors import LayoutError, LayoutStoreError
from layouts.model import Layout
from layouts.schedule import Override
from layouts.validate import parse_layout

OVERRIDES_FILE = "overrides.json"
MAX_OVERRIDES = 8
MAX_OVERRIDE_DAYS = 31  # an override is temporary: a month at most
log = logging.getLogger("layouts.store")


@dataclass(frozen=True, slots=True)
class StoredOverride:
    key: str
    layout: Layout
    base_dir: Path
    pushed_at: datetime
    until: datetime

    def as_override(self) -> Override:
        return Override(self.key, self.pushed_at, self.until)

    def stored_form(self) -> dict[str, Any]:
        return {"key": self.key, "layout": self.layout.model_dump(mode="json", exclude_none=True),
                "base_dir": str(self.base_dir), "pushed_at": self.pushed_at.isoformat(), "until": self.until.isoformat()}


def _instant(text: Any) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset")
    return value.astimezone(UTC)


def until_problem(until: datetime, now: datetime) -> str | None:
    """Why ``until`` cannot end an override pushed at ``now`` (None: it can)."""
    if until.tzinfo is None:
        return "the end time must carry its UTC offset"
    if until <= now:
        return f"{until.isoformat()} is already past (the screen's clock reads {now.isoformat(timespec='seconds')})"
    if until - now > timedelta(days=MAX_OVERRIDE_DAYS):
        return f"an override lasts at most {MAX_OVERRIDE_DAYS} days: push a schedule for longer"
    return None


class OverrideStore:
    def __init__(self, root: Path) -> None:
        self.path = root / OVERRIDES_FILE

    def load(self) -> list[StoredOverride]:
        try:
            entries = json.loads(self.path.read_bytes())["overrides"] if self.path.exists() else []
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
            log.warning("", extra={"event": "overrides_unreadable", "detail": f"{self.path}: {exc}"})
            return []
        found = []
        for index, raw in enumerate((entries if isinstance(entries, list) else [])[:MAX_OVERRIDES]):
            try:
                found.append(StoredOverride(str(raw["key"]), parse_layout(json.dumps(raw["layout"]), f"{self.path}[{index}]"),
                                            Path(raw["base_dir"]), _instant(raw["pushed_at"]), _instant(raw["until"])))
            except (LayoutError, ValueError, KeyError, TypeError, OverflowError) as exc:
                log.warning("", extra={"event": "override_skipped", "detail": f"{self.path}[{index}]: {exc}"})
        return found

    def _write(self, overrides: list[StoredOverride]) -> None:
        payload = json.dumps({"overrides": [o.stored_form() for o in overrides]}, ensure_ascii=False).encode()
        try:
            write_atomically(self.path, payload)
        except OSError as exc:
            raise LayoutStoreError(f"cannot write {self.path}: {exc}") from exc

    def add(self, layout: Layout, base_dir: Path, now: datetime, until: datetime) -> StoredOverride:
        """Keep ``layout`` on screen from ``now`` until ``until`` (ValueError when ``until`` cannot be)."""
        problem = until_problem(until, now)
        if problem is not None:
            raise ValueError(problem)
        added = StoredOverride(f"override-{uuid.uuid4().hex[:12]}", layout, base_dir.resolve(), now, until.astimezone(UTC))
        kept = [o for o in self.load() if o.until > now]
        self._write([*kept, added][-MAX_OVERRIDES:])
        return added

    def prune(self, now: datetime) -> list[StoredOverride]:
        """Drop the expired ones; the rest, oldest first."""
        found = self.load()
        kept = [o for o in found if o.until > now]
        if len(kept) != len(found):
            self._write(kept)
        return kept

    def clear(self) -> int:
        """Lift every override; how many there were."""
        count = len(self.load())
        self._write([])
        return count
