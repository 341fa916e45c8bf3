"""One journal entry and its hash: sha256 over a canonical encoding that includes the previous hash.

The encoding is the format version, then every field in a fixed order, joined by the unit separator
U+001F (UTF-8). No field may hold that character (ids must be printable, the detail is JSON, which
escapes control characters, times are ours; ``verify`` flags any row that holds one), so two
different entries never encode to the same bytes. Cheaper than JSON: verify walks 1,000,000 rows.
"""

import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64  # what the first entry of a journal chains from
MAX_DETAIL_BYTES = 64 * 1024  # a larger detail is replaced by its size and sha256 (honest, bounded)
MAX_ID_CHARS = 200
EVENT_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
FIELDS = ("seq", "utc", "local", "screen", "act_id", "act_sha256", "event", "detail", "prev_hash", "hash")

SEPARATOR = "\x1f"
PREFIX = f"{FORMAT_VERSION}{SEPARATOR}"
_detail_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, sort_keys=True).encode


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    utc: str  # 2026-07-14T12:00:00.000123Z
    local: str  # 2026-07-14T14:00:00.000123+02:00 (the screen's zone at that moment)
    screen: str
    act_id: str
    act_sha256: str
    event: str
    detail: str  # canonical JSON text of an object
    prev_hash: str
    hash: str

    def as_row(self) -> tuple:
        return (self.seq, self.utc, self.local, self.screen, self.act_id, self.act_sha256, self.event, self.detail,
                self.prev_hash, self.hash)

    def detail_object(self) -> dict[str, Any]:
        try:
            value = json.loads(self.detail)
        except (ValueError, RecursionError):
            return {}
        return value if isinstance(value, dict) else {}


def entry_hash(seq: int, utc: str, local: str, screen: str, act_id: str, act_sha256: str, event: str, detail: str,
               prev_hash: str) -> str:
    encoded = SEPARATOR.join((PREFIX + str(seq), utc, local, screen, act_id, act_sha256, event, detail, prev_hash))
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def utc_text(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def local_text(when: datetime, zone: tzinfo | None) -> str:
    """The wall time of the screen's zone with its UTC offset (``zone`` None: the system's)."""
    return when.astimezone(zone).isoformat(timespec="microseconds")


def parse_utc(text: str) -> datetime | None:
    """An entry's UTC time, or None when it is not one (a damaged or hostile row)."""
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except (ValueError, TypeError, OverflowError):
        return None


def clean_detail(detail: dict | None) -> str:
    """Canonical JSON of ``detail``; what cannot be journaled as given is said so, never dropped silently."""
    if detail is None:
        return "{}"
    if not isinstance(detail, dict):
        return _detail_text({"invalid_detail": type(detail).__name__})
    try:
        text = _detail_text(_finite(detail, 0))
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:
        return _detail_text({"invalid_detail": f"{type(exc).__name__}: {str(exc)[:200]}"})
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_DETAIL_BYTES:
        return _detail_text({"oversize_detail_bytes": len(raw), "detail_sha256": hashlib.sha256(raw).hexdigest()})
    return text


def _finite(value: Any, depth: int) -> Any:
    """JSON-safe copy: finite numbers only, string keys, bounded depth (NaN and 5,000-digit ints refused)."""
    if depth > 20:
        raise ValueError("detail nested deeper than 20 levels")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        if abs(value) > 2**63:
            raise ValueError("integer out of range")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("non-finite number")
        return value
    if isinstance(value, dict):
        return {str(k): _finite(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v, depth + 1) for v in value]
    raise TypeError(f"{type(value).__name__} is not JSON")


def screen_problem(screen: str) -> str | None:
    if not isinstance(screen, str) or not 0 < len(screen) <= MAX_ID_CHARS or not screen.isprintable():
        return f"screen id must be printable text of 1 to {MAX_ID_CHARS} characters"
    return None


def field_problem(event: str, act_id: str, act_sha256: str) -> str | None:
    """Why a record cannot be journaled as given (None: it can)."""
    if not isinstance(event, str) or not EVENT_NAME.fullmatch(event):
        return "event must be 1-40 characters a-z, 0-9, _ starting with a letter"
    if not isinstance(act_id, str) or len(act_id) > MAX_ID_CHARS or not all(ch.isprintable() for ch in act_id):
        return f"act id must be printable text of at most {MAX_ID_CHARS} characters"
    if not isinstance(act_sha256, str) or (act_sha256 and not SHA256_HEX.fullmatch(act_sha256)):
        return "act sha256 must be empty or 64 lower-case hex digits"
    return None
