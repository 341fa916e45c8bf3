"""The fixture uplinks, re-dated to now and given fresh ids, as a network server would send them."""

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
FIXTURES = SHARED if SHARED.exists() else Path(__file__).resolve().parents[1] / "data" / "fixtures"
_counter = itertools.count(100)

WEATHER_TOPIC = "v3/istres-plages@ttn/devices/romaniquette-meteo/up"


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def weather_uplink(at: datetime | None = None, **decoded: Any) -> bytes:
    """The weather fixture as a live uplink (a fresh id, timed now or ``at``), its values updated."""
    doc = json.loads((FIXTURES / "tts-v3-up-weather.json").read_text())
    n = next(_counter)
    doc["correlation_ids"] = [f"as:up:test-{n}"]  # the fixture's SimulateUplink id would be refused
    doc["uplink_message"]["f_cnt"] = n
    doc["uplink_message"]["received_at"] = at.isoformat() if at is not None else _now()
    doc["uplink_message"]["decoded_payload"].update(decoded)
    return json.dumps(doc).encode()


def parking_uplink(space: int, occupied: bool, pmr: bool = False) -> tuple[str, bytes]:
    doc = json.loads((FIXTURES / "chirpstack-v4-up-parking.json").read_text())
    n = next(_counter)
    eui = f"70b3d5e75e00{space:04x}"
    doc["deviceInfo"]["devEui"] = eui
    doc["deviceInfo"]["tags"] = {"site": "romaniquette", "space": str(space), "pmr": "true" if pmr else "false"}
    doc["deduplicationId"] = f"test-{n}"
    doc["fCnt"] = n
    doc["time"] = _now()
    doc["object"] = {"occupied": occupied}
    return f"application/8c3d/device/{eui}/event/up", json.dumps(doc).encode()


def flag_message(flag: str, set_by: str = "Poste de secours", at: datetime | None = None) -> bytes:
    return json.dumps({"flag": flag, "set_by": set_by, "set_at": (at or datetime.now(UTC)).isoformat()}).encode()


def beach_item(mqtt_url: str, **overrides: Any) -> dict[str, Any]:
    item = {
        "kind": "beach_panel", "duration_s": 3600, "mqtt_url": mqtt_url, "flag_topic": "istres/plage/drapeau",
        "theme": "day", "languages": "fr",
        "devices": [
            {"tags": {"site": "romaniquette"}, "fields": [{"quantity": "parking_occupied", "field": "occupied"}]},
            {"dev_eui": "2CF7F1C04430012B", "fields": [
                {"quantity": "air_temperature", "field": "air_temperature_c", "unit": "°C", "minimum": -20, "maximum": 50},
                {"quantity": "wind_speed", "field": "wind_speed_mps", "unit": "km/h", "scale": 3.6, "minimum": 0, "maximum": 250},
                {"quantity": "uv_index", "field": "uv_index", "minimum": 0, "maximum": 20},
                {"quantity": "water_temperature", "field": "water_temperature_c", "unit": "°C", "minimum": -2, "maximum": 40},
                {"quantity": "h2s", "field": "h2s_ppm", "unit": "ppm", "minimum": 0, "maximum": 200}]},
        ],
    }
    item.update(overrides)
    return item
