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
