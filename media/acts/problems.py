"""Why an act (or a row of a file) could not be used: where, and a sentence saying what is wrong."""

from dataclasses import dataclass

from common.terminal import printable


@dataclass(frozen=True, slots=True)
class ActProblem:
    where: str  # "acts.csv:12:DELIB_DATE", "$.acts[3].display.until", "act DEL-2026-112"
    reason: str

    def __str__(self) -> str:
        return f"{printable(self.where, 300)}: {printable(self.reason, 500)}"


class FeedRefused(Exception):
    """A whole document cannot be read (not JSON, not CSV, too deep, wrong schema version)."""
