"""Values polled over HTTP from city data platforms, turned into readings.

- Opendatasoft Explore API v2.1 ``.../records``: ``{"total_count": N, "results": [{...}, ...]}``;
  the newest record (by its time field) gives the value.
- OGC SensorThings Observations: ``{"value": [{"phenomenonTime": ..., "result": ...}], "@iot.nextLink": ...}``;
  the newest observation gives the value.
- A generic JSON document: the value and its time at dotted paths (``data.0.temperature``).

Pure: the fetch itself (requests, ETag, timeouts) is ``media.fetch``'s job.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from media.feeds.lorawan import parse_time
from media.feeds.readings import PayloadRejected, Reading

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class HttpValueRule:
    kind: str  # "opendatasoft", "sensorthings" or "json"
    quantity: str
    unit: str = ""
    value_path: str = "result"  # in a record (opendatasoft), an observation (sensorthings) or the document (json)
    time_path: str = "phenomenonTime"
    scale: float = 1.0
    minimum: float | None = None
    maximum: float | None = None


def dig(doc: Any, path: str) -> Any:
    """The value at a dotted path (list indexes are numbers); KeyError naming the path when absent."""
    current = doc
    for part in path.split("."):
        if isinstance(current, list) and part.lstrip("-").isdigit() and -len(current) <= int(part) < len(current):
            current = current[int(part)]
        elif isinstance(current, dict) and part in current:
            current = current[part]
        else:
            raise KeyError(path)
    return current


def _decode(body: bytes, source: str) -> Any:
    if len(body) > MAX_DOCUMENT_BYTES:
        raise PayloadRejected("too-large", f"{source}: {len(body)} bytes")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PayloadRejected("malformed-json", f"{source}: {exc}") from None


def _entries(doc: Any, rule: HttpValueRule, source: str) -> list[Any]:
    if rule.kind == "json":
        return [doc]
    key = "results" if rule.kind == "opendatasoft" else "value"
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        raise PayloadRejected("unexpected-shape", f"{source}: no {key!r} list (is this a {rule.kind} endpoint?)")
    return doc[key]


def reading_from_http(body: bytes, rule: HttpValueRule, source: str, received_at: datetime) -> Reading:
    """The newest value in the document, checked; PayloadRejected says what and where otherwise."""
    doc = _decode(body, source)
    newest: tuple[datetime, Any] | None = None
    for index, entry in enumerate(_entries(doc, rule, source)):
        try:
            at = parse_time(dig(entry, rule.time_path), f"{source} entry {index} {rule.time_path}")
            value = dig(entry, rule.value_path)
        except KeyError as missing:
            raise PayloadRejected("missing-field", f"{source} entry {index}: no {missing.args[0]!r}") from None
        if newest is None or at > newest[0]:
            newest = (at, value)
    if newest is None:
        raise PayloadRejected("no-data", f"{source}: the document holds no value")
    at, raw = newest
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise PayloadRejected("wrong-type", f"{source} {rule.value_path} = {raw!r} is not a number")
    value = raw * rule.scale
    if (rule.minimum is not None and value < rule.minimum) or (rule.maximum is not None and value > rule.maximum):
        raise PayloadRejected("out-of-range", f"{source} {rule.quantity} = {value:g} {rule.unit} is outside "
                                              f"[{rule.minimum}, {rule.maximum}]")
    return Reading(source, rule.quantity, value, rule.unit, at, received_at, body[:4096])
