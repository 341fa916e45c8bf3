"""Typed model of a layout document (schema version 2).

A layout describes one screen: its logical size and orientation, a background, a theme, and
regions (rectangles with a z-order), each playing a playlist of items in a loop. What an item can
be is not listed here: each kind is declared in its sign's folder and found through
``layouts.kinds``; a playlist entry is validated by the model its ``kind`` names.
"""

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from layouts import kinds
from layouts.base import Color, Identifier, ItemBase, Strict, described_pattern

CURRENT_SCHEMA_VERSION = 2
Item = ItemBase  # any registered kind; ``item.kind`` says which


class _AnyRegisteredKind:
    """Schema of a playlist entry: a union of every registered kind, told apart by ``kind``."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        models = kinds.item_models()
        return core_schema.tagged_union_schema({name: handler.generate_schema(model) for name, model in models.items()},
                                               discriminator="kind")


class Region(Strict):
    # Built on first use, not at import: the kinds are found by importing the sign folders, whose
    # item models import layouts; building here would find a half-imported folder.
    model_config = ConfigDict(**Strict.model_config, defer_build=True)

    id: Identifier
    x: Annotated[int, Field(ge=0, le=16_384)]
    y: Annotated[int, Field(ge=0, le=16_384)]
    width: Annotated[int, Field(gt=0, le=16_384)]
    height: Annotated[int, Field(gt=0, le=16_384)]
    z: Annotated[int, Field(ge=-1000, le=1000, description="stacking order; higher is in front")] = 0
    background: Color | None = None
    playlist: Annotated[list[Annotated[ItemBase, _AnyRegisteredKind]], Field(min_length=1, max_length=1000)]


class Screen(Strict):
    width: Annotated[int, Field(gt=0, le=16_384)] = 1920
    height: Annotated[int, Field(gt=0, le=16_384)] = 1080
    orientation: Literal["landscape", "portrait", "landscape-flipped", "portrait-flipped"] = "landscape"


class Theme(Strict):
    font_family: Annotated[str, Field(min_length=1, max_length=100)] = "DejaVu Sans"
    accent: Color = "#0b5cad"


class Layout(Strict):
    model_config = ConfigDict(**Strict.model_config, defer_build=True)

    schema_version: Literal[2] = CURRENT_SCHEMA_VERSION
    name: Annotated[str, Field(min_length=1, max_length=200)]
    screen: Screen = Screen()
    background: Color = "#000000"
    locale: Annotated[str, Field(pattern=described_pattern(r"^[a-z]{2}(_[A-Z]{2})?$", "must be a language written ll or ll_CC, e.g. fr or fr_FR"),
                                     description="language of dates, e.g. fr_FR")] = "fr_FR"
    theme: Theme = Theme()
    regions: Annotated[list[Region], Field(min_length=1, max_length=64)]


def _rebuild() -> None:
    # A kind registered after these classes were built (a test's, a plug-in's) must be accepted too.
    Region.model_rebuild(force=True)
    Layout.model_rebuild(force=True)


kinds.on_registry_change(_rebuild)


def item_id(region: Region, index: int) -> str:
    """The name an item goes by in logs: its own id, else its 1-based position in the playlist."""
    item = region.playlist[index]
    return item.id or f"{index + 1}"
