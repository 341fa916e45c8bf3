"""Videos: the file is made complete in the cache (pool); Qt Multimedia plays it."""

from pathlib import Path

from media.sources import obtain
from signs.kinds import ItemKind
from signs.resolution import Resolution, ResolveContext, file_url
from signs.widgets.sources import refreshes_when_remote
from signs.widgets.video.item import VideoItem

VIEW = Path(__file__).with_name("VideoView.qml")


def resolve(item: VideoItem, size_px: tuple[int, int], ctx: ResolveContext) -> Resolution:
    source = obtain(item.src, ctx.base_dir, ctx.cache, ctx.protected)
    return Resolution({"source": file_url(source.path), "muted": item.muted}, note=source.note)


KINDS = [ItemKind("video", VIEW, resolve=resolve, refreshes=refreshes_when_remote)]
