"""What the beach panel says, computed from its live state: plain strings and colours in French and
English, ready for the QML view. Pure; ``now`` is always given.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from media.feeds.feedtime import FEED_WINDOW
from media.feeds.flag import FlagMessage
from signs.beach.item import BeachPanelItem
from signs.beach.model import (
    FLAG_MEANINGS,
    H2sAlert,
    SpaceState,
    beaufort,
    count_parking,
    freshness,
    h2s_band,
    sun_times,
    uv_category,
)

# The post hoists its flag every day: a flag not confirmed within the feed window's age (24 h) is
# not shown as current, the same bound a flag message must meet to be taken at all.
FLAG_TTL = FEED_WINDOW.age
DEFAULT_TTL_S = 1800.0
DEFAULT_PARKING_TTL_S = 3600.0
NO_VALUE = "—"


# The flag shown is the last flag message taken: one type, ``FlagState(Flag.RED, "Poste", at)``.
FlagState = FlagMessage


@dataclass
class BeachState:
    values: dict[str, tuple[float, datetime]] = field(default_factory=dict)  # quantity -> latest (value, observed_at)
    spaces: dict[str, SpaceState] = field(default_factory=dict)
    flag: FlagState | None = None
    alert: H2sAlert = field(default_factory=H2sAlert)


def ttl_for(config: BeachPanelItem, quantity: str) -> timedelta:
    default = DEFAULT_PARKING_TTL_S if quantity.startswith("parking") else DEFAULT_TTL_S
    return timedelta(seconds=config.ttl_s.get(quantity, default))


def _number(value: float, decimals: int) -> tuple[str, str]:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ","), text


def _clock(at: datetime, zone: tzinfo) -> str:
    return at.astimezone(zone).strftime("%H:%M")


def _tile(key: str, label: tuple[str, str], value: tuple[str, str], unit: str, detail: tuple[str, str],
          observed_at: datetime | None, ttl: timedelta, now: datetime, zone: tzinfo, colour: str = "") -> dict[str, Any]:
    fresh = freshness(observed_at, ttl, now, zone)
    if not fresh.current:
        value, detail, colour = (NO_VALUE, NO_VALUE), ("", ""), ""
    return {"key": key, "label_fr": label[0], "label_en": label[1], "value_fr": value[0], "value_en": value[1],
            "unit": unit, "detail_fr": detail[0], "detail_en": detail[1], "fresh": fresh.current,
            "age_fr": fresh.label_fr, "age_en": fresh.label_en, "colour": colour}


def _latest(state: BeachState, quantity: str) -> tuple[float | None, datetime | None]:
    """The latest value, or none: a value that is not a finite number is never shown (the feeds refuse them)."""
    value, at = state.values.get(quantity, (None, None))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, None
    try:
        number = float(value)
    except OverflowError:  # an int past 1e308
        return None, None
    return (number, at) if math.isfinite(number) else (None, None)


def _is_day(config: BeachPanelItem, now: datetime, zone: tzinfo) -> bool:
    if config.theme != "auto":
        return config.theme == "day"
    if config.latitude is not None and config.longitude is not None:
        sun = sun_times(now.astimezone(zone).date(), config.latitude, config.longitude)
        if sun is not None:
            return sun[0] <= now < sun[1]
    local = now.astimezone(zone).time()
    return time.fromisoformat(config.day_from) <= local < time.fromisoformat(config.night_from)


def _parking_tile(state: BeachState, config: BeachPanelItem, now: datetime, zone: tzinfo) -> dict[str, Any]:
    """From per-space sensors when there are any; else from a car park's own count of free spaces."""
    label = ("Places libres", "Free spaces")
    if not state.spaces and _latest(state, "parking_free")[0] is not None:
        free, at = _latest(state, "parking_free")
        pmr, pmr_at = _latest(state, "parking_free_pmr")
        pmr_fresh = pmr is not None and freshness(pmr_at, ttl_for(config, "parking_free_pmr"), now, zone).current
        detail = (f"dont {pmr:.0f} PMR", f"incl. {pmr:.0f} disabled") if pmr_fresh else ("", "")
        return _tile("parking", label, (f"{free:.0f}", f"{free:.0f}"), f"/ {config.parking_total}", detail, at,
                     ttl_for(config, "parking_free"), now, zone)
    ttl = ttl_for(config, "parking_occupied")
    parking = count_parking(state.spaces, config.parking_total, ttl, now)
    newest = max((s.observed_at for s in state.spaces.values()), default=None)
    unknown = (f" · {parking.unknown} inconnue{'s' if parking.unknown > 1 else ''}", f" · {parking.unknown} unknown") \
        if parking.unknown else ("", "")
    return _tile("parking", label, (str(parking.free), str(parking.free)), f"/ {parking.total}",
                 (f"dont {parking.free_pmr} PMR{unknown[0]}", f"incl. {parking.free_pmr} disabled{unknown[1]}"),
                 newest, ttl, now, zone)


