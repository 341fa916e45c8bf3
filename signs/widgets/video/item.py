from typing import Literal

from signs.widgets.sources import SourcedItem


class VideoItem(SourcedItem):
    kind: Literal["video"]
    muted: bool = True


ITEM_MODELS = (VideoItem,)
