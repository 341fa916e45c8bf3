"""``BundleRejected``: the one exception a bundle reader, manifest parser or bundle maker raises.

Its ``cause`` is a stable word (for counting and for HTTP statuses), its ``detail`` a sentence
saying what and where; every outside string in it is already escaped with ``common.terminal``.
"""

from layouts.errors import LayoutError


class BundleRejected(LayoutError):
    """The bundle cannot be used; ``cause`` is stable (for counting), the message says what and where."""

    def __init__(self, cause: str, detail: str, problems: list[str] | None = None) -> None:
        super().__init__(f"{cause}: {detail}")
        self.cause = cause
        self.detail = detail
        self.problems = problems or []
