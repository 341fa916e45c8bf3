"""CAP 1.2 parsing on real-shaped messages: the Istres H2S fixture and variants of it."""

from datetime import UTC, datetime, timedelta

import pytest

from media.feeds.cap import parse_cap
from media.feeds.cap_area import ScreenPlace, applies_to
from media.feeds.cap_model import CapRefused
from tests.support.cap import ROMANIQUETTE, TOWN_HALL, cap, fixture_bytes, fixture_variant

T0 = datetime(2026, 7, 14, 13, 0, tzinfo=UTC)


def test_the_fixture_parses_into_a_typed_alert():
    alert = parse_cap(fixture_bytes(), "test")
    assert (alert.identifier, alert.sender, alert.status, alert.msg_type, alert.scope) == (
        "FR-13047-2026-0042", "securite-civile@istres.fr", "Actual", "Alert", "Public")
    assert alert.sent == datetime(2026, 7, 14, 13, 5, tzinfo=UTC)
    fr, en = alert.info("fr"), alert.info("en")
    assert fr is not None and en is not None
    assert fr.categories == ("Env", "Health") and fr.severity == "Severe" and fr.urgency == "Immediate"
    assert fr.headline == "Plage de la Romaniquette fermée au public"
    assert en.instruction.startswith("Leave the beach")
    assert fr.web == "https://www.istres.fr/alertes/FR-13047-2026-0042"
    assert fr.areas[0].circles[0].radius_km == pytest.approx(0.4)
    assert alert.expires(86400) == datetime(2026, 7, 15, 7, 0, tzinfo=UTC)
    assert alert.main_info is fr


@pytest.mark.parametrize(("replacements", "check"), [
    ({"<status>Actual</status>": "<status>Exercise</status>"}, lambda a: a.is_exercise),
    ({"<status>Actual</status>": "<status>Test</status>"}, lambda a: a.is_exercise),
    ({"<severity>Severe</severity>": "<severity>Extreme</severity>"}, lambda a: a.severity_rank == 0),
    ({"<circle>43.5030,4.9890 0.4</circle>": "<polygon>43.50,4.98 43.51,4.98 43.51,5.00 43.50,5.00 43.50,4.98</polygon>"},
     lambda a: len(a.infos[0].areas[0].polygons[0].points) == 5),
    ({"<circle>43.5030,4.9890 0.4</circle>": "<geocode><valueName>INSEE</valueName><value>13047</value></geocode>"},
     lambda a: a.infos[0].areas[0].geocodes == (("INSEE", "13047"),)),
    ({"+02:00</sent>": "Z</sent>"}, lambda a: a.sent.utcoffset() == timedelta(0)),  # "Z", as real feeds send
    ({"<msgType>Alert</msgType>": "<msgType>Update</msgType><references>securite-civile@istres.fr,FR-13047-2026-0041,"
      "2026-07-14T14:00:00+02:00</references>"}, lambda a: a.references[0].identifier == "FR-13047-2026-0041"),
    ({'<?xml version="1.0" encoding="UTF-8"?>': ""}, lambda a: a.identifier == "FR-13047-2026-0042"),
    ({"<language>en-GB</language>": "<language>es-ES</language>"}, lambda a: a.info("en") is None and a.info("es")),
    ({"<effective>2026-07-14T15:05:00+02:00</effective>": "<onset>2026-07-14T16:00:00+02:00</onset>"},
     lambda a: a.onset == datetime(2026, 7, 14, 14, 0, tzinfo=UTC)),
])
def test_real_shaped_variants(replacements, check):
    assert check(parse_cap(fixture_variant(replacements)))


def test_meteoalarm_shaped_message_with_many_geocodes():
    codes = "".join(f"<geocode><valueName>EMMA_ID</valueName><value>FR{n:03d}</value></geocode>" for n in range(20))
    message = cap("2.49.0.0.250.0.FR.20260714", sent=T0, expires=T0 + timedelta(hours=12), severity="Moderate", area=codes,
                  sender="https://vigilance.meteofrance.fr", headline="Vigilance orange orages", headline_en="Orange thunderstorm warning")
    alert = parse_cap(message)
    assert len(alert.infos[0].areas[0].geocodes) == 20 and alert.info("en").headline == "Orange thunderstorm warning"
    assert applies_to(alert, ScreenPlace(zones=frozenset({"FR013"})))
    assert not applies_to(alert, ScreenPlace(zones=frozenset({"FR999"})))


def test_applicability_by_circle_polygon_and_zone():
    alert = parse_cap(fixture_bytes())
    assert applies_to(alert, ScreenPlace(ROMANIQUETTE))
    assert not applies_to(alert, ScreenPlace(TOWN_HALL))
    assert applies_to(alert, ScreenPlace()), "a screen with no place set takes every alert (never hides safety content)"
    square = "<polygon>43.50,4.98 43.52,4.98 43.52,5.00 43.50,5.00 43.50,4.98</polygon>"
    in_square = parse_cap(cap("sq", sent=T0, expires=T0 + timedelta(hours=1), area=square))
    assert applies_to(in_square, ScreenPlace(TOWN_HALL)) and not applies_to(in_square, ScreenPlace((43.53, 4.99)))
    concave = "<polygon>0,0 0,10 10,10 10,8 2,8 2,2 10,2 10,0 0,0</polygon>"  # a C shape: its mouth is outside
    c_shape = parse_cap(cap("c", sent=T0, expires=T0 + timedelta(hours=1), area=concave))
    assert applies_to(c_shape, ScreenPlace((1, 5))) and not applies_to(c_shape, ScreenPlace((5, 5)))
    zoned = parse_cap(cap("z", sent=T0, expires=T0 + timedelta(hours=1),
                          area="<geocode><valueName>INSEE</valueName><value>13047</value></geocode>"))
    assert applies_to(zoned, ScreenPlace(TOWN_HALL, frozenset({"13047"})))
    assert not applies_to(zoned, ScreenPlace(TOWN_HALL, frozenset({"13001"})))


def test_refusals_name_the_element():
    with pytest.raises(CapRefused) as refused:
        parse_cap(fixture_variant({"<severity>Severe</severity>": "<severity>Terrible</severity>"}))
    assert refused.value.where == "alert/info[0]/severity" and "Terrible" in refused.value.reason
