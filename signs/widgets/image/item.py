from typing import Literal

from signs.widgets.sources import SourcedItem


class ImageItem(SourcedItem):
    kind: Literal["image"]
    fit: Literal["contain", "cover"] = "contain"


ITEM_MODELS = (ImageItem,)
