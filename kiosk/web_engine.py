"""Whether this run loads QtWebEngine, decided before the Qt application exists.

``QtWebEngineQuick.initialize()`` must run before ``QGuiApplication``; once loaded, the engine and
its profile cost about 100 MiB (PSS) and 0.1 s of start-up. So the runtime looks at the layouts it
may play (``--layout FILE`` and the store's current / last-good / previous) and loads the engine
only when one of them has an item whose view uses it (any QML file of the kind's folder imports
QtWebEngine).

When a layout with web items arrives later (a push, a rollback) in a run without the engine, the
Player does not build it (a web view without the engine would not draw, or abort): it reports the
layout as failed and the runtime restarts itself in place (same pid, ``exec``) without ``--layout``,
so it plays the store's current layout, the new one, with the engine loaded. See README, "Performance".

The scan reads outside files: it is bounded (size), tolerant (anything unexpected counts as no
kinds: such a layout is refused by validation anyway) and only ever decides to load the engine.
"""

import json
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

MAX_SCAN_BYTES = 8 * 1024 * 1024
WEB_IMPORT = "import QtWebEngine"
STORE_SLOTS = ("current", "last-good", "previous")
MAX_NAMED = 64  # layouts named by one schedule, overrides kept: more is refused by validation anyway

_loaded = False


def kinds_needing_web() -> frozenset[str]:
    return kinds_importing(WEB_IMPORT)


def _embedding_web() -> frozenset[str]:
    """Kinds that say they create web views at run time (``ItemKind.embeds_web``: the locked browser)."""
    from signs.kinds import runtime_kinds

    return frozenset(name for name, kind in runtime_kinds().items() if kind.embeds_web)


@cache
def kinds_importing(qml_import: str) -> frozenset[str]:
    """The kinds whose folder has a QML file with ``qml_import`` (``import QtWebEngine``, ``import Kiosk.Video``)."""
    from signs.kinds import runtime_kinds

    found = frozenset(name for name, kind in runtime_kinds().items() if _folder_imports(kind.view.parent, qml_import))
    return found | _embedding_web() if qml_import == WEB_IMPORT else found


@cache
def _folder_imports(folder: Path, qml_import: str) -> bool:
    for qml in folder.rglob("*.qml"):
        try:
            if qml_import in qml.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            return True  # unreadable: assume it does (loading the module is the safe side)
    return False


def document_kinds(document: Any) -> set[str]:
    """The item kinds of a layout document (regions[].playlist[].kind), ignoring anything malformed."""
    kinds: set[str] = set()
    regions = document.get("regions") if isinstance(document, dict) else None
    for region in regions if isinstance(regions, list) else ():
        playlist = region.get("playlist") if isinstance(region, dict) else None
        for item in playlist if isinstance(playlist, list) else ():
            kind = item.get("kind") if isinstance(item, dict) else None
            if isinstance(kind, str):
                kinds.add(kind)
    return kinds


def _read_json(path: Path) -> Any:
    try:
        if not path.is_file() or path.stat().st_size > MAX_SCAN_BYTES:
            return None
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def candidate_documents(layout_path: Path | None, data_dir: Path) -> Iterable[Any]:
    """Every layout this run may play: ``--layout`` and the layouts its folder's schedule names, the
    store's slots with their schedules' layouts, and the administrators' overrides."""
    if layout_path is not None:
        yield _read_json(layout_path)
        yield from _schedule_files(_read_json(layout_path.parent / "schedule.json"), layout_path.parent)
    for slot in STORE_SLOTS:
        payload = _read_json(data_dir / "layouts" / f"{slot}.json")
        if isinstance(payload, dict):
            yield payload.get("layout")
            schedule = payload.get("schedule")
            stored = schedule.get("layouts") if isinstance(schedule, dict) else None
            yield from list(stored.values())[:MAX_NAMED] if isinstance(stored, dict) else ()
    overrides = _read_json(data_dir / "layouts" / "overrides.json")
    entries = overrides.get("overrides") if isinstance(overrides, dict) else None
    for entry in entries[:MAX_NAMED] if isinstance(entries, list) else ():
        yield entry.get("layout") if isinstance(entry, dict) else None


def _schedule_files(schedule: Any, folder: Path) -> Iterable[Any]:
    """The layout files a folder's schedule.json names (plain names in that folder only)."""
    entries = schedule.get("entries") if isinstance(schedule, dict) else None
    for entry in entries[:MAX_NAMED] if isinstance(entries, list) else ():
        name = entry.get("layout") if isinstance(entry, dict) else None
        if isinstance(name, str) and name and "/" not in name and "\\" not in name and name not in (".", ".."):
            yield _read_json(folder / name)


def needs_web(layout_path: Path | None, data_dir: Path) -> bool:
    return may_play(layout_path, data_dir, WEB_IMPORT)


def may_play(layout_path: Path | None, data_dir: Path, qml_import: str) -> bool:
    """Whether a layout this run may play has an item whose view needs ``qml_import``."""
    wanted = kinds_importing(qml_import)
    return any(document_kinds(doc) & wanted for doc in candidate_documents(layout_path, data_dir))


def layout_needs_web(layout: Any) -> bool:
    """A validated Layout: does any of its items need the engine?"""
    web_kinds = kinds_needing_web()
    return any(item.kind in web_kinds for region in layout.regions for item in region.playlist)


def initialize() -> None:
    """Load the engine: before the QGuiApplication is made, once."""
    global _loaded
    from PySide6.QtWebEngineQuick import QtWebEngineQuick

    QtWebEngineQuick.initialize()
    _loaded = True


def loaded() -> bool:
    return _loaded


def restart_argv(argv: list[str]) -> list[str]:
    """The command line of this run without ``--layout FILE``: the restarted runtime plays the store."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--layout":
            skip = True
        elif not arg.startswith("--layout="):
            out.append(arg)
    return out


def restart_in_place() -> int:
    """Replace this process by a new run of the same command (same pid: systemd and the watchdog follow).
    Returns only if that failed: the exit code then asks the service manager for the restart."""
    argv = restart_argv(list(sys.orig_argv))
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(sys.executable, [sys.executable, *argv[1:]])
    except OSError as exc:
        print(f"kiosk: could not restart in place to load the web engine: {exc}", file=sys.stderr, flush=True)
    return 75  # EX_TEMPFAIL: Restart=on-failure starts it again, with the engine
