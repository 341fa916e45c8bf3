"""Where the layout to play comes from: ``--layout FILE`` (validated, then stored) or the store."""

import logging
from pathlib import Path

from kiosk.logs import event
from layouts import LayoutError, LayoutInvalid, load_layout_file
from layouts.model import Layout
from layouts.store import CURRENT, LAST_GOOD, LayoutStore, StoredLayout
from media.sources import is_url

log = logging.getLogger("kiosk.layout")


class LayoutSource:
    def __init__(self, store: LayoutStore, layout_path: Path | None) -> None:
        self._store = store
        self._layout_path = layout_path

    def read(self) -> StoredLayout | None:
        """The layout to play now: a valid ``--layout`` file becomes ``current``; else the best stored one."""
        if self._layout_path is not None:
            try:
                layout = load_layout_file(self._layout_path)
                self._store.save_current(layout, self._layout_path.parent)
            except LayoutInvalid as exc:
                event(log, "layout_invalid", logging.ERROR, str(exc), source=exc.source,
                      problems=[str(p) for p in exc.problems])
            except LayoutError as exc:
                event(log, "layout_invalid", logging.ERROR, str(exc), source=str(self._layout_path))
        stored = self._store.load_best()
        if stored is not None and stored.slot != CURRENT:
            event(log, "layout_fallback", logging.WARNING, "playing the last good layout", layout=stored.layout.name)
        return stored

    def protected_urls(self) -> frozenset[str]:
        """The URLs that ``current`` and ``last-good`` play: the cache must never evict them."""
        urls: set[str] = set()
        for slot in (CURRENT, LAST_GOOD):
            try:
                layout = self._store.load(slot).layout
            except LayoutError:
                continue
            urls.update(item.src for region in layout.regions for item in region.playlist
                        if hasattr(item, "src") and is_url(item.src))
        return frozenset(urls)

    def mark_good(self, layout: Layout) -> None:
        """A layout reached the screen: if it is ``current``, it becomes ``last-good``."""
        try:
            if self._store.load(CURRENT).layout == layout:
                self._store.mark_current_good()
        except LayoutError as exc:
            event(log, "store_failed", logging.ERROR, str(exc))
