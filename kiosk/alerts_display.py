"""What the takeover shows for the alerts held: texts in one language, colours, labels (pure).

Colours are chosen for a contrast of at least 7:1 (WCAG AAA) between the text and its background
(tests/unit/test_alert_display.py measures it). Times are shown in the town's time zone.
"""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.alerts_store import Held
from media.feeds.cap_model import Info

TOWN_ZONE = ZoneInfo("Europe/Paris")
# severity -> (background, text): every pair >= 7:1
SEVERITY_COLOURS = {
    "Extreme": ("#6E0000", "#FFFFFF"),
    "Severe": ("#8A1000", "#FFFFFF"),
    "Moderate": ("#FFB020", "#000000"),
    "Minor": ("#FFE45C", "#000000"),
    "Unknown": ("#1B2A47", "#FFFFFF"),
}
EXERCISE_BAND = ("#000000", "#FFE45C")
LABELS = {
    "fr": {"issued": "Émis le", "until": "Jusqu'au", "source": "Source", "exercise": "EXERCICE — ceci n'est pas une alerte réelle",
           "more": "autre(s) alerte(s)", "source_sep": " : ", "severity": {"Extreme": "ALERTE EXTRÊME", "Severe": "ALERTE SÉVÈRE",
                                                       "Moderate": "ALERTE", "Minor": "AVIS", "Unknown": "ALERTE"}},
    "en": {"issued": "Issued", "until": "Until", "source": "Source", "exercise": "EXERCICE — exercise, not a real alert",
           "more": "more alert(s)", "source_sep": ": ", "severity": {"Extreme": "EXTREME ALERT", "Severe": "SEVERE ALERT",
                                                  "Moderate": "ALERT", "Minor": "ADVISORY", "Unknown": "ALERT"}},
}
PICTOGRAMS = {"Fire": "fire", "Met": "weather", "Geo": "weather", "Health": "health", "Env": "health", "CBRNE": "health"}


def local_text(moment: datetime) -> str:
    return moment.astimezone(TOWN_ZONE).strftime("%d/%m/%Y %H:%M")


def info_for(held: Held, lang: str) -> Info | None:
    return held.alert.info(lang) if lang != "fr" else held.alert.main_info


def display(showing: list[Held], lang: str) -> dict[str, Any]:
    """The takeover's content for the most severe alert (and a line per other one), in ``lang``."""
    if not showing:
        return {"active": False, "alertId": "", "lang": lang}
    top = showing[0]
    has_english = top.alert.info("en") is not None
    shown_lang = lang if (lang == "fr" or has_english) else "fr"
    info = info_for(top, shown_lang) or top.alert.main_info
    assert info is not None  # an Alert or Update always has an info block (the parser checks it)
    labels = LABELS[shown_lang]
    background, foreground = SEVERITY_COLOURS.get(info.severity, SEVERITY_COLOURS["Unknown"])
    others = [(info_for(h, shown_lang) or h.alert.main_info) for h in showing[1:4]]
    return {
        "active": True, "alertId": top.alert.identifier, "lang": shown_lang, "hasEnglish": has_english,
        "background": background, "foreground": foreground, "severityText": labels["severity"].get(info.severity, "ALERTE"),
        "pictogram": next((PICTOGRAMS[c] for c in info.categories if c in PICTOGRAMS), "warning"),
        "event": info.event, "headline": info.headline or info.event, "description": info.description,
        "instruction": info.instruction,
        "issued": f"{labels['issued']} {local_text(top.alert.sent)}", "until": f"{labels['until']} {local_text(top.expires_at)}",
        "source": f"{labels['source']}{labels['source_sep']}{_sender_name(top, info)}",
        "exercise": top.alert.is_exercise, "exerciseText": labels["exercise"],
        "exerciseBackground": EXERCISE_BAND[0], "exerciseForeground": EXERCISE_BAND[1],
        "others": [o.headline or o.event for o in others if o is not None],
        "moreText": f"+ {len(showing) - 4} {labels['more']}" if len(showing) > 4 else "",  # beyond the three listed
    }


def _sender_name(held: Held, info: Info) -> str:
    """The block's senderName, else the French block's (often the only one given), else the sender."""
    main = held.alert.main_info
    return info.sender_name or (main.sender_name if main else "") or held.alert.sender


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two #RRGGBB colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
