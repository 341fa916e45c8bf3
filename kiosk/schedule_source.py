"""The layout source of a screen with a schedule: the cache must also keep what the schedule and the
overrides will switch to (a night layout's remote images must still be there, offline, at 22:00)."""

from kiosk.layout_source import SWITCHABLE_SLOTS, LayoutSource
from layouts import LayoutError
from layouts.model import Layout
from layouts.store import StoredLayout
from media.sources import is_url


def _urls(layout: Layout) -> set[str]:
    return {value for region in layout.regions for item in region.playlist
            for value in item.file_references().values() if is_url(value)}


class ScheduledSource(LayoutSource):
    def protected_urls(self) -> frozenset[str]:
        """Every URL of every layout the store can switch to, those its schedules name and the overrides (pool only)."""
        urls = set(super().protected_urls())
        for slot in SWITCHABLE_SLOTS:
            try:
                plan = self._store.load(slot).plan
            except LayoutError:
                continue
            for layout in plan.layouts.values() if plan is not None else ():
                urls |= _urls(layout)
        for override in self._store.overrides.load():
            urls |= _urls(override.layout)
        return frozenset(urls)

    def read_stored(self) -> StoredLayout | None:
        """The best stored layout, without installing ``--layout`` again: a push, a rollback or an
        override changed the store, and the file given at start must not win over them (pool only)."""
        return self._store.load_best()
