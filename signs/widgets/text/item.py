from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Color, ItemBase


class TextItem(ItemBase):
    kind: Literal["text"]
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    font_size_px: Annotated[int, Field(ge=8, le=600)] = 48
    color: Color = "#ffffff"
    background: Color | None = None
    align: Literal["left", "center", "right"] = "center"
    bold: bool = False


ITEM_MODELS = (TextItem,)
