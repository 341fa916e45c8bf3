"""The runtime half of the item-kind registry: how each kind is resolved, drawn and kept live.

The typed model of a kind is in its folder's ``item.py`` (found by ``layouts.kinds``); the rest is
in its ``kind.py``, which lists ``KINDS``: an ``ItemKind`` per model, saying

- ``view``: the QML file that draws it (given the descriptor as ``descriptor``);
- ``describe``: what the view needs, computed at once (cheap: text, a clock, a URL), or
- ``resolve``: the slow part (download, Pillow, PDF page, QR), run in the Jobs pool;
- ``refreshes``: whether a resolved item should be resolved again now and then (URL sources);
- ``live``: optionally, the live source the item shows (feeds parsed off the GUI thread);
- ``idle_timeout_s``: for interactive kinds (a touch kiosk, a catalogue of acts), how long after
  the visitor's last touch their session ends: the view is told to forget it (``resetSession()``)
  and the region's playlist (the attract loop) goes on. While a session lasts, the item stays on
  screen past its ``duration_s``. The view says it was touched with its ``interacted()`` signal.

A ``kind.py`` may also offer ``add_commands(subparsers)`` to give ``kiosk`` a subcommand of its sign,
and ``qml_context(parent)`` for objects its views call by name (made once, by the runtime).
The runtime (``kiosk``) dispatches through ``runtime_kinds()`` and names no kind.
"""

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layouts.base import ItemBase
from layouts.kinds import declared_modules, item_models
from signs.live import LiveSpec
from signs.resolution import Descriptor, Resolution, ResolveContext

KIND_MODULE_NAME = "kind"


@dataclass(frozen=True, slots=True)
class ItemKind:
    name: str
    view: Path
    describe: Callable[[Any, ResolveContext], Descriptor] | None = None
    resolve: Callable[[Any, tuple[int, int], ResolveContext], Resolution] | None = None
    refreshes: Callable[[Any], bool] = field(default=lambda item: False)
    live: Callable[[Any, Path], LiveSpec] | None = None
    idle_timeout_s: float | None = None  # None: not interactive
    embeds_web: bool = False  # its views create web views at run time (the locked browser): the engine must be loaded

    def __post_init__(self) -> None:
        if (self.describe is None) == (self.resolve is None):
            raise ValueError(f"item kind {self.name!r}: give describe (immediate) or resolve (in the pool), one of them")
        if self.idle_timeout_s is not None and not 1 <= self.idle_timeout_s <= 3600:
            raise ValueError(f"item kind {self.name!r}: idle_timeout_s must be from 1 to 3600 s")


class KindMissing(Exception):
    """A layout item whose kind has a model but no runtime declaration (a sign folder is incomplete)."""


_lock = threading.RLock()
_kinds: dict[str, ItemKind] = {}
_command_contributors: list[Callable[[Any], None]] = []
_context_providers: list[Callable[[Any], dict[str, Any]]] = []
_service_takers: dict[str, list[Callable[[Any], None]]] = {}  # service name -> the signs' take_<name>
_discovered = False
TAKE_PREFIX = "take_"


def register_kind(kind: ItemKind) -> None:
    with _lock:
        _kinds[kind.name] = kind


def unregister_kind(name: str) -> None:
    with _lock:
        _kinds.pop(name, None)


def _discover() -> None:
    global _discovered
    with _lock:
        if _discovered:
            return
        _discovered = True
        for name in declared_modules(KIND_MODULE_NAME):
            module = importlib.import_module(name)
            for kind in getattr(module, "KINDS", ()):
                _kinds.setdefault(kind.name, kind)
            if hasattr(module, "add_commands"):
                _command_contributors.append(module.add_commands)
            if hasattr(module, "qml_context"):
                _context_providers.append(module.qml_context)
            for attribute in dir(module):
                if attribute.startswith(TAKE_PREFIX) and callable(getattr(module, attribute)):
                    _service_takers.setdefault(attribute.removeprefix(TAKE_PREFIX), []).append(getattr(module, attribute))


def runtime_kinds() -> dict[str, ItemKind]:
    _discover()
    with _lock:
        return dict(_kinds)


def kind_for(item: ItemBase) -> ItemKind:
    kind = runtime_kinds().get(item.kind)
    if kind is None:
        raise KindMissing(f"item kind {item.kind!r} has a model but no kind.py declaring how to show it")
    return kind


def incomplete_kinds() -> list[str]:
    """Kinds a layout may hold that the runtime could not show (checked at start and by a test)."""
    known = runtime_kinds()
    return sorted(name for name in item_models() if name not in known)


def command_contributors() -> list[Callable[[Any], None]]:
    _discover()
    with _lock:
        return list(_command_contributors)


def qml_context_providers() -> list[Callable[[Any], dict[str, Any]]]:
    _discover()
    with _lock:
        return list(_context_providers)



def hand_to_signs(name: str, service: Any) -> int:
    """Give a runtime service to every sign whose kind module defines ``take_<name>(service)``
    (``display_journal``: the proof journal's writer; ``local_alerts``: raising and lifting alerts);
    signs cannot import the runtime, the runtime hands them what they use. Returns how many took it."""
    _discover()
    with _lock:
        takers = list(_service_takers.get(name, ()))
    for take in takers:
        take(service)
    return len(takers)
