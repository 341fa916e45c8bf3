"""Where the layout to play comes from: ``--layout FILE`` (validated, then stored) or the store.

Everything here reads, validates or fsyncs files: the runtime calls it in the Jobs pool.
"""

import logging
from pathlib import Path

from kiosk.logs import event
from layouts import LayoutError, LayoutInvalid, load_layout_file
from layouts.model import Layout
from layouts.store import CURRENT, LAST_GOOD, PREVIOUS, LayoutStore, StoredLayout
from media.cache import ContentCache
from media.sources import is_url

log = logging.getLogger("kiosk.layout")
SWITCHABLE_SLOTS = (CURRENT, LAST_GOOD, PREVIOUS)


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
        """The URLs of every layout the store can switch to (``current``, ``last-good``, and ``previous``,
        what a rollback returns to): the cache must never evict them. Reads and validates the
        stored layouts: call it in the pool, never on the GUI thread."""
        urls: set[str] = set()
        for slot in SWITCHABLE_SLOTS:
            try:
                layout = self._store.load(slot).layout
            except LayoutError:
                continue
            urls.update(value for region in layout.regions for item in region.playlist
                        for value in item.file_references().values() if is_url(value))
        return frozenset(urls)

    def protected_shas(self, cache: ContentCache) -> frozenset[str]:
        """The cache entries of ``protected_urls`` (pool only: takes the cache's lock)."""
        return frozenset(entry.sha256 for url in self.protected_urls() if (entry := cache.lookup_url(url)))

    def mark_good(self, layout: Layout) -> None:
        """A layout reached the screen: if it is ``current``, it becomes ``last-good``."""
        try:
            if self._store.load(CURRENT).layout == layout:
                self._store.mark_current_good()
        except LayoutError as exc:
            event(log, "store_failed", logging.ERROR, str(exc))
