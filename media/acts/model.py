"""The typed act and its display window, with the checks a window must pass against its category.

Dates are calendar dates in the town's time zone (the display window is a legal notion counted in
days). An act with ``until`` None stays "until decision". A window shorter than its category's legal
minimum is a problem said in words, never silently lengthened.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from media.acts.categories import CATEGORIES, Category, MinimumKind
from media.acts.problems import ActProblem

EARLIEST_YEAR, LATEST_YEAR = 1990, 2100  # outside: an impossible date for a displayed act


@dataclass(frozen=True, slots=True)
class Author:
    first_name: str
    name: str
    capacity: str

    def line(self) -> str:
        return f"{self.first_name} {self.name}, {self.capacity}".strip(" ,")


@dataclass(frozen=True, slots=True)
class Document:
    """A PDF: where it comes from (URL or a path in the layout folder), its sha256 when declared."""

    src: str
    sha256: str | None = None
    pages: int | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    until: date | None  # None: until decision
    decided_on: date | None = None  # filing notices: the decision that ends the instruction


@dataclass(frozen=True, slots=True)
class Act:
    id: str
    category: str
    title: str
    number: str
    author: Author
    adopted_on: date
    online_on: date
    window: Window
    pdf: Document
    annexes: tuple[Document, ...] = ()
    website_url: str | None = None
    source: str = ""  # the feed or file it came from, for messages
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def category_info(self) -> Category:
        return CATEGORIES[self.category]

    def legal_minimum_fr(self) -> str:
        return self.category_info.minimum_fr()


def impossible_date(value: date) -> bool:
    return not EARLIEST_YEAR <= value.year <= LATEST_YEAR


def window_problems(act: Act, where: str) -> list[ActProblem]:
    """Whether the window can be honoured: in order, ends after it starts, no shorter than the minimum."""
    window, category = act.window, CATEGORIES[act.category]
    found = [ActProblem(where, f"impossible date {d.isoformat()} (years {EARLIEST_YEAR} to {LATEST_YEAR} only)")
             for d in (act.adopted_on, act.online_on, window.start, window.until, window.decided_on)
             if d is not None and impossible_date(d)]
    if found:
        return found
    if window.until is not None and window.until < window.start:
        return [ActProblem(where, f"display window ends ({window.until}) before it starts ({window.start})")]
    if category.minimum is MinimumKind.UNTIL_DECISION:
        if window.until is not None and (window.decided_on is None or window.until < window.decided_on):
            found.append(ActProblem(where, f"a {category.label_fr.lower()} stays on display for {category.minimum_fr()}: "
                                           f"give until \"until_decision\", or the decision date and an end on or after it"))
        return found
    earliest = category.earliest_end(window.start)
    if window.until is not None and earliest is not None and window.until < earliest:
        found.append(ActProblem(where, f"display window {window.start} to {window.until} is shorter than the legal minimum "
                                       f"for {category.label_fr} ({category.minimum_fr()}): it must not end before {earliest}"))
    return found


def end_of_display(act: Act, zone: tzinfo) -> datetime | None:
    """When the act leaves the screens: the end of its last day, never before its legal minimum."""
    last = act.window.until
    if last is None:
        return None
    earliest = CATEGORIES[act.category].earliest_end(act.window.start)
    if earliest is not None and earliest > last:
        last = earliest  # defence in depth: such a window was refused at validation
    return datetime.combine(date.fromordinal(last.toordinal() + 1), time(0), zone)


def on_display(act: Act, now: datetime, zone: tzinfo) -> bool:
    start = datetime.combine(act.window.start, time(0), zone)
    end = end_of_display(act, zone)
    return start <= now and (end is None or now < end)
