"""The act's display window against its category's legal minimum, and when it leaves the screens."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from media.acts.categories import CATEGORIES, add_months
from media.acts.model import Act, Author, Document, Window, end_of_display, on_display, window_problems

PARIS = ZoneInfo("Europe/Paris")


def act(category: str, start: date, until: date | None, decided_on: date | None = None) -> Act:
    return Act("A-1", category, "Objet", "1", Author("François", "Bernardini", "Maire"), start, start,
               Window(start, until, decided_on), Document("a.pdf", "0" * 64))


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2024, 12, 31), 2, date(2025, 2, 28)),
    (date(2023, 12, 31), 2, date(2024, 2, 29)), (date(2026, 7, 1), 2, date(2026, 9, 1)), (date(2026, 11, 15), 2, date(2027, 1, 15)),
])
def test_calendar_months_clamp_to_the_end_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_a_window_shorter_than_the_legal_minimum_is_refused_with_a_clear_message():
    problems = window_problems(act("arretes_municipaux", date(2026, 7, 1), date(2026, 7, 20)), "$.acts[0]")
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith("$.acts[0]: ")
    assert "shorter than the legal minimum for Arrêtés municipaux (2 mois)" in text and "2026-09-01" in text


def test_a_window_of_exactly_the_minimum_passes_and_a_day_less_does_not():
    assert window_problems(act("deliberations", date(2026, 7, 1), date(2026, 9, 1)), "x") == []
    assert window_problems(act("deliberations", date(2026, 7, 1), date(2026, 8, 31)), "x") != []
    assert window_problems(act("etat_civil", date(2026, 7, 1), date(2026, 7, 10)), "x") == []  # 10 days: 1st to 10th
    assert "10 jours" in str(window_problems(act("etat_civil", date(2026, 7, 1), date(2026, 7, 9)), "x")[0])


def test_a_filing_notice_stays_until_the_decision():
    assert window_problems(act("urbanisme_depot", date(2026, 7, 1), None), "x") == []
    refused = window_problems(act("urbanisme_depot", date(2026, 7, 1), date(2026, 12, 31)), "x")
    assert "until_decision" in str(refused[0]) and "instruction" in str(refused[0])
    assert window_problems(act("urbanisme_depot", date(2026, 7, 1), date(2026, 10, 2), date(2026, 10, 1)), "x") == []


def test_impossible_dates_and_reversed_windows_are_problems():
    assert "impossible date 9999-12-31" in str(window_problems(act("marches", date(2026, 7, 1), date(9999, 12, 31)), "x")[0])
    assert "before it starts" in str(window_problems(act("marches", date(2026, 7, 1), date(2026, 6, 1)), "x")[0])


def test_an_act_leaves_at_the_end_of_its_last_day_in_the_towns_time_zone():
    a = act("deliberations", date(2026, 7, 1), date(2026, 9, 1))
    assert end_of_display(a, PARIS) == datetime(2026, 9, 2, tzinfo=PARIS)
    assert on_display(a, datetime(2026, 9, 1, 21, 59, tzinfo=UTC), PARIS)  # 23:59 in Paris
    assert not on_display(a, datetime(2026, 9, 1, 22, 0, tzinfo=UTC), PARIS)
    assert not on_display(a, datetime(2026, 6, 30, 21, 59, tzinfo=UTC), PARIS)
    assert end_of_display(act("urbanisme_depot", date(2026, 7, 1), None), PARIS) is None


def test_never_before_the_legal_minimum_even_if_a_short_window_got_through():
    short = act("deliberations", date(2026, 7, 1), date(2026, 7, 2))  # refused at validation; defence in depth
    assert end_of_display(short, PARIS) == datetime(2026, 9, 2, tzinfo=PARIS)


def test_every_category_says_its_minimum_in_french():
    assert {c.minimum_fr() for c in CATEGORIES.values()} >= {"2 mois", "10 jours", "aucun minimum légal"}
