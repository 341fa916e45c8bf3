"""The bathing flag as the lifeguard post publishes it: ``{"flag": "yellow", "set_by": ..., "set_at": ...}``."""

import json
from dataclasses import dataclass
from datetime import datetime

from media.feeds.lorawan import parse_time
from media.feeds.readings import PayloadRejected

FLAG_COLOURS = ("green", "yellow", "red", "violet", "none")


@dataclass(frozen=True, slots=True)
class FlagMessage:
    flag: str
    set_by: str
    set_at: datetime


def parse_flag_message(payload: bytes) -> FlagMessage:
    try:
        doc = json.loads(payload)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PayloadRejected("malformed-json", f"flag message: {exc}") from None
    if not isinstance(doc, dict):
        raise PayloadRejected("malformed-json", "flag message is not a JSON object")
    flag = str(doc.get("flag", "")).lower()
    if flag not in FLAG_COLOURS:
        raise PayloadRejected("bad-flag", f"flag {doc.get('flag')!r} is not one of {', '.join(FLAG_COLOURS)}")
    set_by = doc.get("set_by")
    if not isinstance(set_by, str) or not set_by.strip():
        raise PayloadRejected("missing-field", "flag message has no set_by (who set the flag)")
    return FlagMessage(flag, set_by.strip()[:80], parse_time(doc.get("set_at"), "set_at"))
