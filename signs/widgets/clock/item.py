from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Color, ItemBase
from layouts.checks import zone_problems
from layouts.errors import Problem


class ClockItem(ItemBase):
    kind: Literal["clock"]
    time_format: Annotated[str, Field(min_length=1, max_length=64, description="Qt time format, e.g. HH:mm")] = "HH:mm"
    show_date: bool = True
    timezone: str | None = Field(default=None, description="IANA zone, e.g. Europe/Paris; default: the device's")
    font_size_px: Annotated[int, Field(ge=8, le=600)] = 96
    color: Color = "#ffffff"

    def problems(self, path: str) -> list[Problem]:
        found = super().problems(path)
        if self.timezone is not None:
            found += zone_problems(f"{path}.timezone", self.timezone)
        return found


ITEM_MODELS = (ClockItem,)
