"""Typed model of a layout document (schema version 2).

A layout describes one screen: its logical size and orientation, a background, a theme, and
regions (rectangles with a z-order), each playing a playlist of items in a loop.
"""

from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Identifier, ItemBase, Strict
from layouts.beach import BeachPanelItem

CURRENT_SCHEMA_VERSION = 2

Color = Annotated[
    str,
    Field(pattern=r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$", description="#RRGGBB or #AARRGGBB"),
]
Source = Annotated[
    str,
    Field(
        min_length=1,
        max_length=2048,
        description="an http(s) URL, or a path relative to the layout file",
    ),
]


class ImageItem(ItemBase):
    kind: Literal["image"]
    src: Source
    fit: Literal["contain", "cover"] = "contain"


class VideoItem(ItemBase):
    kind: Literal["video"]
    src: Source
    muted: bool = True


class WebItem(ItemBase):
    kind: Literal["web"]
    url: Annotated[str, Field(min_length=1, max_length=2048, description="http(s) URL, or local:/path served by the runtime")]
    allow: list[Annotated[str, Field(min_length=1, max_length=253)]] = Field(
        default_factory=list,
        description="hosts the page may navigate to besides its own (exact, or *.example.org)",
    )
    zoom: Annotated[float, Field(ge=0.25, le=5.0)] = 1.0
    load_timeout_s: Annotated[float, Field(ge=1, le=300)] = Field(default=20.0, description="a page not loaded by then is skipped")


class PdfItem(ItemBase):
    kind: Literal["pdf"]
    src: Source
    page: Annotated[int, Field(ge=1, le=10_000)] = 1


class TextItem(ItemBase):
    kind: Literal["text"]
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    font_size_px: Annotated[int, Field(ge=8, le=600)] = 48
    color: Color = "#ffffff"
    background: Color | None = None
    align: Literal["left", "center", "right"] = "center"
    bold: bool = False


class ClockItem(ItemBase):
    kind: Literal["clock"]
    time_format: Annotated[str, Field(min_length=1, max_length=64, description="Qt time format, e.g. HH:mm")] = "HH:mm"
    show_date: bool = True
    timezone: str | None = Field(default=None, description="IANA zone, e.g. Europe/Paris; default: the device's")
    font_size_px: Annotated[int, Field(ge=8, le=600)] = 96
    color: Color = "#ffffff"


class QrItem(ItemBase):
    kind: Literal["qr"]
    data: Annotated[str, Field(min_length=1, max_length=1500)]
    caption: Annotated[str, Field(max_length=200)] | None = None
    foreground: Color = "#000000"
    background: Color = "#ffffff"


Item = Annotated[
    ImageItem | VideoItem | WebItem | PdfItem | TextItem | ClockItem | QrItem | BeachPanelItem,
    Field(discriminator="kind"),
]
ITEM_KINDS = ("image", "video", "web", "pdf", "text", "clock", "qr", "beach_panel")


class Region(Strict):
    id: Identifier
    x: Annotated[int, Field(ge=0)]
    y: Annotated[int, Field(ge=0)]
    width: Annotated[int, Field(gt=0, le=16_384)]
    height: Annotated[int, Field(gt=0, le=16_384)]
    z: int = 0
    background: Color | None = None
    playlist: Annotated[list[Item], Field(min_length=1, max_length=1000)]


class Screen(Strict):
    width: Annotated[int, Field(gt=0, le=16_384)] = 1920
    height: Annotated[int, Field(gt=0, le=16_384)] = 1080
    orientation: Literal["landscape", "portrait", "landscape-flipped", "portrait-flipped"] = "landscape"


class Theme(Strict):
    font_family: Annotated[str, Field(min_length=1, max_length=100)] = "DejaVu Sans"
    accent: Color = "#0b5cad"


class Layout(Strict):
    schema_version: Literal[2] = CURRENT_SCHEMA_VERSION
    name: Annotated[str, Field(min_length=1, max_length=200)]
    screen: Screen = Screen()
    background: Color = "#000000"
    locale: Annotated[str, Field(pattern=r"^[a-z]{2}(_[A-Z]{2})?$", description="language of dates, e.g. fr_FR")] = "fr_FR"
    theme: Theme = Theme()
    regions: Annotated[list[Region], Field(min_length=1, max_length=64)]


def item_id(region: Region, index: int) -> str:
    """The name an item goes by in logs: its own id, else its 1-based position in the playlist."""
    item = region.playlist[index]
    return item.id or f"{index + 1}"
