from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Color, ItemBase
from layouts.errors import Problem

# The bytes a version-40 QR code holds at error correction M in byte mode: segno raises past it.
MAX_QR_BYTES = 2331


class QrItem(ItemBase):
    kind: Literal["qr"]
    data: Annotated[str, Field(min_length=1, max_length=1500)]
    caption: Annotated[str, Field(max_length=200)] | None = None
    foreground: Color = "#000000"
    background: Color = "#ffffff"

    def problems(self, path: str) -> list[Problem]:
        size = len(self.data.encode("utf-8", "surrogatepass"))  # pydantic refuses lone surrogates before this
        too_big = [Problem(f"{path}.data", f"is {size} bytes in UTF-8; a QR code holds at most {MAX_QR_BYTES}")]
        return super().problems(path) + (too_big if size > MAX_QR_BYTES else [])


ITEM_MODELS = (QrItem,)
