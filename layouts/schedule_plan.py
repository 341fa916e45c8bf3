"""A screen's plan: the layouts of one folder (a bundle) and the schedule saying which shows when.

A folder holds a plan when it has a ``schedule.json`` whose ``default`` is the folder's layout (the
bundle's manifest layout, or the ``--layout`` file): every layout file it names must be in the
folder, valid, with every file it names in turn. ``read_plan`` reads and checks all of that (only
LayoutInvalid escapes, every problem with its file and JSON path); ``choose`` picks, at an
injected ``now``, what to show from the stored default, its plan and the pushed overrides.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from layouts.bundle_errors import BundleRejected
from layouts.bundle_names import canonical_name
from layouts.errors import LayoutInvalid, Problem
from layouts.file_references import check_references
from layouts.json_input import read_document
from layouts.model import Layout
from layouts.schedule import Choice, Override, active_at, next_change_after
from layouts.schedule_check import MAX_SCHEDULE_BYTES, SCHEDULE_FILE, parse_schedule
from layouts.schedule_model import Schedule
from layouts.validate import parse_layout

PLAIN = Schedule(default="layout.json")  # no schedule: the default (and overrides) only
LOOKAHEAD_DAYS = 8  # a change further ahead is found by looking again then (each look stays around a millisecond)


@dataclass(frozen=True, slots=True)
class ScreenPlan:
    schedule: Schedule
    layouts: dict[str, Layout]  # every file the schedule names (the default included) -> its layout
    document: dict[str, Any] = field(hash=False)  # the schedule as written, for the store

    def stored_form(self) -> dict[str, Any]:
        return {"document": self.document,
                "layouts": {name: layout.model_dump(mode="json", exclude_none=True) for name, layout in self.layouts.items()}}


class _FilesIn:
    """``name in files``: a file of ``folder`` (a verified bundle folder holds nothing else)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (self.folder / name).is_file()


def _where(schedule: Schedule) -> dict[str, str]:
    """Each layout file -> the JSON path that first names it."""
    found = {schedule.default: "$.default"}
    for index, entry in enumerate(schedule.entries):
        found.setdefault(entry.layout, f"$.entries[{index}].layout")
    return found


def read_plan(folder: Path, default: Layout | None = None) -> ScreenPlan | None:
    """The plan of ``folder`` (None without ``schedule.json``); ``default`` is the layout it must start from."""
    if not (folder / SCHEDULE_FILE).exists():
        return None
    text = read_document(folder / SCHEDULE_FILE, MAX_SCHEDULE_BYTES)
    schedule = parse_schedule(text, SCHEDULE_FILE)
    layouts, problems = {}, []
    for name, path in _where(schedule).items():
        try:
            canonical = canonical_name(name, SCHEDULE_FILE)
            layout = parse_layout(read_document(folder / canonical, 2 * 1024 * 1024), canonical)
            check_references(layout, canonical, _FilesIn(folder))  # type: ignore[arg-type]
            layouts[name] = layout
        except LayoutInvalid as exc:
            problems.extend(Problem(path, f"{name}: {p}") for p in exc.problems[:5])
        except BundleRejected as exc:
            problems.append(Problem(path, f"{name}: {exc.detail}"))
    if default is not None and schedule.default in layouts and layouts[schedule.default] != default:
        problems.append(Problem("$.default", f"{schedule.default!r} is not the layout this folder is pushed or run with"))
    if problems:
        raise LayoutInvalid(problems, SCHEDULE_FILE)
    return ScreenPlan(schedule, layouts, json.loads(text))


def plan_from_stored(stored: dict[str, Any], source: str) -> ScreenPlan:
    """A plan as the store keeps it (validated again: a file on disk is outside input too)."""
    schedule = parse_schedule(json.dumps(stored["document"]), source)
    layouts = {name: parse_layout(json.dumps(stored["layouts"][name]), f"{source}: {name}") for name in schedule.layout_files()}
    return ScreenPlan(schedule, layouts, stored["document"])


@dataclass(frozen=True, slots=True)
class Shown:
    """What to put on screen: the choice, its layout and the folder its relative paths start from."""

    choice: Choice
    layout: Layout
    base_dir: Path
    next_change: datetime | None  # None: no change within the look-ahead (or an untrusted clock)
    look_again_at: datetime | None = None  # the end of the look-ahead, when no change was found in it


def choose(default: Layout, base_dir: Path, plan: ScreenPlan | None, overrides: list[tuple[Override, Layout, Path]],
           now: datetime, clock_trusted: bool = True) -> Shown:
    """The layout to show at ``now``; an untrusted clock shows the default and waits for no change."""
    schedule = plan.schedule if plan is not None else PLAIN
    if not clock_trusted:
        return Shown(Choice(schedule.default, "default", 0), default, base_dir, None)
    by_key = {o.layout: (layout, folder) for o, layout, folder in overrides}
    pushed = [o for o, _, _ in overrides]
    choice = active_at(schedule, now, pushed)
    if choice.source == "override":
        layout, folder = by_key[choice.layout]
    elif choice.source == "default" or plan is None:
        layout, folder = default, base_dir
    else:
        layout, folder = plan.layouts[choice.layout], base_dir
    next_change = next_change_after(schedule, now, pushed, within_days=LOOKAHEAD_DAYS)
    return Shown(choice, layout, folder, next_change, None if next_change is not None else now + timedelta(days=LOOKAHEAD_DAYS))
