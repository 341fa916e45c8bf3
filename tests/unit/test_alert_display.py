"""What the takeover shows: French first, English alternating, EXERCICE marked, colours of 7:1 contrast."""

from datetime import UTC, datetime, timedelta

from common.clock import ManualClock
from kiosk.alerts_display import EXERCISE_BAND, SEVERITY_COLOURS, contrast_ratio, display
from kiosk.alerts_store import AlertStore
from media.feeds.cap import parse_cap
from media.feeds.cap_area import ScreenPlace
from tests.support.cap import cap, fixture_bytes

T0 = datetime(2026, 7, 14, 13, 0, tzinfo=UTC)


def test_every_colour_pair_has_a_contrast_of_at_least_7():
    for background, foreground in [*SEVERITY_COLOURS.values(), EXERCISE_BAND]:
        assert contrast_ratio(background, foreground) >= 7.0, (background, foreground)


def showing(*raws: bytes, exercises: bool = False):  # noqa: ANN201
    s = AlertStore(ScreenPlace(), ManualClock(T0), exercises)
    for raw in raws:
        s.receive(parse_cap(raw), raw)
    return s.showing()


def test_french_then_english_with_time_source_and_expiry():
    held = showing(fixture_bytes())
    fr, en = display(held, "fr"), display(held, "en")
    assert fr["headline"] == "Plage de la Romaniquette fermée au public" and fr["severityText"] == "ALERTE SÉVÈRE"
    assert fr["issued"] == "Émis le 14/07/2026 15:05" and fr["until"] == "Jusqu'au 15/07/2026 09:00"
    assert fr["source"] == "Source : Ville d'Istres — Police municipale" and fr["pictogram"] == "health"
    assert en["headline"] == "Romaniquette beach closed to the public" and en["until"] == "Until 15/07/2026 09:00"
    assert en["source"] == "Source: Ville d'Istres — Police municipale", "the French block's sender name, when English has none"
    assert fr["hasEnglish"] and not fr["exercise"] and fr["background"] == SEVERITY_COLOURS["Severe"][0]


def test_french_only_stays_french_and_exercises_are_marked():
    held = showing(cap("ex", sent=T0, expires=T0 + timedelta(hours=1), status="Exercise", severity="Extreme"), exercises=True)
    shown = display(held, "en")
    assert shown["lang"] == "fr" and shown["exercise"] and shown["exerciseText"].startswith("EXERCICE")


def test_others_listed_under_the_most_severe():
    held = showing(*(cap(f"a{i}", sent=T0, expires=T0 + timedelta(hours=1), severity=sev, headline=f"Alerte {sev}")
                     for i, sev in enumerate(("Minor", "Extreme", "Moderate"))))
    shown = display(held, "fr")
    assert shown["alertId"] == "a1" and shown["others"] == ["Alerte Moderate", "Alerte Minor"] and shown["moreText"] == ""
    many = showing(*(cap(f"b{i}", sent=T0, expires=T0 + timedelta(hours=1), headline=f"Alerte {i}") for i in range(6)))
    assert len(display(many, "fr")["others"]) == 3 and display(many, "fr")["moreText"] == "+ 2 autre(s) alerte(s)"
    assert display([], "fr")["active"] is False
