"""What the catalogue says about an act, in French and English: pure strings for the views."""

from datetime import date

from media.acts.model import Act

_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")

STATUS_TEXT = {
    "ready": ("", ""),
    "pending": ("Document en cours de récupération", "Document being retrieved"),
    "unavailable": ("Document indisponible", "Document unavailable"),
}


def date_fr(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS_FR[day.month - 1]} {day.year}"


def date_en(day: date) -> str:
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def until_text(act: Act) -> tuple[str, str]:
    window = act.window
    if window.until is None:
        return "Affiché jusqu'à la décision", "On display until the decision"
    return f"Affiché jusqu'au {date_fr(window.until)}", f"On display until {date_en(window.until)}"


def status_text(status: str, reason: str) -> tuple[str, str]:
    fr, en = STATUS_TEXT[status]
    if reason and status == "unavailable":
        return f"{fr} ({reason})", en
    return fr, en
