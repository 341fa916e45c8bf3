"""First pages drawn ahead, in the pool: a tap on one of the latest acts shows its first page in the
very next frame, while QtPdf renders the live page (zoomable) behind it."""

from dataclasses import replace
from pathlib import Path

from media.errors import PreparationFailed
from signs.legal_acts.model import Listing
from signs.resolution import ResolveContext, derived_file, file_url
from signs.widgets.pdf.pages import render_pdf_page

PREVIEWED_ACTS = 48  # the latest: those the home lists, where most taps go
SHEET_SHARE = (0.62, 0.86)  # of the view's size: where the reader draws the page at zoom 1


def with_previews(listings: list[Listing], ctx: ResolveContext, size_px: tuple[int, int]) -> list[Listing]:
    width, height = (max(1, round(side * share)) for side, share in zip(size_px, SHEET_SHARE, strict=True))
    latest = sorted((i for i in listings if i.status == "ready"), key=lambda i: (i.online_on, i.id), reverse=True)
    chosen = {i.id for i in latest[:PREVIEWED_ACTS]}
    return [_previewed(i, ctx, width, height) if i.id in chosen else i for i in listings]


def _previewed(listing: Listing, ctx: ResolveContext, width: int, height: int) -> Listing:
    source = Path(listing.pdf_url.removeprefix("file://"))
    try:
        path = derived_file(ctx.cache, f"act-preview:{listing.sha256}:{width}x{height}",
                            lambda out: render_pdf_page(source, 1, out.with_suffix(".png"), width, height), ctx.protected)
    except (PreparationFailed, OSError):
        return listing  # no preview: the reader renders the page itself
    return replace(listing, preview_url=file_url(path))
