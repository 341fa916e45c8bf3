"""Turns layout items into what a view can draw (a descriptor for QML), through the kind registry.

A kind either describes its item at once (text, clock, web, live panels) or resolves it in the
Jobs pool (fetch, Pillow, PDF page, QR): the GUI thread only ever sees finished files. Every
descriptor carries the item's ``kind``, ``duration_s`` and the ``view`` (QML file) that draws it.
"""

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from common.clock import Clock, SystemClock
from kiosk.jobs import Jobs
from layouts.model import Item, Layout
from media.errors import MediaError
from media.sources import SourceUnavailable
from signs.kinds import ItemKind, KindMissing, kind_for
from signs.resolution import Descriptor, Resolution, ResolveContext

__all__ = ["Resolution", "ResolveContext", "Resolver", "resolve_blocking"]

log = logging.getLogger("kiosk.resolver")
RETRY_TRANSIENT_S = 30.0
RETRY_PERMANENT_S = 600.0


def _complete(kind: ItemKind, item: Item, described: Descriptor) -> Descriptor:
    return {**described, "kind": item.kind, "duration_s": item.duration_s, "view": kind.view.resolve().as_uri()}


def resolve_blocking(item: Item, size_px: tuple[int, int], ctx: ResolveContext) -> Resolution:
    """Everything slow about one item; runs in a worker thread. Failures are results, not exceptions."""
    try:
        kind = kind_for(item)
        if kind.resolve is None:
            return describe_immediately(item, ctx)
        result = kind.resolve(item, size_px, ctx)
    except KindMissing as exc:
        return Resolution(None, str(exc), permanent=True)
    except SourceUnavailable as exc:
        return Resolution(None, str(exc), exc.permanent)
    except MediaError as exc:
        return Resolution(None, str(exc), permanent=True)
    except OSError as exc:
        return Resolution(None, f"file system error: {exc}", permanent=False)
    if result.descriptor is None:
        return result
    return Resolution(_complete(kind, item, result.descriptor), result.error, result.permanent, result.note)


def describe_immediately(item: Item, ctx: ResolveContext) -> Resolution:
    kind = kind_for(item)
    assert kind.describe is not None
    return Resolution(_complete(kind, item, kind.describe(item, ctx)))


class Resolver:
    """Resolves the items of one layout, each once (URLs re-checked after ``refresh_s``)."""

    def __init__(self, jobs: Jobs, layout: Layout, ctx: ResolveContext, refresh_s: float = 300.0,
                 clock: Clock | None = None) -> None:
        self._jobs = jobs
        self._layout = layout
        self._ctx = ctx
        self._refresh_s = refresh_s
        self._clock = clock or SystemClock()
        self._results: dict[tuple[int, int], Resolution] = {}
        self._in_flight: set[tuple[int, int]] = set()
        self._requested_at: dict[tuple[int, int], float] = {}
        self.closed = False

    def result(self, key: tuple[int, int]) -> Resolution | None:
        return self._results.get(key)

    def requested_at(self, key: tuple[int, int]) -> float | None:
        return self._requested_at.get(key)

    def _is_fresh(self, item: Item, previous: Resolution) -> bool:
        age_s = self._clock.monotonic() - previous.resolved_at_s
        if previous.descriptor is None:
            return age_s <= (RETRY_PERMANENT_S if previous.permanent else RETRY_TRANSIENT_S)
        try:
            refreshes = kind_for(item).refreshes(item)
        except KindMissing:
            return True
        return not (refreshes and age_s > self._refresh_s)

    def request(self, key: tuple[int, int], size_px: tuple[int, int], done: Callable[[tuple[int, int], Resolution], None]) -> None:
        """Start resolving unless already done (and fresh) or under way; ``done`` runs on the GUI thread."""
        region_index, item_index = key
        item = self._layout.regions[region_index].playlist[item_index]
        previous = self._results.get(key)
        if key in self._in_flight or (previous is not None and self._is_fresh(item, previous)):
            return
        self._requested_at.setdefault(key, self._clock.monotonic())
        try:
            immediate = kind_for(item).describe is not None
        except KindMissing as exc:
            self._finish(key, Resolution(None, str(exc), permanent=True), done)
            return
        if immediate:
            self._finish(key, describe_immediately(item, self._ctx), done)
            return
        self._in_flight.add(key)

        def finished(result: Any, error: BaseException | None) -> None:
            self._in_flight.discard(key)
            if self.closed:
                return
            if error is not None:
                result = Resolution(None, f"{type(error).__name__}: {error}", permanent=False)
            if result.descriptor is None and previous is not None and previous.descriptor is not None:
                # A refresh failed: keep playing what we had.
                result = Resolution(previous.descriptor, note=f"refresh failed ({result.error}); keeping the cached copy")
            self._finish(key, result, done)

        self._jobs.submit(lambda: resolve_blocking(item, size_px, self._ctx), finished)

    def _finish(self, key: tuple[int, int], result: Resolution,
                done: Callable[[tuple[int, int], Resolution], None]) -> None:
        result = replace(result, resolved_at_s=self._clock.monotonic())
        self._results[key] = result
        done(key, result)


