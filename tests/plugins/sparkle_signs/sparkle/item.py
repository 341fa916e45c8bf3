"""A test-only kind: a field of stars. Its model, with a rule of its own."""

from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Color, ItemBase
from layouts.errors import Problem


class SparkleItem(ItemBase):
    kind: Literal["sparkle"]
    stars: Annotated[int, Field(ge=1, le=500)] = 12
    color: Color = "#ffd400"
    twinkle_every_s: Annotated[float, Field(gt=0, le=60)] = 1.0

    def problems(self, path: str) -> list[Problem]:
        found = super().problems(path)
        if self.twinkle_every_s > self.duration_s:
            found.append(Problem(f"{path}.twinkle_every_s", "must twinkle at least once while on screen"))
        return found


ITEM_MODELS = (SparkleItem,)
