"""The published JSON Schema of the layout document, for editors' completion and checking."""

import json
from typing import Any

from layouts.model import CURRENT_SCHEMA_VERSION, Layout

SCHEMA_ID = f"https://istres.fr/schemas/kiosk-layout/v{CURRENT_SCHEMA_VERSION}.json"


def layout_json_schema() -> dict[str, Any]:
    schema = Layout.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    schema["title"] = "Kiosk layout"
    schema["description"] = "One screen of the Istres kiosk runtime: regions, playlists, items."
    return schema


def layout_json_schema_text() -> str:
    return json.dumps(layout_json_schema(), indent=2, ensure_ascii=False) + "\n"
