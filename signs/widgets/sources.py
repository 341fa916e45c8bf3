"""What the file-based widget kinds (image, video, pdf) share: a ``src`` that is a URL or a file."""

from typing import Any

from layouts.base import ItemBase, Source
from layouts.checks import source_problems
from layouts.errors import Problem
from media.sources import is_url


class SourcedItem(ItemBase):
    src: Source

    def problems(self, path: str) -> list[Problem]:
        return super().problems(path) + source_problems(f"{path}.src", self.src)

    def file_references(self) -> dict[str, str]:
        return {"src": self.src}


def refreshes_when_remote(item: Any) -> bool:
    """A URL may change behind the same address: resolve it again now and then (ETag makes it cheap)."""
    return is_url(item.src)
