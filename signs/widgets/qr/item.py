from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Color, ItemBase


class QrItem(ItemBase):
    kind: Literal["qr"]
    data: Annotated[str, Field(min_length=1, max_length=1500)]
    caption: Annotated[str, Field(max_length=200)] | None = None
    foreground: Color = "#000000"
    background: Color = "#ffffff"


ITEM_MODELS = (QrItem,)
