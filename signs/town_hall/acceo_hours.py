"""Is Acceo available now, and if not, when again: pure, from the hours, the holidays and ``now``.

"disponible maintenant (jusqu'à 17 h)" / "fermé : reprise lundi à 9 h" and the English twins. The
search looks at most ``HORIZON_DAYS`` ahead, so a configuration without any hours (or closed for
weeks) says "horaires non communiqués" instead of looping.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from signs.town_hall.acceo_config import WEEKDAYS, AcceoConfig
from signs.town_hall.holidays import is_public_holiday

PARIS = ZoneInfo("Europe/Paris")
HORIZON_DAYS = 60
DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class Availability:
    open: bool
    fr: str
    en: str
    next_opening: datetime | None  # local time; None when open, or nothing within the horizon


def hour_fr(t: time) -> str:
    return f"{t.hour} h" if t.minute == 0 else f"{t.hour} h {t.minute:02d}"


def hour_en(t: time) -> str:
    suffix = "am" if t.hour < 12 else "pm"
    hour = t.hour % 12 or 12
    return f"{hour} {suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d} {suffix}"


def _spans(config: AcceoConfig, day: date) -> list[tuple[time, time]]:
    if day.isoformat() in config.closed_on or (config.public_holidays and is_public_holiday(day)):
        return []
    name = WEEKDAYS[day.weekday()]
    return sorted((time.fromisoformat(s.opens), time.fromisoformat(s.closes)) for s in config.hours if s.day == name)


def _when(start: datetime, today: date) -> tuple[str, str]:
    day = start.date()
    if day == today:
        return f"aujourd'hui à {hour_fr(start.time())}", f"today at {hour_en(start.time())}"
    if day == today + timedelta(days=1):
        return f"demain à {hour_fr(start.time())}", f"tomorrow at {hour_en(start.time())}"
    if day < today + timedelta(days=7):
        return f"{DAYS_FR[day.weekday()]} à {hour_fr(start.time())}", f"{DAYS_EN[day.weekday()]} at {hour_en(start.time())}"
    return (f"{DAYS_FR[day.weekday()]} {day.day} {MONTHS_FR[day.month - 1]} à {hour_fr(start.time())}",
            f"{DAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]} at {hour_en(start.time())}")


def availability(config: AcceoConfig, now: datetime) -> Availability:
    local = now.astimezone(PARIS)
    today, clock = local.date(), local.time().replace(tzinfo=None)
    for opens, closes in _spans(config, today):
        if opens <= clock < closes:
            return Availability(True, f"disponible maintenant (jusqu'à {hour_fr(closes)})",
                                f"available now (until {hour_en(closes)})", None)
    for offset in range(HORIZON_DAYS + 1):
        day = today + timedelta(days=offset)
        for opens, _ in _spans(config, day):
            if offset == 0 and opens <= clock:
                continue
            start = datetime.combine(day, opens, PARIS)
            fr, en = _when(start, today)
            return Availability(False, f"fermé : reprise {fr}", f"closed: opens again {en}", start)
    return Availability(False, "fermé : horaires non communiqués", "closed: opening hours not known", None)


def hours_lines(config: AcceoConfig) -> list[dict[str, str]]:
    """The week's hours, one line per day that opens: {"fr": "lundi : 9 h – 12 h, 14 h – 17 h", "en": ...}."""
    lines = []
    for index, name in enumerate(WEEKDAYS):
        spans = sorted((time.fromisoformat(s.opens), time.fromisoformat(s.closes)) for s in config.hours if s.day == name)
        if spans:
            lines.append({"fr": f"{DAYS_FR[index]} : " + ", ".join(f"{hour_fr(a)} – {hour_fr(b)}" for a, b in spans),
                          "en": f"{DAYS_EN[index]}: " + ", ".join(f"{hour_en(a)} – {hour_en(b)}" for a, b in spans)})
    return lines
