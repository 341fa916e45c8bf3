"""Schema versions and the small functions that move a document from one version to the next.

Version history:
  1  items had ``type`` and ``duration`` in milliseconds (the first prototypes' format).
  2  items have ``kind`` and ``duration_s``; the screen size moved under ``screen``.
"""

import math
from collections.abc import Callable
from typing import Any

from layouts.errors import LayoutTooNew, Problem
from layouts.model import CURRENT_SCHEMA_VERSION

Document = dict[str, Any]
_MIGRATIONS: dict[int, Callable[[Document], Document]] = {}


def _migration(from_version: int) -> Callable[[Callable[[Document], Document]], Callable[[Document], Document]]:
    def register(fn: Callable[[Document], Document]) -> Callable[[Document], Document]:
        _MIGRATIONS[from_version] = fn
        return fn

    return register


@_migration(1)
def _v1_to_v2(doc: Document) -> Document:
    if "width" in doc or "height" in doc:
        doc["screen"] = {"width": doc.pop("width", 1920), "height": doc.pop("height", 1080)}
    for region in doc.get("regions") or []:
        if not isinstance(region, dict):
            continue
        for item in region.get("playlist") or []:
            if not isinstance(item, dict):
                continue
            if "type" in item:
                item["kind"] = item.pop("type")
            duration_ms = item.get("duration")
            if isinstance(duration_ms, int | float) and not isinstance(duration_ms, bool):
                item.pop("duration")
                try:
                    item["duration_s"] = duration_ms / 1000
                except OverflowError:  # an integer too large for a float: the validator says it is too long
                    item["duration_s"] = math.inf
    return doc


def copy_json(value: Any) -> Any:
    """A deep copy of decoded JSON (dicts, lists, scalars), without recursion: nesting cannot overflow the stack.

    ``copy.deepcopy`` recursed, and a document about 500 levels deep raised RecursionError from here.
    """
    if not isinstance(value, dict | list):
        return value
    root = {} if isinstance(value, dict) else []
    stack = [(value, root)]
    while stack:
        source, target = stack.pop()
        members = source.items() if isinstance(source, dict) else enumerate(source)
        for key, member in members:
            if isinstance(member, dict | list):
                copied = {} if isinstance(member, dict) else []
                stack.append((member, copied))
            else:
                copied = member
            if isinstance(target, dict):
                target[key] = copied
            else:
                target.append(copied)
    return root


def migrate(doc: Document) -> tuple[Document, list[Problem]]:
    """Return the document moved to the current schema version (the input is not changed).

    Raises LayoutTooNew for a version this runtime does not know yet; reports a missing or
    malformed version as a Problem.
    """
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return doc, [Problem("$.schema_version", f"must be a whole number from 1 to {CURRENT_SCHEMA_VERSION} (found {version!r})")]
    if version > CURRENT_SCHEMA_VERSION:
        raise LayoutTooNew(
            f"this layout uses schema version {version}, but this runtime only knows up to "
            f"version {CURRENT_SCHEMA_VERSION}: update the runtime, or export the layout for version {CURRENT_SCHEMA_VERSION}"
        )
    migrated = copy_json(doc)
    while version < CURRENT_SCHEMA_VERSION:
        migrated = _MIGRATIONS[version](migrated)
        version += 1
        migrated["schema_version"] = version
    return migrated, []
