"""Schema versions and the small functions that move a document from one version to the next.

Version history:
  1  items had ``type`` and ``duration`` in milliseconds (the first prototypes' format).
  2  items have ``kind`` and ``duration_s``; the screen size moved under ``screen``.
"""

import math
from collections.abc import Callable
from typing import Any

from layouts.errors import LayoutTooNew, Problem, shown
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
    """Copies what it changes (the top level, regions, playlists, items) and shares the rest.

    The input is left as it was without a deep copy: ``copy.deepcopy`` recursed (a document 500
    levels deep raised RecursionError from it) and copied every one of a 2 MB document's values.
    """
    moved = dict(doc)
    if "width" in moved or "height" in moved:
        moved["screen"] = {"width": moved.pop("width", 1920), "height": moved.pop("height", 1080)}
    if isinstance(moved.get("regions"), list):
        moved["regions"] = [_v1_region(region) if isinstance(region, dict) else region for region in moved["regions"]]
    return moved


def _v1_region(region: Document) -> Document:
    playlist = region.get("playlist")
    if not isinstance(playlist, list):
        return region
    return {**region, "playlist": [_v1_item(item) if isinstance(item, dict) else item for item in playlist]}


def _v1_item(item: Document) -> Document:
    moved = dict(item)
    if "type" in moved:
        moved["kind"] = moved.pop("type")
    duration_ms = moved.get("duration")
    if isinstance(duration_ms, int | float) and not isinstance(duration_ms, bool):
        del moved["duration"]
        try:
            moved["duration_s"] = duration_ms / 1000
        except OverflowError:  # an integer too large for a float: the validator says it is too large
            moved["duration_s"] = math.inf
    return moved


def migrate(doc: Document) -> tuple[Document, list[Problem]]:
    """Return the document moved to the current schema version (the input is not changed).

    Raises LayoutTooNew for a version this runtime does not know yet; reports a missing or
    malformed version as a Problem.
    """
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return doc, [Problem("$.schema_version", f"must be a whole number from 1 to {CURRENT_SCHEMA_VERSION} (found {shown(version)})")]
    if version > CURRENT_SCHEMA_VERSION:
        raise LayoutTooNew(
            f"this layout uses schema version {version}, but this runtime only knows up to "
            f"version {CURRENT_SCHEMA_VERSION}: update the runtime, or export the layout for version {CURRENT_SCHEMA_VERSION}"
        )
    # Each migration returns a new document and leaves its input as it was.
    migrated = doc
    while version < CURRENT_SCHEMA_VERSION:
        migrated = _MIGRATIONS[version](migrated)
        version += 1
        migrated = {**migrated, "schema_version": version}
    return migrated, []
