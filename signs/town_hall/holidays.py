"""French public holidays (jours fériés, metropolitan France): pure functions of the year.

Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher); Easter Monday, Ascension
(Easter + 39 days) and Whit Monday (Easter + 50 days) follow from it. Whit Monday is the "journée
de solidarité" in many places, yet still a public holiday on the calendar: town halls close.
"""

from datetime import date, timedelta

MIN_YEAR, MAX_YEAR = 1900, 2200


def easter_sunday(year: int) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def french_public_holidays(year: int) -> dict[date, tuple[str, str]]:
    """Each holiday of ``year``: (French name, English name). Two may fall on the same day (Ascension
    was on 1 May in 2008 and on 8 May in 1997): their names are then joined."""
    easter = easter_sunday(year)
    days: dict[date, tuple[str, str]] = {}
    for day, (fr, en) in _holidays(year, easter):
        known = days.get(day)
        days[day] = (f"{known[0]} et {fr}", f"{known[1]} and {en}") if known else (fr, en)
    return days


def _holidays(year: int, easter: date) -> list[tuple[date, tuple[str, str]]]:
    return [
        (date(year, 1, 1), ("Jour de l'an", "New Year's Day")),
        (easter + timedelta(days=1), ("Lundi de Pâques", "Easter Monday")),
        (date(year, 5, 1), ("Fête du Travail", "Labour Day")),
        (date(year, 5, 8), ("Victoire 1945", "Victory in Europe Day")),
        (easter + timedelta(days=39), ("Ascension", "Ascension Day")),
        (easter + timedelta(days=50), ("Lundi de Pentecôte", "Whit Monday")),
        (date(year, 7, 14), ("Fête nationale", "Bastille Day")),
        (date(year, 8, 15), ("Assomption", "Assumption Day")),
        (date(year, 11, 1), ("Toussaint", "All Saints' Day")),
        (date(year, 11, 11), ("Armistice 1918", "Armistice Day")),
        (date(year, 12, 25), ("Noël", "Christmas Day")),
    ]


def is_public_holiday(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR and day in french_public_holidays(day.year)
