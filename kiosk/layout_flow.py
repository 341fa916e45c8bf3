"""From the store to the screen: the layout to play is read, validated and stored in the Jobs pool,
then shown by the Player on the GUI thread; once on screen it is promoted to last-good (pool).

The content cache is opened in the pool too (its index is parsed), and the set of cache entries
that must never be evicted (every layout the store can switch to) is computed there, after each
change, instead of on every ``show_layout``.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk.jobs import Jobs
from kiosk.layout_source import LayoutSource
from kiosk.logs import event
from kiosk.player import Player, Scene
from layouts.model import Layout
from layouts.store import StoredLayout
from media.cache import ContentCache
from signs.resolution import ResolveContext

log = logging.getLogger("kiosk.layout")


@dataclass(frozen=True, slots=True)
class Storage:
    cache: ContentCache
    protected: frozenset[str]  # sha256 of the cache entries every switchable layout plays


class LayoutFlow(QObject):
    def __init__(self, jobs: Jobs, source: LayoutSource, open_cache: Callable[[], ContentCache], site_url: str,
                 before_show: Callable[[Layout], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layout-flow")
        self._jobs, self._source, self._open_cache = jobs, source, open_cache
        self._site_url = site_url
        self._before_show = before_show
        self._storage: Storage | None = None
        self.player: Player | None = None

    def attach(self, player: Player) -> None:
        self.player = player
        player.layout_applied.connect(self._on_layout_applied)

    def context_for(self, layout: Layout, base_dir: Path) -> ResolveContext:
        storage = self._storage
        assert storage is not None, "a layout is shown only once the storage is open"
        return ResolveContext(base_dir, storage.cache, self._site_url, storage.protected, layout.theme.font_family, layout.locale)

    def start(self) -> None:
        """Open the cache and read the layout in the pool; show it when ready."""
        def prepare() -> tuple[Storage, StoredLayout | None]:
            cache = self._open_cache()
            stored = self._source.read()
            return Storage(cache, self._source.protected_shas(cache)), stored

        self._jobs.submit(prepare, self._on_prepared)

    def reload(self) -> None:
        """SIGHUP, the API's reload: read the stored layout again (pool) and show it."""
        def read() -> tuple[Storage, StoredLayout | None]:
            assert self._storage is not None
            stored = self._source.read()
            return Storage(self._storage.cache, self._source.protected_shas(self._storage.cache)), stored

        if self._storage is None:
            return  # still starting: the start will show the newest anyway
        self._jobs.submit(read, self._on_prepared)

    def _on_prepared(self, result: tuple[Storage, StoredLayout | None] | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            event(log, "store_failed", logging.ERROR, f"{type(error).__name__}: {error}")
            if self.player is not None and self.player.front_scene is None:
                self.player.set_recovering(True, "the layout store or the cache could not be opened")
            return
        self._storage, stored = result
        self.show(stored)

    def show(self, stored: StoredLayout | None) -> None:
        assert self.player is not None
        if stored is not None:
            self._before_show(stored.layout)
            self.player.show_layout(stored.layout, stored.base_dir)
        elif self.player.front_scene is None:
            self.player.set_recovering(True, "no valid layout to show (none given, none stored)")

    def refresh_protection(self) -> None:
        """The store changed behind us (a push, a rollback): recompute what the cache must keep."""
        if self._storage is not None:
            cache = self._storage.cache
            self._jobs.submit(lambda: self._source.protected_shas(cache), self._on_protection)

    def _on_layout_applied(self, scene: Scene) -> None:
        # Promoting current to last-good fsyncs: done in the pool, never on the GUI thread.
        layout = scene.layout

        def promote() -> frozenset[str]:
            self._source.mark_good(layout)
            assert self._storage is not None
            return self._source.protected_shas(self._storage.cache)

        self._jobs.submit(promote, self._on_protection)

    def _on_protection(self, protected: frozenset[str] | None, error: BaseException | None) -> None:
        if error is not None or protected is None:
            event(log, "store_failed", logging.ERROR, f"{type(error).__name__}: {error}")
            return
        if self._storage is not None:
            self._storage = Storage(self._storage.cache, protected)
