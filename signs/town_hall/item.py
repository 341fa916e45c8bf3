"""The town_hall item of a layout: the home tiles of the touch kiosk, its feeds, its pages, Acceo.

Pure pydantic (no Qt): the validator, the JSON Schema and the bundle checker read it.
"""

from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Identifier, ItemBase, Strict
from layouts.checks import control_character, source_problems, url_problems
from layouts.errors import Problem
from signs.legal_acts.item import LegalActsItem
from signs.town_hall.acceo_config import AcceoConfig
from signs.widgets.web.item import AllowedHost

NativeView = Literal["agenda", "news", "info", "legal_acts", "acceo", "map"]
Pictogram = Literal["calendar", "news", "info", "law", "hands", "map", "form", "clock", "ticket", "person", "web"]
Label = Annotated[str, Field(min_length=1, max_length=60)]
PageText = Annotated[str, Field(min_length=1, max_length=4000)]


class Tile(Strict):
    id: Identifier
    label_fr: Label
    label_en: Label
    pictogram: Pictogram = "info"
    view: NativeView | None = Field(default=None, description="a native view; or give url (a web page)")
    url: Annotated[str, Field(min_length=1, max_length=2048)] | None = Field(default=None, description="https page opened in the locked-down browser")
    allow: Annotated[list[AllowedHost], Field(max_length=64)] = Field(default_factory=list, description="hosts the page may reach besides its own")


class TownHallActs(LegalActsItem):
    """A legal_acts catalogue inside the kiosk (its kind is implied: write its fields only)."""

    kind: Literal["legal_acts"] = "legal_acts"
    mode: Literal["touch"] = "touch"


class InfoPage(Strict):
    title_fr: Label
    title_en: Label
    text_fr: PageText
    text_en: PageText


class TownHallItem(ItemBase):
    kind: Literal["town_hall"]
    duration_s: Annotated[float, Field(ge=1, le=86_400)] = 60.0
    title_fr: Label = "Mairie d'Istres"
    title_en: Label = "Istres town hall"
    tiles: Annotated[list[Tile], Field(min_length=1, max_length=16)]
    acceo: AcceoConfig | None = None
    agenda_url: Annotated[str, Field(min_length=1, max_length=2048)] | None = Field(
        default=None, description="iCalendar feed (http(s) URL, read again with ETag, or a file of the bundle)")
    news_url: Annotated[str, Field(min_length=1, max_length=2048)] | None = Field(
        default=None, description="RSS 2.0 or Atom feed (http(s) URL, read again with ETag, or a file of the bundle)")
    map_image: Annotated[str, Field(min_length=1, max_length=512)] | None = Field(
        default=None, description="the town map (a file of the bundle or a URL)")
    info_pages: Annotated[list[InfoPage], Field(max_length=40)] = Field(default_factory=list)
    legal_acts: TownHallActs | None = Field(default=None, description="the catalogue of acts the 'legal_acts' tile opens (as a legal_acts item)")
    idle_timeout_s: Annotated[float, Field(ge=20, le=600)] = Field(default=90, description="seconds without a touch before the warning")
    warning_s: Annotated[float, Field(ge=20, le=120)] = Field(default=30, description="countdown of the warning (at least 20 s)")
    timezone: Literal["Europe/Paris"] = "Europe/Paris"

    def problems(self, path: str) -> list[Problem]:
        found = super().problems(path)
        seen: set[str] = set()
        for index, tile in enumerate(self.tiles):
            found += self._tile_problems(f"{path}.tiles[{index}]", tile, seen)
        if self.acceo is not None:
            found += self.acceo.problems(f"{path}.acceo")
        if self.legal_acts is not None:
            found += self.legal_acts.problems(f"{path}.legal_acts")
        for name, value in self._own_files().items():  # the catalogue checks its own
            found += source_problems(f"{path}.{name}", value)
        for index, page in enumerate(self.info_pages):
            for field in ("title_fr", "title_en", "text_fr", "text_en"):
                bad = control_character(getattr(page, field).replace("\n", " "))
                if bad:
                    found.append(Problem(f"{path}.info_pages[{index}].{field}", f"contains a control character ({bad})"))
        return found

    def _tile_problems(self, path: str, tile: Tile, seen: set[str]) -> list[Problem]:
        found: list[Problem] = []
        if tile.id in seen:
            found.append(Problem(f"{path}.id", f"tile id {tile.id!r} is used twice"))
        seen.add(tile.id)
        if (tile.view is None) == (tile.url is None):
            return found + [Problem(path, "give the tile a native view or a url (one of them)")]
        if tile.url is not None:
            return found + url_problems(f"{path}.url", tile.url, ("https", "http"))
        needs = {"agenda": ("agenda_url", self.agenda_url), "news": ("news_url", self.news_url), "acceo": ("acceo", self.acceo),
                 "map": ("map_image", self.map_image), "legal_acts": ("legal_acts", self.legal_acts),
                 "info": ("info_pages", self.info_pages or None)}
        field, value = needs[tile.view]
        if value is None:
            found.append(Problem(f"{path}.view", f"the {tile.view} view needs {field} in the item"))
        return found

    def _own_files(self) -> dict[str, str]:
        named = {"agenda_url": self.agenda_url, "news_url": self.news_url, "map_image": self.map_image}
        return {name: value for name, value in named.items() if value is not None}

    def file_references(self) -> dict[str, str]:
        files = self._own_files()
        if self.legal_acts is not None:
            files.update({f"legal_acts.{name}": value for name, value in self.legal_acts.file_references().items()})
        return files


ITEM_MODELS = (TownHallItem,)
