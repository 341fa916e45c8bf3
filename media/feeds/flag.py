"""The bathing flag: the one ``Flag`` type, and the message the lifeguard post publishes,
``{"flag": "yellow", "set_by": "Poste de secours", "set_at": "2026-07-14T11:00:00+02:00"}``.

The flag is set by people, never inferred from sensors (décret 2022-105). A message is refused
unless ``flag`` is one of the known values (``null`` is not "no flag": "none" must be said), it
names who set it, and ``set_at`` lies within the feed time window around its arrival. A message
not newer than the flag shown is refused as out of order (or ignored when it is the same message
again, as a retained MQTT message is after every reconnection).
"""

import enum
from dataclasses import dataclass
from datetime import datetime

from media.feeds.feedtime import FEED_WINDOW, TimeWindow, parse_time
from media.feeds.jsondoc import decode_json_object
from media.feeds.readings import PayloadRejected

MAX_SET_BY_CHARS = 80


class Flag(enum.StrEnum):
    """Code du sport D.322-11-1 colours; violet per the AFNOR recommendation; NONE = no supervision."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    VIOLET = "violet"
    NONE = "none"


FLAG_VALUES = tuple(flag.value for flag in Flag)


@dataclass(frozen=True, slots=True)
class FlagMessage:
    flag: Flag
    set_by: str
    set_at: datetime  # aware, UTC

    def __post_init__(self) -> None:
        # Whatever built it (a feed, the management API), the flag is a Flag and set_by is plain words.
        object.__setattr__(self, "flag", Flag(self.flag))  # "red" becomes Flag.RED; ValueError if unknown
        object.__setattr__(self, "set_by", _plain_words(str(self.set_by)))


def _plain_words(text: str) -> str:
    """Control and format characters (escapes, bidi overrides) become spaces, runs collapse, length is cut."""
    words = "".join(ch if ch.isprintable() else " " for ch in text[:4 * MAX_SET_BY_CHARS]).split()
    return " ".join(words)[:MAX_SET_BY_CHARS]


def clean_set_by(value: object) -> str:
    """Who set the flag, as plain words; PayloadRejected("missing-field") when absent or empty."""
    if not isinstance(value, str):
        raise PayloadRejected("missing-field", "flag message has no set_by (who set the flag)")
    text = _plain_words(value)
    if not text:
        raise PayloadRejected("missing-field", "flag message has an empty set_by (who set the flag)")
    return text


def parse_flag(value: object) -> Flag:
    if not isinstance(value, str) or value.strip().lower() not in FLAG_VALUES:
        raise PayloadRejected("bad-flag", f"flag {repr(value)[:40]} is not one of {', '.join(FLAG_VALUES)}")
    return Flag(value.strip().lower())


def parse_flag_message(payload: bytes, received_at: datetime, window: TimeWindow = FEED_WINDOW) -> FlagMessage:
    """A checked flag message; PayloadRejected (with a stable cause) is the only exception. Pure."""
    doc = decode_json_object(payload, "flag message")
    flag = parse_flag(doc.get("flag"))
    set_by = clean_set_by(doc.get("set_by"))
    set_at = parse_time(doc.get("set_at"), "flag message set_at")
    window.check(set_at, received_at, "flag message set_at")
    return FlagMessage(flag, set_by, set_at)


def flag_is_news(message: FlagMessage, shown: FlagMessage | None) -> bool:
    """True when ``message`` should replace the flag ``shown``; False for the same message again.

    PayloadRejected("out-of-order") for an older message, or a different one with the same time.
    """
    if shown is None or message.set_at > shown.set_at:
        return True
    if (message.flag, message.set_by, message.set_at) == (shown.flag, shown.set_by, shown.set_at):
        return False
    raise PayloadRejected("out-of-order", f"flag {message.flag.value} set at {message.set_at.isoformat()} is not newer "
                                          f"than the flag shown ({shown.flag.value}, set at {shown.set_at.isoformat()})")
