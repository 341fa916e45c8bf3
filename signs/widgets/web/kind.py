"""Web pages in QtWebEngine, held to their origin and allow-list (signs.widgets.navigation)."""

from pathlib import Path

from signs.kinds import ItemKind
from signs.resolution import Descriptor, ResolveContext
from signs.widgets.web.item import WebItem


def describe(item: WebItem, ctx: ResolveContext) -> Descriptor:
    url = item.url
    if url.startswith("local:"):
        url = ctx.local_site_url.rstrip("/") + "/" + url.removeprefix("local:").lstrip("/")
    return {"source": url, "allow": list(item.allow), "zoom": item.zoom, "load_timeout_ms": round(item.load_timeout_s * 1000)}


KINDS = [ItemKind("web", Path(__file__).with_name("WebView.qml"), describe=describe)]
