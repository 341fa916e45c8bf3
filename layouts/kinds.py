"""The item kinds a layout may hold: one registry, each kind declared in the folder of its sign.

A sign folder (``signs/widgets/image/``, ``signs/beach/``, ...) declares its item models in an
``item.py`` module that lists them in ``ITEM_MODELS``. They are found by folder, the first time a
layout is validated, so adding a kind is adding a folder: nothing here names a kind.

Finding them by folder (not by a static import) keeps the layers of ARCHITECTURE.md: ``layouts``
never imports ``signs``; an ``item.py`` imports only ``layouts`` and ``common`` (an import-linter
contract checks it), so the models stay pure. Tests and plug-ins add kinds with
``register_item_model``; a town's own sign folders outside this tree are found through
$KIOSK_ITEM_PACKAGES (importable packages laid out like ``signs``).
"""

import importlib
import os
import threading
import typing
from collections.abc import Callable
from pathlib import Path

from layouts.base import ItemBase

ITEM_MODULE_NAME = "item"
EXTRA_PACKAGES_VARIABLE = "KIOSK_ITEM_PACKAGES"  # a town's own signs, outside this tree: "pkg1,pkg2"


def declaring_packages() -> tuple[str, ...]:
    """Where kinds are declared: ``signs``, then any package named in $KIOSK_ITEM_PACKAGES."""
    extra = [name.strip() for name in os.environ.get(EXTRA_PACKAGES_VARIABLE, "").split(",") if name.strip()]
    return ("signs", *extra)

_lock = threading.RLock()
_models: dict[str, type[ItemBase]] = {}
_discovered = False
_on_change: list[Callable[[], None]] = []


class KindDeclarationError(Exception):
    """An item model that cannot be registered (no literal ``kind``, or a kind declared twice)."""


def kind_of(model: type[ItemBase]) -> str:
    field = model.model_fields.get("kind")
    args = typing.get_args(field.annotation) if field is not None else ()
    if len(args) != 1 or not isinstance(args[0], str):
        raise KindDeclarationError(f"{model.__name__} must declare kind: Literal['<its kind>']")
    return args[0]


def register_item_model(model: type[ItemBase]) -> None:
    """Add a kind (its model) to the registry; the layout model is rebuilt to accept it."""
    name = kind_of(model)
    with _lock:
        known = _models.get(name)
        if known is not None and known is not model:
            raise KindDeclarationError(f"item kind {name!r} is declared twice: {known.__module__} and {model.__module__}")
        _models[name] = model
        listeners = list(_on_change)
    for listener in listeners:
        listener()


def unregister_item_model(name: str) -> None:
    """Remove a kind (tests that registered one of their own)."""
    with _lock:
        _models.pop(name, None)
        listeners = list(_on_change)
    for listener in listeners:
        listener()


def on_registry_change(listener: Callable[[], None]) -> None:
    with _lock:
        _on_change.append(listener)


def item_models() -> dict[str, type[ItemBase]]:
    """Every known kind and its model, declared kinds found on first use."""
    _discover()
    with _lock:
        return dict(_models)


def kind_names() -> tuple[str, ...]:
    return tuple(item_models())


def declared_modules(module_name: str) -> list[str]:
    """Every ``<package>/<sign folder...>/<module_name>.py`` of the declaring packages, as module names
    (``signs.widgets.image.item``); the runtime half of the registry finds its ``kind`` modules the same way."""
    modules = []
    for package in declaring_packages():
        for root in getattr(importlib.import_module(package), "__path__", []):
            for path in sorted(Path(root).rglob(f"{module_name}.py")):
                parts = path.relative_to(root).with_suffix("").parts
                if len(parts) >= 2 and all(part.isidentifier() for part in parts):  # a kind lives in a folder
                    modules.append(".".join((package, *parts)))
    return modules


def _discover() -> None:
    global _discovered
    with _lock:
        if _discovered:
            return
        for name in declared_modules(ITEM_MODULE_NAME):
            module = importlib.import_module(name)
            if not hasattr(module, "ITEM_MODELS"):
                raise KindDeclarationError(f"{name} declares no ITEM_MODELS (or is still being imported: "
                                           "validate layouts only once the imports are done)")
            for model in module.ITEM_MODELS:
                kind = kind_of(model)
                if _models.get(kind, model) is not model:
                    raise KindDeclarationError(f"item kind {kind!r} is declared twice ({name})")
                _models[kind] = model
        _discovered = True
