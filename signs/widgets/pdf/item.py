from typing import Annotated, Literal

from pydantic import Field

from signs.widgets.sources import SourcedItem


class PdfItem(SourcedItem):
    kind: Literal["pdf"]
    page: Annotated[int, Field(ge=1, le=10_000)] = 1


ITEM_MODELS = (PdfItem,)
