"""Turns layout items into what a view can draw (a descriptor for QML), doing the slow part in Jobs.

Images are fetched (or taken from the cache), prepared with Pillow to the region's pixel size and
admitted to the cache; PDF pages are rendered with QtPdf; QR codes drawn with segno. The GUI
thread only ever sees finished files.
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl

from kiosk.beach_live import panel_key
from kiosk.jobs import Jobs
from kiosk.pdf_pages import render_pdf_page
from layouts.beach import BeachPanelItem
from layouts.model import (
    ClockItem,
    ImageItem,
    Item,
    Layout,
    PdfItem,
    QrItem,
    TextItem,
    VideoItem,
    WebItem,
)
from media.cache import ContentCache
from media.errors import MediaError
from media.prepare import prepare_image
from media.qr import render_qr_png
from media.sources import LocalFile, SourceUnavailable, is_url, obtain, sha256_of

log = logging.getLogger("kiosk.resolver")
Descriptor = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Resolution:
    descriptor: Descriptor | None
    error: str | None = None
    permanent: bool = False
    note: str = ""
    resolved_at_s: float = field(default_factory=time.monotonic)


@dataclass(frozen=True, slots=True)
class ResolveContext:
    base_dir: Path
    cache: ContentCache
    local_site_url: str  # where local:/path web items are served, e.g. http://127.0.0.1:8123
    protected: frozenset[str]
    font_family: str
    locale: str


def _file_url(path: Path) -> str:
    return QUrl.fromLocalFile(str(path)).toString()


def _derived(cache: ContentCache, key: str, make: Callable[[Path], Path], protected: frozenset[str],
             source: LocalFile | None = None) -> Path:
    """A file computed once (prepared image, PDF page, QR code) and kept in the cache under ``key``.

    Qt recognises the format from the content, so the cached object needs no suffix.
    """
    cached = cache.lookup_derived(key)
    if cached:
        return cached
    made = make(cache.staging_dir() / uuid.uuid4().hex)
    try:
        sha = sha256_of(made)
        path = cache.admit(made, sha, protected=protected, source_sha256=source.sha256 if source else None)
    finally:
        made.unlink(missing_ok=True)
    cache.record_derived(key, sha)
    return path


def resolve_blocking(item: Item, size_px: tuple[int, int], ctx: ResolveContext) -> Resolution:
    """Everything slow about one item; runs in a worker thread."""
    width, height = size_px
    base: Descriptor = {"kind": item.kind, "duration_s": item.duration_s}
    try:
        if isinstance(item, ImageItem):
            source = obtain(item.src, ctx.base_dir, ctx.cache, ctx.protected)
            key = f"image:{source.sha256}:{width}x{height}:{item.fit}"
            path = _derived(ctx.cache, key, lambda out: prepare_image(source.path, out, width, height, item.fit),
                            ctx.protected, source)
            return Resolution({**base, "source": _file_url(path), "fit": item.fit}, note=source.note)
        if isinstance(item, PdfItem):
            source = obtain(item.src, ctx.base_dir, ctx.cache, ctx.protected)
            key = f"pdf:{source.sha256}:{item.page}:{width}x{height}"
            path = _derived(ctx.cache, key, lambda out: render_pdf_page(source.path, item.page, out.with_suffix(".png"), width, height),
                            ctx.protected, source)
            return Resolution({**base, "kind": "image", "source": _file_url(path), "fit": "contain"}, note=source.note)
        if isinstance(item, VideoItem):
            source = obtain(item.src, ctx.base_dir, ctx.cache, ctx.protected)
            return Resolution({**base, "source": _file_url(source.path), "muted": item.muted}, note=source.note)
        if isinstance(item, QrItem):
            side = min(width, height - (60 if item.caption else 0))
            key = f"qr:{item.data}:{item.foreground}:{item.background}:{side}"
            path = _derived(ctx.cache, key, lambda out: render_qr_png(item.data, out.with_suffix(".png"), side, item.foreground, item.background),
                            ctx.protected)
            return Resolution({**base, "source": _file_url(path), "caption": item.caption or "", "background": item.background,
                               "font_family": ctx.font_family})
    except SourceUnavailable as exc:
        return Resolution(None, str(exc), exc.permanent)
    except MediaError as exc:
        return Resolution(None, str(exc), permanent=True)
    except OSError as exc:
        return Resolution(None, f"file system error: {exc}", permanent=False)
    return describe_immediately(item, ctx) or Resolution(None, f"unknown item kind {item.kind!r}", True)


def describe_immediately(item: Item, ctx: ResolveContext) -> Resolution | None:
    """Items that need no file (text, clock, web, live panels): described at once on the GUI thread."""
    base: Descriptor = {"kind": item.kind, "duration_s": item.duration_s}
    if isinstance(item, TextItem):
        return Resolution({**base, "text": item.text, "font_size_px": item.font_size_px, "color": item.color,
                           "background": item.background or "", "align": item.align, "bold": item.bold,
                           "font_family": ctx.font_family})
    if isinstance(item, ClockItem):
        return Resolution({**base, "time_format": item.time_format, "show_date": item.show_date,
                           "timezone": item.timezone or "", "font_size_px": item.font_size_px, "color": item.color,
                           "font_family": ctx.font_family, "locale": ctx.locale})
    if isinstance(item, BeachPanelItem):
        return Resolution({**base, "panel": panel_key(item)})
    if isinstance(item, WebItem):
        url = item.url
        if url.startswith("local:"):
            url = ctx.local_site_url.rstrip("/") + "/" + url.removeprefix("local:").lstrip("/")
        return Resolution({**base, "source": url, "allow": list(item.allow), "zoom": item.zoom,
                           "load_timeout_ms": round(item.load_timeout_s * 1000)})
    return None


class Resolver:
    """Resolves the items of one layout, each once (URLs re-checked after ``refresh_s``)."""

    def __init__(self, jobs: Jobs, layout: Layout, ctx: ResolveContext, refresh_s: float = 300.0) -> None:
        self._jobs = jobs
        self._layout = layout
        self._ctx = ctx
        self._refresh_s = refresh_s
        self._results: dict[tuple[int, int], Resolution] = {}
        self._in_flight: set[tuple[int, int]] = set()
        self._requested_at: dict[tuple[int, int], float] = {}
        self.closed = False

    def result(self, key: tuple[int, int]) -> Resolution | None:
        return self._results.get(key)

    def requested_at(self, key: tuple[int, int]) -> float | None:
        return self._requested_at.get(key)

    def request(self, key: tuple[int, int], size_px: tuple[int, int], done: Callable[[tuple[int, int], Resolution], None]) -> None:
        """Start resolving unless already done (and fresh) or under way; ``done`` runs on the GUI thread."""
        region_index, item_index = key
        item = self._layout.regions[region_index].playlist[item_index]
        previous = self._results.get(key)
        if key in self._in_flight:
            return
        if previous is not None:
            age_s = time.monotonic() - previous.resolved_at_s
            needs_refresh = hasattr(item, "src") and is_url(item.src) and age_s > self._refresh_s
            failed_retry = previous.descriptor is None and age_s > (600 if previous.permanent else 30)
            if not (needs_refresh or failed_retry):
                return
        self._requested_at.setdefault(key, time.monotonic())
        immediate = describe_immediately(item, self._ctx)
        if immediate is not None:
            self._results[key] = immediate
            done(key, immediate)
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
            self._results[key] = result
            done(key, result)

        self._jobs.submit(lambda: resolve_blocking(item, size_px, self._ctx), finished)
