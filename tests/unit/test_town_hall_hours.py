"""French public holidays (Easter-based ones included) and Acceo's "disponible maintenant" /
"fermé : reprise lundi à 9 h", computed from the hours, the holidays and an injected time."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signs.town_hall.acceo_config import AcceoConfig
from signs.town_hall.acceo_hours import PARIS, availability, hours_lines
from signs.town_hall.holidays import easter_sunday, french_public_holidays, is_public_holiday

WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday")
CONFIG = AcceoConfig.model_validate({
    "slug": "mairie-istres",
    "hours": [{"day": d, "opens": "09:00", "closes": "12:00"} for d in WEEK] + [{"day": d, "opens": "13:30", "closes": "17:00"} for d in WEEK]})


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)


@pytest.mark.parametrize(("year", "easter"), [(1961, date(1961, 4, 2)), (2000, date(2000, 4, 23)), (2024, date(2024, 3, 31)),
                                              (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
                                              (2038, date(2038, 4, 25)), (2185, date(2185, 4, 17))])
def test_easter_sunday_matches_the_almanac(year, easter):
    assert easter_sunday(year) == easter


@given(st.integers(1900, 2200))
@settings(max_examples=200, deadline=200)
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6 and date(year, 3, 22) <= easter <= date(year, 4, 25)
    holidays = french_public_holidays(year)
    assert 10 <= len(holidays) <= 11 and easter + timedelta(days=1) in holidays and easter + timedelta(days=50) in holidays


def test_the_2026_holidays_by_name():
    names = {day: fr for day, (fr, _en) in french_public_holidays(2026).items()}
    assert names[date(2026, 4, 6)] == "Lundi de Pâques" and names[date(2026, 5, 14)] == "Ascension"
    assert names[date(2026, 5, 25)] == "Lundi de Pentecôte" and names[date(2026, 7, 14)] == "Fête nationale"
    assert not is_public_holiday(date(2026, 4, 7)) and not is_public_holiday(date(9999, 1, 1))


def test_a_year_outside_the_range_is_refused_not_guessed():
    with pytest.raises(ValueError):
        easter_sunday(9999)


@pytest.mark.parametrize(("when", "fr", "en"), [
    (paris(2026, 11, 26, 10, 0), "disponible maintenant (jusqu'à 12 h)", "available now (until 12 pm)"),
    (paris(2026, 11, 26, 12, 0), "fermé : reprise aujourd'hui à 13 h 30", "closed: opens again today at 1:30 pm"),
    (paris(2026, 11, 26, 17, 0), "fermé : reprise demain à 9 h", "closed: opens again tomorrow at 9 am"),
    (paris(2026, 11, 27, 18, 0), "fermé : reprise lundi à 9 h", "closed: opens again Monday at 9 am"),
    (paris(2026, 11, 28, 10, 0), "fermé : reprise lundi à 9 h", "closed: opens again Monday at 9 am"),
    (paris(2026, 4, 3, 18, 0), "fermé : reprise mardi à 9 h", "closed: opens again Tuesday at 9 am"),  # Easter Monday 6 April
    (paris(2026, 5, 13, 18, 0), "fermé : reprise vendredi à 9 h", "closed: opens again Friday at 9 am"),  # Ascension
    (paris(2026, 12, 24, 17, 30), "fermé : reprise lundi à 9 h",
     "closed: opens again Monday at 9 am"),  # Christmas Friday
])
def test_open_now_or_when_again(when, fr, en):
    now = availability(CONFIG, when)
    assert (now.fr, now.en) == (fr, en)
    assert now.open == fr.startswith("disponible")


def test_the_clock_change_weekend_is_read_in_paris_time():
    # Sunday 25 October 2026 the clocks go back; Monday 9:00 Paris is 8:00 UTC.
    assert availability(CONFIG, datetime(2026, 10, 26, 8, 0, tzinfo=UTC)).open
    assert not availability(CONFIG, datetime(2026, 10, 26, 7, 59, tzinfo=UTC)).open


def test_extra_closing_days_and_no_hours_are_never_a_loop():
    closed = CONFIG.model_copy(update={"closed_on": ["2026-11-30", "2026-12-01"]})
    assert availability(closed, paris(2026, 11, 28, 10, 0)).fr == "fermé : reprise mercredi à 9 h"
    none = AcceoConfig.model_validate({"slug": "x"})
    assert availability(none, paris(2026, 11, 28, 10, 0)).fr == "fermé : horaires non communiqués"
    far = CONFIG.model_copy(update={"closed_on": [(date(2026, 12, 1) + timedelta(days=i)).isoformat() for i in range(70)]})
    assert availability(far, paris(2026, 11, 30, 18, 0)).fr == "fermé : horaires non communiqués"


def test_the_week_as_people_read_it():
    assert hours_lines(CONFIG)[0] == {"fr": "lundi : 9 h – 12 h, 13 h 30 – 17 h", "en": "Monday: 9 am – 12 pm, 1:30 pm – 5 pm"}


@given(st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2150, 1, 1), timezones=st.just(UTC)))
@settings(max_examples=200, deadline=500)
def test_any_time_gets_an_answer(now):
    result = availability(CONFIG, now)
    assert result.open or result.fr.startswith("fermé : ")


def test_two_holidays_on_one_day_keep_both_names():
    assert french_public_holidays(2008)[date(2008, 5, 1)] == ("Fête du Travail et Ascension", "Labour Day and Ascension Day")
