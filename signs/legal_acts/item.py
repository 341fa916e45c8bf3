"""The legal-acts item of a layout: where its acts come from and how the catalogue is shown."""

from typing import Annotated, Literal

from pydantic import Field

from layouts.base import ItemBase, Strict
from layouts.checks import source_problems, url_problems, zone_problems
from layouts.errors import Problem


class ActsFeedSource(Strict):
    format: Literal["json", "scdl"] = Field(description="json: the acts feed (kiosk schema --acts); scdl: SCDL Délibérations CSV")
    url: Annotated[str, Field(min_length=1, max_length=2048, description=(
        "http(s) URL, read again with ETag each time the runtime refreshes the item (every 5 minutes at most, "
        "when the item is shown again)"))]


class DefaultAuthor(Strict):
    """Who signs the acts of an SCDL file (it has no author column)."""

    first_name: Annotated[str, Field(min_length=1, max_length=100)] = "François"
    name: Annotated[str, Field(min_length=1, max_length=100)] = "Bernardini"
    capacity: Annotated[str, Field(min_length=1, max_length=200)] = "Maire d'Istres"


class LegalActsItem(ItemBase):
    kind: Literal["legal_acts"]
    title: Annotated[str, Field(min_length=1, max_length=120)] = "Actes administratifs"
    mode: Literal["touch", "outdoor"] = Field(default="touch", description="outdoor: no touch, the catalogue pages itself")
    acts_file: Annotated[str, Field(min_length=1, max_length=512)] | None = Field(
        default=None, description="an acts feed (JSON) shipped in the layout's bundle, relative to the layout")
    bundled_files: Annotated[list[Annotated[str, Field(min_length=1, max_length=512)]], Field(max_length=2000)] = Field(
        default_factory=list, description="the PDFs acts_file names, so the signed bundle carries them")
    feeds: Annotated[list[ActsFeedSource], Field(max_length=16)] = Field(default_factory=list)
    scdl_author: DefaultAuthor = Field(default_factory=DefaultAuthor)
    page_size: Annotated[int, Field(ge=3, le=20)] = 6
    outdoor_page_s: Annotated[float, Field(ge=5, le=120)] = Field(default=12, description="seconds per act in outdoor mode")
    attract_tour: bool = Field(default=False, description="touch mode: while nobody uses it, show a search and a reading")
    languages: Literal["fr", "fr+en"] = "fr+en"
    timezone: Annotated[str, Field(min_length=1, max_length=64)] = "Europe/Paris"
    paper_copy_fr: Annotated[str, Field(max_length=200)] = "Copie papier sur demande à l'accueil de la mairie"
    paper_copy_en: Annotated[str, Field(max_length=200)] = "Paper copy on request at the town hall reception"

    def problems(self, path: str) -> list[Problem]:
        found = super().problems(path) + zone_problems(f"{path}.timezone", self.timezone)
        if self.acts_file is None and not self.feeds:
            found.append(Problem(path, "give where the acts come from: acts_file (in the bundle) or feeds"))
        for name, value in self.file_references().items():
            found += source_problems(f"{path}.{name}", value)
        for index, feed in enumerate(self.feeds):
            found += url_problems(f"{path}.feeds[{index}].url", feed.url, ("http", "https"))
        return found

    def file_references(self) -> dict[str, str]:
        files = {"acts_file": self.acts_file} if self.acts_file is not None else {}
        files.update({f"bundled_files[{i}]": name for i, name in enumerate(self.bundled_files)})
        return files


ITEM_MODELS = (LegalActsItem,)
