"""The JSON acts feed, as pydantic models: what one entry must hold (also the JSON Schema, ``kiosk schema --acts``).

A feed document: ``{"schema_version": 1, "acts": [ ... ]}``. Every entry is checked on its own: a bad
entry is reported (with its JSON path) and left out; the others are kept.
"""

import json
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from media.acts.categories import CATEGORIES

FEED_SCHEMA_VERSION = 1
MAX_ACTS = 20_000

Text = Annotated[str, Field(min_length=1, max_length=500)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the file, 64 lower-case hex digits")]
Src = Annotated[str, Field(min_length=1, max_length=2048, description="an https:// URL, or a path relative to the feed file in a bundle")]
Url = Annotated[str, Field(max_length=2048, pattern=r"^https?://[^\s]+$", description="an http(s) URL")]
Pages = Annotated[int, Field(ge=1, le=5000, strict=True)]


def _iso_text(value: object) -> object:
    """Dates only as written YYYY-MM-DD: a number would otherwise be read as a timestamp."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class AuthorEntry(_Strict):
    first_name: Text
    name: Text
    capacity: Annotated[Text, Field(description="e.g. Maire, Adjoint délégué à l'urbanisme")]


class DocumentEntry(_Strict):
    src: Src
    sha256: Sha256 | None = Field(default=None, description="required for acts of the JSON feed; the file shown must match it")
    pages: Pages | None = None
    title: Annotated[str, Field(max_length=200)] = ""


class DisplayEntry(_Strict):
    from_: IsoDate = Field(alias="from", description="first day on display (YYYY-MM-DD)")
    until: IsoDate | Literal["until_decision"] = Field(description="last day on display, or until_decision")
    decided_on: IsoDate | None = Field(default=None, description="filing notices: the decision that ends the instruction")


class ActEntry(_Strict):
    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$")]
    category: Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]
    title: Annotated[str, Field(min_length=1, max_length=1000, description="the objet of the act")]
    number: Annotated[str, Field(max_length=64)] = ""
    author: AuthorEntry
    adopted_on: IsoDate
    online_on: IsoDate = Field(description="the date it was put online (mis en ligne le)")
    display: DisplayEntry
    pdf: DocumentEntry
    annexes: Annotated[list[DocumentEntry], Field(max_length=50)] = Field(default_factory=list)
    website_url: Url | None = None


class ActsFeed(_Strict):
    schema_version: Literal[1]
    acts: Annotated[list[dict], Field(max_length=MAX_ACTS)]


def acts_json_schema_text() -> str:
    schema = ActsFeed.model_json_schema()
    schema["properties"]["acts"]["items"] = {"$ref": "#/$defs/ActEntry"}
    entry = ActEntry.model_json_schema(by_alias=True)
    schema.setdefault("$defs", {}).update(entry.pop("$defs", {}))
    schema["$defs"]["ActEntry"] = entry
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Istres kiosk acts feed"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
