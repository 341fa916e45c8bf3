"""The on-disk store of layouts: ``current`` (what should play) and ``last-good`` (what last played).

Each slot is one JSON file ``{"layout": <document>, "base_dir": <folder for relative paths>}``
written atomically. ``last-good`` is only ever a copy of a ``current`` that reached the screen.
When the layout's folder holds a ``schedule.json`` starting from it (``schedule_plan``), the slot
also keeps the schedule and every layout it names (``"schedule": {"document", "layouts"}``), so a
slot is one whole plan, switched atomically. Overrides live beside the slots (``store_overrides``).
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.atomic import write_atomically
from layouts.errors import LayoutError, LayoutStoreError
from layouts.model import Layout
from layouts.schedule_plan import ScreenPlan, plan_from_stored, read_plan
from layouts.store_overrides import OverrideStore, StoredOverride
from layouts.validate import parse_layout

CURRENT = "current"
LAST_GOOD = "last-good"
PREVIOUS = "previous"  # the last-good before the last one: what a rollback returns to


@dataclass(frozen=True, slots=True)
class StoredLayout:
    layout: Layout
    base_dir: Path
    slot: str
    plan: ScreenPlan | None = None  # the schedule of the layout's folder, when it has one
    overrides: tuple[StoredOverride, ...] = ()  # what ``load_best`` found pushed (expired or not: the clock decides)


class LayoutStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.overrides = OverrideStore(root)

    def _path(self, slot: str) -> Path:
        return self.root / f"{slot}.json"

    def save_current(self, layout: Layout, base_dir: Path) -> None:
        """Store ``layout`` (and the schedule of ``base_dir``, when there is one: LayoutInvalid when it is wrong)."""
        payload: dict[str, Any] = {"layout": layout.model_dump(mode="json", exclude_none=True), "base_dir": str(base_dir.resolve())}
        plan = read_plan(base_dir, layout)
        if plan is not None:
            payload["schedule"] = plan.stored_form()
        try:
            write_atomically(self._path(CURRENT), json.dumps(payload, ensure_ascii=False).encode())
        except OSError as exc:
            raise LayoutStoreError(f"cannot write {self._path(CURRENT)}: {exc}") from exc

    def mark_current_good(self) -> None:
        """Called once ``current`` has been drawn: it becomes the fallback (the old fallback, ``previous``)."""
        try:
            data = self._path(CURRENT).read_bytes()
            last_good = self._path(LAST_GOOD)
            if last_good.exists():
                if last_good.read_bytes() == data:
                    return
                write_atomically(self._path(PREVIOUS), last_good.read_bytes())
            write_atomically(last_good, data)
        except OSError as exc:
            raise LayoutStoreError(f"cannot promote current to last-good in {self.root}: {exc}") from exc

    def rollback(self) -> StoredLayout:
        """The layout shown before the current one becomes ``current`` again (twice: forward again)."""
        source = self._path(PREVIOUS) if self._path(PREVIOUS).exists() else self._path(LAST_GOOD)
        try:
            write_atomically(self._path(CURRENT), source.read_bytes())
        except OSError as exc:
            raise LayoutStoreError(f"nothing to roll back to in {self.root}: {exc}") from exc
        return self.load(CURRENT)

    def base_dirs_in_use(self) -> set[Path]:
        """The folders ``current`` and ``last-good`` play from: what bundle clean-up must keep."""
        used = set()
        for slot in (CURRENT, LAST_GOOD, PREVIOUS):
            try:
                used.add(self.load(slot).base_dir.resolve())
            except LayoutError:
                continue
        return used | {o.base_dir.resolve() for o in self.overrides.load()}

    def load(self, slot: str) -> StoredLayout:
        path = self._path(slot)
        try:
            payload = json.loads(path.read_bytes())
            layout = parse_layout(json.dumps(payload["layout"]), str(path))
            plan = plan_from_stored(payload["schedule"], f"{path}: schedule") if "schedule" in payload else None
            return StoredLayout(layout, Path(payload["base_dir"]), slot, plan)
        except LayoutError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LayoutStoreError(f"cannot load {path}: {exc}") from exc

    def load_best(self) -> StoredLayout | None:
        """``current`` when it is readable and valid, else ``last-good``, else None; with the stored overrides."""
        for slot in (CURRENT, LAST_GOOD):
            if self._path(slot).exists():
                try:
                    stored = self.load(slot)
                except LayoutError:
                    continue
                return StoredLayout(stored.layout, stored.base_dir, slot, stored.plan, tuple(self.overrides.load()))
        return None
