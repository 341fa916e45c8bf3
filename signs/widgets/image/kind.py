"""Images: fetched (or taken from the cache), fitted to the region by Pillow, in the pool."""

from pathlib import Path

from media.prepare import prepare_image
from media.sources import obtain
from signs.kinds import ItemKind
from signs.resolution import Resolution, ResolveContext, derived_file, file_url
from signs.widgets.image.item import ImageItem
from signs.widgets.sources import refreshes_when_remote

VIEW = Path(__file__).with_name("ImageView.qml")


def resolve(item: ImageItem, size_px: tuple[int, int], ctx: ResolveContext) -> Resolution:
    width, height = size_px
    source = obtain(item.src, ctx.base_dir, ctx.cache, ctx.protected)
    key = f"image:{source.sha256}:{width}x{height}:{item.fit}"
    path = derived_file(ctx.cache, key, lambda out: prepare_image(source.path, out, width, height, item.fit),
                        ctx.protected, source)
    return Resolution({"source": file_url(path), "fit": item.fit}, note=source.note)


KINDS = [ItemKind("image", VIEW, resolve=resolve, refreshes=refreshes_when_remote)]
