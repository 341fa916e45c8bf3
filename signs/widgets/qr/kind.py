"""QR codes, drawn by segno in the pool and kept in the cache."""

from pathlib import Path

from media.qr import render_qr_png
from signs.kinds import ItemKind
from signs.resolution import Resolution, ResolveContext, derived_file, file_url
from signs.widgets.qr.item import QrItem

VIEW = Path(__file__).with_name("QrView.qml")
CAPTION_PX = 60


def resolve(item: QrItem, size_px: tuple[int, int], ctx: ResolveContext) -> Resolution:
    width, height = size_px
    side = min(width, height - (CAPTION_PX if item.caption else 0))
    key = f"qr:{item.data}:{item.foreground}:{item.background}:{side}"
    path = derived_file(ctx.cache, key, lambda out: render_qr_png(item.data, out.with_suffix(".png"), side, item.foreground, item.background),
                        ctx.protected)
    return Resolution({"source": file_url(path), "caption": item.caption or "", "background": item.background,
                       "font_family": ctx.font_family})


KINDS = [ItemKind("qr", VIEW, resolve=resolve)]
