"""The Acceo part of a town_hall item: the client page, the opening hours, the other contacts.

Pure pydantic (no Qt): the layout validator reads it.
"""

from typing import Annotated, Literal

from pydantic import Field

from layouts.base import Strict, described_pattern
from layouts.checks import control_character
from layouts.errors import Problem

ACCEO_PAGE_PREFIX = "https://app.acce-o.fr/client/"
ACCEO_ORIGIN = "https://app.acce-o.fr"
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HourMinute = Annotated[str, Field(pattern=described_pattern(
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "must be a time of day written HH:MM, from 00:00 to 23:59"))]
Slug = Annotated[str, Field(min_length=1, max_length=100, pattern=described_pattern(
    r"^[A-Za-z0-9][A-Za-z0-9_-]*$", "may only use letters, digits, '_' and '-' (the slug of the Acceo contract)"))]
IsoDate = Annotated[str, Field(pattern=described_pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "must be a date written YYYY-MM-DD"))]


class OpeningSpan(Strict):
    day: Weekday
    opens: HourMinute
    closes: HourMinute


class Contacts(Strict):
    """Other ways to reach the town hall when Acceo is closed: never a dead end."""

    phone: Annotated[str, Field(max_length=40, pattern=described_pattern(r"^[0-9+ .]*$", "may only use digits, spaces, dots and '+'"))] = ""
    sms: Annotated[str, Field(max_length=40, pattern=described_pattern(r"^[0-9+ .]*$", "may only use digits, spaces, dots and '+'"))] = ""
    email: Annotated[str, Field(max_length=200, pattern=described_pattern(r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$", "must be an e-mail address"))] = ""
    desk_fr: Annotated[str, Field(max_length=200)] = "Accueil de la mairie, rez-de-chaussée"
    desk_en: Annotated[str, Field(max_length=200)] = "Town hall reception desk, ground floor"


class AcceoConfig(Strict):
    slug: Slug = Field(description=f"the client page is {ACCEO_PAGE_PREFIX}<slug>")
    hours: Annotated[list[OpeningSpan], Field(max_length=28)] = Field(
        default_factory=list, description="opening spans per weekday, Europe/Paris local time")
    closed_on: Annotated[list[IsoDate], Field(max_length=100)] = Field(
        default_factory=list, description="extra closing days besides the French public holidays (YYYY-MM-DD)")
    public_holidays: bool = Field(default=True, description="closed on French public holidays (Easter-based ones included)")
    call_from_kiosk: bool = Field(default=False, description="offer 'Appeler depuis la borne': the client page in the kiosk browser")
    contacts: Contacts = Field(default_factory=Contacts)

    @property
    def page_url(self) -> str:
        return ACCEO_PAGE_PREFIX + self.slug

    def problems(self, path: str) -> list[Problem]:
        found: list[Problem] = []
        for index, span in enumerate(self.hours):
            if span.closes <= span.opens:
                found.append(Problem(f"{path}.hours[{index}].closes", f"closes at {span.closes}, not after it opens ({span.opens})"))
        by_day: dict[str, list[tuple[str, str]]] = {}
        for span in self.hours:
            by_day.setdefault(span.day, []).append((span.opens, span.closes))
        for day, spans in by_day.items():
            spans.sort()
            if any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:], strict=False)):
                found.append(Problem(f"{path}.hours", f"two opening spans overlap on {day}"))
        for index, text in enumerate((self.contacts.desk_fr, self.contacts.desk_en)):
            bad = control_character(text)
            if bad:
                found.append(Problem(f"{path}.contacts.{('desk_fr', 'desk_en')[index]}", f"contains a control character ({bad})"))
        return found
