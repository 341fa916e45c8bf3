from datetime import UTC, datetime, timedelta

from signs.beach.item import BeachPanelItem
from signs.beach.display import BeachState, FlagState, panel_display
from signs.beach.model import Flag, H2sAlert

NOW = datetime(2026, 7, 14, 12, 2, tzinfo=UTC)  # 14:02 in Paris
CONFIG = BeachPanelItem.model_validate({"kind": "beach_panel", "replay": "builtin:romaniquette", "theme": "auto"})


def tiles(display):
    return {t["key"]: t for t in display["tiles"]}


def test_values_carry_their_time_and_stale_ones_are_never_current():
    state = BeachState(values={"air_temperature": (29.4, NOW), "water_temperature": (22.0, NOW - timedelta(hours=1))})
    shown = tiles(panel_display(state, CONFIG, NOW))
    assert (shown["air_temperature"]["value_fr"], shown["air_temperature"]["age_fr"]) == ("29,4", "données de 14:02")
    assert shown["air_temperature"]["value_en"] == "29.4"
    assert shown["water_temperature"]["value_fr"] == "—"
    assert shown["water_temperature"]["age_fr"] == "indisponible (dernière donnée 13:02)"
    assert shown["uv"]["age_en"] == "unavailable"


def test_a_car_park_count_is_used_when_there_are_no_space_sensors():
    state = BeachState(values={"parking_free": (17, NOW), "parking_free_pmr": (1, NOW)})
    parking = tiles(panel_display(state, CONFIG, NOW))["parking"]
    assert (parking["value_fr"], parking["unit"], parking["detail_fr"]) == ("17", "/ 52", "dont 1 PMR")


def test_flag_alert_and_theme():
    alert = H2sAlert()
    alert.update(6.0, NOW)
    state = BeachState(values={"h2s": (6.0, NOW)}, flag=FlagState(Flag.RED, "Poste de secours", NOW), alert=alert)
    display = panel_display(state, CONFIG, NOW)
    assert display["alert"] and display["alert_title_fr"] == "PLAGE FERMÉE PAR ARRÊTÉ"
    assert display["alert_since_fr"] == "depuis 14:02"
    assert display["flag_fr"] == "Drapeau rouge : baignade interdite" and display["flag_pattern"] == "cross"
    assert display["flag_by_fr"] == "Hissé par Poste de secours à 14:02"
    assert display["day"] is True  # 14:02 in July at Romaniquette
    assert panel_display(state, CONFIG, NOW + timedelta(hours=9))["day"] is False  # 23:02


def test_a_value_that_is_not_a_finite_number_is_never_shown():
    state = BeachState(values={"h2s": (float("nan"), NOW), "air_temperature": (float("inf"), NOW),
                               "uv_index": (True, NOW), "parking_free": (float("nan"), NOW)})
    shown = tiles(panel_display(state, CONFIG, NOW))
    assert {shown[k]["value_fr"] for k in ("h2s", "air_temperature", "uv", "parking")} == {"—"}
    assert not shown["h2s"]["fresh"] and shown["h2s"]["colour"] == ""


def test_the_flag_reaches_the_view_as_the_enum_value():
    state = BeachState(flag=FlagState("violet", "Poste", NOW))
    display = panel_display(state, CONFIG, NOW)
    assert display["flag"] == Flag.VIOLET.value == "violet" and display["flag_pattern"] == "dots"
    assert panel_display(BeachState(), CONFIG, NOW)["flag"] == ""


def test_a_flag_not_confirmed_for_a_day_is_not_shown_as_current():
    state = BeachState(flag=FlagState(Flag.GREEN, "Poste", NOW))
    assert panel_display(state, CONFIG, NOW + timedelta(hours=23))["flag_fr"].startswith("Drapeau vert")
    stale = panel_display(state, CONFIG, NOW + timedelta(hours=25))
    assert (stale["flag"], stale["flag_known"], stale["flag_by_fr"]) == ("", False, "")
    assert stale["flag_fr"] == "Drapeau : information indisponible"
