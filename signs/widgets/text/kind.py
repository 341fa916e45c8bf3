"""Plain text, described at once (nothing to fetch)."""

from pathlib import Path

from signs.kinds import ItemKind
from signs.resolution import Descriptor, ResolveContext
from signs.widgets.text.item import TextItem


def describe(item: TextItem, ctx: ResolveContext) -> Descriptor:
    return {"text": item.text, "font_size_px": item.font_size_px, "color": item.color, "background": item.background or "",
            "align": item.align, "bold": item.bold, "font_family": ctx.font_family}


KINDS = [ItemKind("text", Path(__file__).with_name("TextView.qml"), describe=describe)]
