"""Errors of the layouts package and the Problem record the validator reports."""

import reprlib
from dataclasses import dataclass
from typing import Any

from common.terminal import printable, quoted

_SHORT = reprlib.Repr(maxlevel=2, maxlist=3, maxdict=3, maxstring=60, maxother=60, maxlong=40)


def shown(value: Any) -> str:
    """An offending input as a message shows it: quoted and escaped, bounded (it may be 2 MB of text)."""
    return quoted(value, 80) if isinstance(value, str) else printable(_SHORT.repr(value), 80)


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a layout document: where (a JSON path such as ``$.regions[0].x``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class LayoutError(Exception):
    """Base of every error raised by the layouts package."""


class LayoutInvalid(LayoutError):
    """The document is not a valid layout; ``problems`` lists every mistake found, not just the first."""

    def __init__(self, problems: list[Problem], source: str = "layout") -> None:
        self.problems = problems
        self.source = source
        listing = "; ".join(str(p) for p in problems[:5])
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{source} is invalid: {listing}{more}")


class LayoutTooNew(LayoutError):
    """The document declares a schema version newer than this runtime understands."""


class LayoutStoreError(LayoutError):
    """The on-disk store of layouts could not be read or written."""
