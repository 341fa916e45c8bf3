"""The beach panel's rules, pure: wind force, UV category, flags, H2S bands and alert, freshness.

Numbers from ../shared/DOMAIN.md (WHO UV scale, Beaufort on the 10-minute mean, décret 2022-105
flags, HCSP 1 ppm H2S threshold with graded bands).
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from media.feeds.flag import Flag
from media.feeds.readings import PayloadRejected

__all__ = ["FLAG_MEANINGS", "Beaufort", "Flag", "FlagMeaning", "Freshness", "H2sAlert", "H2sBand", "ParkingCount",
           "SpaceState", "UvCategory", "beaufort", "count_parking", "freshness", "h2s_band", "mps_to_kmh", "sun_times",
           "uv_category"]

# -- wind ------------------------------------------------------------------------------------
# (upper bound in km/h, exclusive; force; French name; English name)
_BEAUFORT = [
    (1, 0, "calme", "calm"), (6, 1, "très légère brise", "light air"), (12, 2, "légère brise", "light breeze"),
    (20, 3, "petite brise", "gentle breeze"), (29, 4, "jolie brise", "moderate breeze"),
    (39, 5, "bonne brise", "fresh breeze"), (50, 6, "vent frais", "strong breeze"),
    (62, 7, "grand frais", "near gale"), (75, 8, "coup de vent", "gale"), (89, 9, "fort coup de vent", "strong gale"),
    (103, 10, "tempête", "storm"), (118, 11, "violente tempête", "violent storm"),
]


@dataclass(frozen=True, slots=True)
class Beaufort:
    force: int
    name_fr: str
    name_en: str


def beaufort(speed_kmh: float) -> Beaufort:
    for upper, force, fr, en in _BEAUFORT:
        if speed_kmh < upper:
            return Beaufort(force, fr, en)
    return Beaufort(12, "ouragan", "hurricane force")


def mps_to_kmh(speed_mps: float) -> float:
    return speed_mps * 3.6


# -- UV --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UvCategory:
    name_fr: str
    name_en: str
    colour: str


def uv_category(index: float) -> UvCategory:
    if index < 3:
        return UvCategory("faible", "low", "#2e9e3e")
    if index < 6:
        return UvCategory("modéré", "moderate", "#f4d03f")
    if index < 8:
        return UvCategory("élevé", "high", "#f08a24")
    if index < 11:
        return UvCategory("très élevé", "very high", "#d7263d")
    return UvCategory("extrême", "extreme", "#7d3c98")


# -- flags (the one Flag type lives in media.feeds.flag, where messages are parsed) ------------

@dataclass(frozen=True, slots=True)
class FlagMeaning:
    colour: str
    pattern: str  # drawn as well as the colour: colour is never the only means
    text_fr: str
    text_en: str


FLAG_MEANINGS = {
    Flag.GREEN: FlagMeaning("#1e8c3a", "plain", "Drapeau vert : baignade surveillée, absence de danger particulier",
                            "Green flag: supervised bathing, no particular danger"),
    Flag.YELLOW: FlagMeaning("#f2c200", "diagonal", "Drapeau jaune : baignade surveillée, danger limité ou marqué",
                             "Yellow flag: supervised bathing, limited or marked danger"),
    Flag.RED: FlagMeaning("#c8102e", "cross", "Drapeau rouge : baignade interdite", "Red flag: bathing forbidden"),
    Flag.VIOLET: FlagMeaning("#6a2c91", "dots", "Drapeau violet : pollution ou espèces dangereuses, baignade interdite",
                             "Violet flag: pollution or dangerous species, bathing forbidden"),
    Flag.NONE: FlagMeaning("#5f6b73", "none", "Pas de drapeau : baignade non surveillée", "No flag: bathing not supervised"),
}


# -- H2S -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class H2sBand:
    label_fr: str
    label_en: str
    action_fr: str
    action_en: str
    colour: str


def h2s_band(ppm: float) -> H2sBand:
    if ppm < 0.03:
        return H2sBand("très faible", "very low", "Aucune restriction", "No restriction", "#2e9e3e")
    if ppm < 0.07:
        return H2sBand("faible", "low", "Odeur possible, aucune restriction", "Possible smell, no restriction", "#8bbf3f")
    if ppm < 1:
        return H2sBand("modéré", "moderate", "Personnes sensibles : éviter la zone des algues",
                       "Sensitive people: keep away from the seaweed", "#f4d03f")
    if ppm < 5:
        return H2sBand("élevé", "high", "Accès déconseillé", "Access not advised", "#f08a24")
    return H2sBand("très élevé", "very high", "Plage fermée par arrêté", "Beach closed by order", "#c8102e")


class H2sAlert:
    """Alert on at or over the threshold; off only once the value stayed under it for ``hold``.

    Fails closed: a value that is not a finite number is refused (PayloadRejected "not-finite", the
    state unchanged; NaN compares false with everything and would count as "under"), and a reading
    under the threshold that is older than one already taken is ignored (a late, old value must not
    start the hold early). A late reading over the threshold still counts.
    """

    def __init__(self, threshold_ppm: float = 1.0, hold: timedelta = timedelta(minutes=15)) -> None:
        if not _finite(threshold_ppm) or threshold_ppm <= 0:
            raise ValueError(f"H2S threshold {threshold_ppm!r} is not a positive finite number")
        self.threshold_ppm = threshold_ppm
        self.hold = hold
        self.active = False
        self.since: datetime | None = None  # when the alert started
        self._under_since: datetime | None = None
        self._latest_at: datetime | None = None

    def resume(self, since: datetime) -> None:
        """An alert an earlier run raised and did not lift (restored at start): it lifts by the same
        rule, after the readings stay under the threshold for the hold period, not at the first one."""
        self.active, self.since, self._under_since = True, since, None

    def update(self, ppm: float, observed_at: datetime) -> bool:
        """Feed one reading; return True when the alert state changed."""
        if not _finite(ppm):
            raise PayloadRejected("not-finite", f"H2S {ppm!r} is not a finite number: the alert stays as it was")
        late = self._latest_at is not None and observed_at < self._latest_at
        if not late:
            self._latest_at = observed_at
        if ppm >= self.threshold_ppm:
            self._under_since = None
            if not self.active:
                self.active, self.since = True, observed_at
                return True
            return False
        if not self.active or late:
            return False
        if self._under_since is None:
            self._under_since = observed_at
        if observed_at - self._under_since >= self.hold:
            self.active, self.since, self._under_since = False, None, None
            return True
        return False


def _finite(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)  # isfinite() of a huge int would overflow


# -- freshness -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Freshness:
    current: bool
    label_fr: str  # "données de 14:02" or "indisponible (dernière donnée 13:10)"
    label_en: str


def freshness(observed_at: datetime | None, ttl: timedelta, now: datetime, zone: tzinfo | None = None) -> Freshness:
    """A value past its time-to-live is never shown as current. Times are shown in ``zone``."""
    if observed_at is None:
        return Freshness(False, "indisponible", "unavailable")
    at = observed_at.astimezone(zone).strftime("%H:%M")
    if now - observed_at > ttl or observed_at - now > timedelta(minutes=5):
        return Freshness(False, f"indisponible (dernière donnée {at})", f"unavailable (last data {at})")
    return Freshness(True, f"données de {at}", f"data from {at}")


# -- parking ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SpaceState:
    occupied: bool
    pmr: bool
    observed_at: datetime


@dataclass(frozen=True, slots=True)
class ParkingCount:
    free: int
    free_pmr: int
    unknown: int
    total: int


def count_parking(spaces: dict[str, SpaceState], total: int, ttl: timedelta, now: datetime) -> ParkingCount:
    """Free spaces from per-space sensors; a silent (or never heard) sensor counts as unknown, not free."""
    fresh = {k: s for k, s in spaces.items() if now - s.observed_at <= ttl}
    free = sum(1 for s in fresh.values() if not s.occupied)
    free_pmr = sum(1 for s in fresh.values() if not s.occupied and s.pmr)
    return ParkingCount(free=free, free_pmr=free_pmr, unknown=max(0, total - len(fresh)), total=total)


# -- day and night ---------------------------------------------------------------------------
def sun_times(day: date, latitude_deg: float, longitude_deg: float) -> tuple[datetime, datetime] | None:
    """Sunrise and sunset (UTC) by the sunrise equation (about a minute's accuracy); None in polar day or night."""
    n = day.toordinal() + 1721425 - 2451545  # days from 2000-01-01 noon (J2000) to that day's noon
    mean_solar_noon = n - longitude_deg / 360
    anomaly = math.radians((357.5291 + 0.98560028 * mean_solar_noon) % 360)
    centre = 1.9148 * math.sin(anomaly) + 0.0200 * math.sin(2 * anomaly) + 0.0003 * math.sin(3 * anomaly)
    ecliptic = math.radians((math.degrees(anomaly) + centre + 180 + 102.9372) % 360)
    transit = 2451545.0 + mean_solar_noon + 0.0053 * math.sin(anomaly) - 0.0069 * math.sin(2 * ecliptic)
    declination = math.asin(math.sin(ecliptic) * math.sin(math.radians(23.4397)))
    latitude = math.radians(latitude_deg)
    cos_hour_angle = ((math.sin(math.radians(-0.833)) - math.sin(latitude) * math.sin(declination))
                      / (math.cos(latitude) * math.cos(declination)))
    if not -1 <= cos_hour_angle <= 1:
        return None
    hour_angle_days = math.degrees(math.acos(cos_hour_angle)) / 360

    def to_datetime(julian: float) -> datetime:
        return datetime.fromtimestamp((julian - 2440587.5) * 86400, UTC)

    return to_datetime(transit - hour_angle_days), to_datetime(transit + hour_angle_days)
