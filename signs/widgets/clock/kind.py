"""A clock (and date), described at once; the view ticks on its own."""

from pathlib import Path

from signs.kinds import ItemKind
from signs.resolution import Descriptor, ResolveContext
from signs.widgets.clock.item import ClockItem


def describe(item: ClockItem, ctx: ResolveContext) -> Descriptor:
    return {"time_format": item.time_format, "show_date": item.show_date, "timezone": item.timezone or "",
            "font_size_px": item.font_size_px, "color": item.color, "font_family": ctx.font_family, "locale": ctx.locale}


KINDS = [ItemKind("clock", Path(__file__).with_name("ClockView.qml"), describe=describe)]


def qml_context(parent):  # noqa: ANN001, ANN201 - Qt objects, made only by the runtime
    """Objects the clock view calls: texts in any IANA zone and language (JavaScript dates cannot)."""
    from signs.widgets.clock.formatter import ClockFormatter

    return {"clockFormatter": ClockFormatter(parent)}
