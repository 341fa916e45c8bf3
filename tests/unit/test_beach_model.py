from datetime import UTC, datetime, timedelta

import pytest

from signs.beach.model import (
    FLAG_MEANINGS,
    Flag,
    H2sAlert,
    SpaceState,
    beaufort,
    count_parking,
    freshness,
    h2s_band,
    mps_to_kmh,
    sun_times,
    uv_category,
)

T0 = datetime(2026, 7, 14, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("kmh", "force", "name"), [
    (0.5, 0, "calme"), (20, 4, "jolie brise"), (28.9, 4, "jolie brise"), (29, 5, "bonne brise"),
    (49.9, 6, "vent frais"), (61, 7, "grand frais"), (74, 8, "coup de vent"), (130, 12, "ouragan"),
])
def test_beaufort(kmh, force, name):
    assert (beaufort(kmh).force, beaufort(kmh).name_fr) == (force, name)


def test_the_fixture_wind_is_force_5():
    assert beaufort(mps_to_kmh(6.1)).name_fr == "jolie brise"  # 21.96 km/h
    assert beaufort(mps_to_kmh(9.8)).force == 5  # the gust, 35.3 km/h, shown apart


@pytest.mark.parametrize(("index", "name"), [(0, "faible"), (2.9, "faible"), (3, "modéré"), (6, "élevé"),
                                             (8.2, "très élevé"), (11, "extrême")])
def test_uv_who_categories(index, name):
    assert uv_category(index).name_fr == name


def test_every_flag_has_words_and_a_pattern():
    for flag in Flag:
        meaning = FLAG_MEANINGS[flag]
        assert meaning.text_fr and meaning.text_en and meaning.pattern
    assert FLAG_MEANINGS[Flag.YELLOW].text_fr == "Drapeau jaune : baignade surveillée, danger limité ou marqué"


@pytest.mark.parametrize(("ppm", "action"), [(0.01, "Aucune restriction"), (0.5, "Personnes sensibles"),
                                             (1.0, "Accès déconseillé"), (6, "Plage fermée par arrêté")])
def test_h2s_bands_say_what_to_do(ppm, action):
    assert h2s_band(ppm).action_fr.startswith(action)


def test_h2s_alert_lifts_only_after_the_hold_period():
    alert = H2sAlert(threshold_ppm=1.0, hold=timedelta(minutes=15))
    assert not alert.update(0.5, T0) and not alert.active
    assert alert.update(1.2, T0 + timedelta(minutes=1)) and alert.active
    assert not alert.update(0.4, T0 + timedelta(minutes=2))
    assert not alert.update(0.3, T0 + timedelta(minutes=16))  # 14 min under: still on
    assert not alert.update(1.1, T0 + timedelta(minutes=17))  # back over: the hold restarts
    assert not alert.update(0.2, T0 + timedelta(minutes=18))
    assert not alert.update(0.2, T0 + timedelta(minutes=32))
    assert alert.update(0.2, T0 + timedelta(minutes=33)) and not alert.active


def test_a_stale_value_is_never_current():
    ttl = timedelta(minutes=30)
    assert freshness(T0, ttl, T0 + timedelta(minutes=10)).current
    stale = freshness(T0, ttl, T0 + timedelta(minutes=31))
    assert not stale.current and stale.label_fr.startswith("indisponible (dernière donnée ")
    assert not freshness(None, ttl, T0).current
    assert not freshness(T0 + timedelta(hours=2), ttl, T0).current  # from the future: a clock is wrong


def test_parking_counts_silent_sensors_as_unknown():
    spaces = {
        "1": SpaceState(False, False, T0), "2": SpaceState(True, False, T0), "3": SpaceState(False, True, T0),
        "4": SpaceState(False, False, T0 - timedelta(hours=3)),  # silent for hours: unknown, not free
    }
    count = count_parking(spaces, total=52, ttl=timedelta(minutes=60), now=T0)
    assert (count.free, count.free_pmr, count.unknown, count.total) == (2, 1, 49, 52)


def test_sunrise_and_sunset_at_romaniquette():
    from datetime import date

    sunrise, sunset = sun_times(date(2026, 7, 14), 43.493, 4.979)
    # Published for Marseille (5.37 E) that day: 06:11 and 21:15 CEST; Istres lies a little west.
    assert abs((sunrise - datetime(2026, 7, 14, 4, 12, tzinfo=UTC)).total_seconds()) < 600
    assert abs((sunset - datetime(2026, 7, 14, 19, 16, tzinfo=UTC)).total_seconds()) < 600
    winter_rise, winter_set = sun_times(date(2026, 12, 21), 43.493, 4.979)
    assert 8.5 < (winter_set - winter_rise).total_seconds() / 3600 < 9.5  # about 9 h of day at the solstice
    assert sun_times(date(2026, 6, 21), 78.2, 15.6) is None  # Svalbard: the sun never sets


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf"), True, False, None, "0.1"])
def test_the_h2s_alert_refuses_what_is_not_a_finite_number(bad):
    from media.feeds.readings import PayloadRejected

    alert = H2sAlert(threshold_ppm=1.0, hold=timedelta(minutes=15))
    assert alert.update(8.0, T0) and alert.active
    for minute in range(1, 40):  # NaN used to count as "under": the alert lifted after the hold
        with pytest.raises(PayloadRejected, match="not-finite"):
            alert.update(bad, T0 + timedelta(minutes=minute))
    assert alert.active and alert.since == T0
    assert not alert.update(10**400, T0 + timedelta(minutes=41))  # a huge int is finite and over: still on


def test_a_late_reading_under_the_threshold_does_not_start_the_hold_early():
    alert = H2sAlert(threshold_ppm=1.0, hold=timedelta(minutes=15))
    alert.update(3.0, T0 + timedelta(minutes=30))
    assert not alert.update(0.1, T0)  # older than what is known: says nothing about now
    assert not alert.update(0.1, T0 + timedelta(minutes=31))
    assert not alert.update(0.1, T0 + timedelta(minutes=45))  # 14 min under
    assert alert.update(0.1, T0 + timedelta(minutes=46)) and not alert.active
    assert alert.update(2.0, T0 + timedelta(minutes=20))  # a late reading over the threshold still counts


def test_flag_is_the_one_enum_of_the_feeds():
    from media.feeds.flag import Flag as FeedFlag

    assert Flag is FeedFlag and set(FLAG_MEANINGS) == set(Flag)
