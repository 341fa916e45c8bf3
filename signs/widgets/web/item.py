from typing import Annotated, Literal

from pydantic import Field

from layouts.base import ItemBase
from layouts.checks import web_url_problems
from layouts.errors import Problem


class WebItem(ItemBase):
    kind: Literal["web"]
    url: Annotated[str, Field(min_length=1, max_length=2048, description="http(s) URL, or local:/path served by the runtime")]
    allow: list[Annotated[str, Field(min_length=1, max_length=253)]] = Field(
        default_factory=list,
        description="hosts the page may navigate to besides its own (exact, or *.example.org)",
    )
    zoom: Annotated[float, Field(ge=0.25, le=5.0)] = 1.0
    load_timeout_s: Annotated[float, Field(ge=1, le=300)] = Field(default=20.0, description="a page not loaded by then is skipped")

    def problems(self, path: str) -> list[Problem]:
        return super().problems(path) + web_url_problems(f"{path}.url", self.url)


ITEM_MODELS = (WebItem,)
