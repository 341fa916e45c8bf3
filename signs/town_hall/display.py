"""Dates of the agenda and the news as people say them, in French and English (pure)."""

from datetime import datetime, timedelta

from signs.town_hall.acceo_hours import DAYS_EN, DAYS_FR, MONTHS_EN, MONTHS_FR, PARIS, hour_en, hour_fr


def day_fr(when: datetime) -> str:
    return f"{DAYS_FR[when.weekday()]} {when.day}{'er' if when.day == 1 else ''} {MONTHS_FR[when.month - 1]}"


def day_en(when: datetime) -> str:
    return f"{DAYS_EN[when.weekday()]} {when.day} {MONTHS_EN[when.month - 1]}"


def event_when(starts: datetime, ends: datetime, all_day: bool) -> tuple[str, str]:
    """("samedi 11 juillet, 8 h – 13 h", "Saturday 11 July, 8 am – 1 pm"); all-day and multi-day events too."""
    starts, ends = starts.astimezone(PARIS), ends.astimezone(PARIS)
    if all_day:
        last = ends - timedelta(days=1)
        if last.date() <= starts.date():
            return f"{day_fr(starts)}, toute la journée", f"{day_en(starts)}, all day"
        return f"du {day_fr(starts)} au {day_fr(last)}", f"{day_en(starts)} to {day_en(last)}"
    if ends.date() != starts.date():
        return (f"du {day_fr(starts)} {hour_fr(starts.time())} au {day_fr(ends)} {hour_fr(ends.time())}",
                f"{day_en(starts)} {hour_en(starts.time())} to {day_en(ends)} {hour_en(ends.time())}")
    if ends == starts:
        return f"{day_fr(starts)}, {hour_fr(starts.time())}", f"{day_en(starts)}, {hour_en(starts.time())}"
    return (f"{day_fr(starts)}, {hour_fr(starts.time())} – {hour_fr(ends.time())}",
            f"{day_en(starts)}, {hour_en(starts.time())} – {hour_en(ends.time())}")


def published(when: datetime | None) -> tuple[str, str]:
    if when is None:
        return "", ""
    local = when.astimezone(PARIS)
    return f"publié le {local.day} {MONTHS_FR[local.month - 1]} {local.year}", f"published {local.day} {MONTHS_EN[local.month - 1]} {local.year}"
