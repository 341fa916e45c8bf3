import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from layouts.base import ItemBase
from layouts.checks import web_url_problems
from layouts.errors import Problem

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")  # a DNS label, ASCII (IDN hosts are written xn--...)


def _allowed_host(entry: str) -> str:
    """An allow-list entry: ``host.example.org`` exactly, or ``*.example.org`` for its sub-domains.

    A wildcard needs two labels after ``*.``: ``*`` or ``*.fr`` would open the page to a whole
    country. A trailing dot is refused: the navigation policy compares hosts as written, so
    ``istres.fr.`` would silently match nothing (or, as ``*.``, look like "anything").
    """
    if not entry.strip("*."):
        raise ValueError(f"would allow every host: name a domain, e.g. *.istres.fr (found {entry!r:.80})")
    wildcard = entry.startswith("*.")
    host = entry[2:] if wildcard else entry
    if "*" in host:
        raise ValueError(f"a * may only open the entry, as in *.istres.fr (found {entry!r:.80})")
    if host.endswith("."):
        raise ValueError(f"must not end with a dot: write {host.rstrip('.')!r:.80} (found {entry!r:.80})")
    labels = host.split(".")
    if not all(_LABEL.match(label) for label in labels):
        raise ValueError(f"must be a host name (letters, digits and '-' between dots) or *.domain (found {entry!r:.80})")
    if wildcard and (len(labels) < 2 or labels[-1].isdigit()):
        raise ValueError(f"a wildcard needs a domain of at least two labels after '*.', e.g. *.istres.fr (found {entry!r:.80})")
    return entry


AllowedHost = Annotated[str, Field(min_length=1, max_length=253), AfterValidator(_allowed_host)]


class WebItem(ItemBase):
    kind: Literal["web"]
    url: Annotated[str, Field(min_length=1, max_length=2048, description="http(s) URL, or local:/path served by the runtime")]
    allow: Annotated[list[AllowedHost], Field(max_length=64)] = Field(
        default_factory=list,
        description="hosts the page may navigate to besides its own (exact, or *.example.org)",
    )
    zoom: Annotated[float, Field(ge=0.25, le=5.0)] = 1.0
    load_timeout_s: Annotated[float, Field(ge=1, le=300)] = Field(default=20.0, description="a page not loaded by then is skipped")

    def problems(self, path: str) -> list[Problem]:
        return super().problems(path) + web_url_problems(f"{path}.url", self.url)


ITEM_MODELS = (WebItem,)