def panel_display(state: BeachState, config: BeachPanelItem, now: datetime) -> dict[str, Any]:
    zone = ZoneInfo(config.timezone)
    tiles = []
    tiles.append(_parking_tile(state, config, now, zone))
    for quantity, label in (("water_temperature", ("Eau", "Water")), ("air_temperature", ("Air", "Air"))):
        value, at = _latest(state, quantity)
        tiles.append(_tile(quantity, label, _number(value, 1) if value is not None else (NO_VALUE, NO_VALUE), "°C",
                           ("", ""), at, ttl_for(config, quantity), now, zone))
    speed, at = _latest(state, "wind_speed")
    gust, gust_at = _latest(state, "wind_gust")
    wind_detail = ("", "")
    if speed is not None:
        force = beaufort(speed)
        gust_text = (f" · rafales {gust:.0f} km/h", f" · gusts {gust:.0f} km/h") \
            if gust is not None and gust_at is not None and freshness(gust_at, ttl_for(config, "wind_gust"), now, zone).current \
            else ("", "")
        wind_detail = (f"Force {force.force} · {force.name_fr}{gust_text[0]}", f"Force {force.force} · {force.name_en}{gust_text[1]}")
    tiles.append(_tile("wind", ("Vent", "Wind"), (f"{speed:.0f}", f"{speed:.0f}") if speed is not None else (NO_VALUE, NO_VALUE),
                       "km/h", wind_detail, at, ttl_for(config, "wind_speed"), now, zone))
    uv, at = _latest(state, "uv_index")
    category = uv_category(uv) if uv is not None else None
    tiles.append(_tile("uv", ("Indice UV", "UV index"), (f"{uv:.0f}", f"{uv:.0f}") if uv is not None else (NO_VALUE, NO_VALUE), "",
                       (category.name_fr, category.name_en) if category else ("", ""), at, ttl_for(config, "uv_index"), now, zone,
                       category.colour if category else ""))
    ppm, at = _latest(state, "h2s")
    band = h2s_band(ppm) if ppm is not None else None
    tiles.append(_tile("h2s", ("Algues vertes (H₂S)", "Seaweed gas (H₂S)"),
                       (band.label_fr, band.label_en) if band else (NO_VALUE, NO_VALUE), "",
                       (f"{_number(ppm, 2)[0]} ppm · {band.action_fr}", f"{ppm:.2f} ppm · {band.action_en}") if band else ("", ""),
                       at, ttl_for(config, "h2s"), now, zone, band.colour if band else ""))
    shown = state.flag if state.flag and freshness(state.flag.set_at, FLAG_TTL, now).current else None
    flag = shown.flag if shown else None
    meaning = FLAG_MEANINGS[flag] if flag else None
    alert = state.alert
    return {
        "site_name": config.site_name,
        "day": _is_day(config, now, zone),
        "bilingual": config.languages == "fr+en",
        "tiles": tiles,
        "flag": flag.value if flag else "",  # a Flag value ("red"), or "" when no message was taken
        "flag_known": meaning is not None,
        "flag_colour": meaning.colour if meaning else "#5f6b73",
        "flag_pattern": meaning.pattern if meaning else "none",
        "flag_fr": meaning.text_fr if meaning else "Drapeau : information indisponible",
        "flag_en": meaning.text_en if meaning else "Flag: information unavailable",
        "flag_by_fr": f"Hissé par {shown.set_by} à {_clock(shown.set_at, zone)}" if shown else "",
        "flag_by_en": f"Set by {shown.set_by} at {_clock(shown.set_at, zone)}" if shown else "",
        "alert": alert.active,
        "alert_title_fr": (band.action_fr if band else "Plage fermée").upper() if alert.active else "",
        "alert_title_en": (band.action_en if band else "Beach closed").upper() if alert.active else "",
        "alert_since_fr": f"depuis {_clock(alert.since, zone)}" if alert.since else "",
        "alert_since_en": f"since {_clock(alert.since, zone)}" if alert.since else "",
        "alert_level_fr": f"H₂S {_number(ppm, 2)[0]} ppm · {band.label_fr}" if band and alert.active else "",
        "alert_level_en": f"H₂S {ppm:.2f} ppm · {band.label_en}" if band and alert.active else "",
    }
