"""The typed CAP 1.2 alert (frozen): what a parsed message is, whatever its source (feed, MQTT, API).

Only what the screens use is kept; every value is bounded and checked by ``media.feeds.cap``.
"""

from dataclasses import dataclass, field
from datetime import datetime

STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")  # most severe first: the display order
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
CATEGORIES = ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other")


class CapRefused(ValueError):
    """The one refusal of the CAP parser: ``where`` is the element path, ``reason`` what is wrong there."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Circle:
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[tuple[float, float], ...]  # (lat, lon), closed: the first point repeated last


@dataclass(frozen=True, slots=True)
class Area:
    description: str
    circles: tuple[Circle, ...] = ()
    polygons: tuple[Polygon, ...] = ()
    geocodes: tuple[tuple[str, str], ...] = ()  # (valueName, value), e.g. ("INSEE", "13047")

    @property
    def located(self) -> bool:
        """Whether the area says where it is (an areaDesc alone names a place but cannot be tested)."""
        return bool(self.circles or self.polygons or self.geocodes)


@dataclass(frozen=True, slots=True)
class Info:
    language: str  # as sent, e.g. "fr-FR"
    categories: tuple[str, ...]
    event: str
    urgency: str
    severity: str
    certainty: str
    headline: str = ""
    description: str = ""
    instruction: str = ""
    sender_name: str = ""
    web: str = ""
    onset: datetime | None = None
    expires: datetime | None = None
    areas: tuple[Area, ...] = ()

    @property
    def lang(self) -> str:
        """The primary language subtag, lower case: "fr", "en", ..."""
        return self.language.split("-", 1)[0].lower()


@dataclass(frozen=True, slots=True)
class Reference:
    sender: str
    identifier: str
    sent: str  # as written: references are matched on sender and identifier


@dataclass(frozen=True, slots=True)
class CapAlert:
    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    scope: str
    references: tuple[Reference, ...] = ()
    infos: tuple[Info, ...] = ()
    source: str = field(default="", compare=False)  # where it came from: "api", "mqtt", "feed <url>", "local"

    def info(self, lang: str) -> Info | None:
        """The first info block in ``lang`` ("fr", "en"), or None."""
        return next((i for i in self.infos if i.lang == lang), None)

    @property
    def main_info(self) -> Info | None:
        """French first (the town's language), else English, else the first block."""
        return self.info("fr") or self.info("en") or (self.infos[0] if self.infos else None)

    @property
    def onset(self) -> datetime | None:
        onsets = [i.onset for i in self.infos if i.onset is not None]
        return min(onsets) if onsets else None

    def expires(self, default_ttl_s: float) -> datetime:
        """The latest expiry of its blocks; without any, ``sent`` plus ``default_ttl_s`` (never forever)."""
        from datetime import timedelta

        ends = [i.expires for i in self.infos if i.expires is not None]
        return max(ends) if ends else self.sent + timedelta(seconds=default_ttl_s)

    @property
    def severity_rank(self) -> int:
        """0 for Extreme ... 4 for Unknown: the most severe block decides."""
        ranks = [SEVERITIES.index(i.severity) for i in self.infos]
        return min(ranks) if ranks else len(SEVERITIES)

    @property
    def is_exercise(self) -> bool:
        return self.status in ("Exercise", "Test")
