"""Values polled over HTTP from city data platforms, turned into readings.

- Opendatasoft Explore API v2.1 ``.../records``: ``{"total_count": N, "results": [{...}, ...]}``;
  the newest record (by its time field) gives the value.
- OGC SensorThings Observations: ``{"value": [{"phenomenonTime": ..., "result": ...}], "@iot.nextLink": ...}``;
  the newest observation gives the value.
- A generic JSON document: the value and its time at dotted paths (``data.0.temperature``).

Pure: the fetch itself (requests, ETag, timeouts) is ``media.fetch``'s job.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from media.feeds.feedtime import FEED_WINDOW, TimeWindow, parse_time
from media.feeds.jsondoc import MAX_DOCUMENT_BYTES, decode_json_object
from media.feeds.readings import PayloadRejected, Reading
from media.feeds.values import DEFAULT_SENTINELS, check_rule_numbers, check_value

__all__ = ["MAX_DOCUMENT_BYTES", "HttpValueRule", "dig", "reading_from_http"]
MAX_PATH_PARTS = 16


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

    def __post_init__(self) -> None:
        if self.kind not in ("opendatasoft", "sensorthings", "json"):
            raise ValueError(f"unknown HTTP source kind {self.kind!r}")
        check_rule_numbers(self.scale, self.minimum, self.maximum, f"{self.kind} {self.quantity}")


def dig(doc: Any, path: str) -> Any:
    """The value at a dotted path (list indexes are numbers); KeyError naming the path when absent."""
    current = doc
    for part in path.split(".", MAX_PATH_PARTS):
        if isinstance(current, list) and part.lstrip("-").isdecimal() and len(part) < 10 \
                and -len(current) <= int(part) < len(current):
            current = current[int(part)]
        elif isinstance(current, dict) and part in current:
            current = current[part]
        else:
            raise KeyError(path)
    return current


def _entries(doc: dict[str, Any], rule: HttpValueRule, source: str) -> list[Any]:
    if rule.kind == "json":
        return [doc]
    key = "results" if rule.kind == "opendatasoft" else "value"
    if not isinstance(doc.get(key), list):
        raise PayloadRejected("unexpected-shape", f"{source}: no {key!r} list (is this a {rule.kind} endpoint?)")
    return doc[key]


def _entry_time(raw: Any, rule: HttpValueRule, where: str) -> datetime:
    if rule.kind == "sensorthings" and isinstance(raw, str) and "/" in raw:
        raw = raw.rsplit("/", 1)[1]  # a phenomenonTime interval "start/end": the value stands for its end
    return parse_time(raw, where, epoch_seconds=rule.kind == "json")


def _timed_value(entry: Any, rule: HttpValueRule, where: str) -> tuple[datetime, Any]:
    try:
        return _entry_time(dig(entry, rule.time_path), rule, f"{where} {rule.time_path}"), dig(entry, rule.value_path)
    except KeyError as missing:
        raise PayloadRejected("missing-field", f"{where}: no {str(missing.args[0])[:200]!r}") from None


def reading_from_http(body: bytes, rule: HttpValueRule, source: str, received_at: datetime,
                      window: TimeWindow = FEED_WINDOW) -> Reading:
    """The newest value in the document timed within ``window`` of ``received_at``, checked.

    Entries without a usable time, or timed outside the window, are passed over (one record dated
    2999 or with a broken time must not hide the real ones, nor silence the source); when no entry
    is left, the first entry's reason is given. PayloadRejected (with a stable cause) is the only
    exception. Pure and thread-safe.
    """
    doc = decode_json_object(body, source, MAX_DOCUMENT_BYTES)
    newest: tuple[datetime, Any] | None = None
    first_refusal: PayloadRejected | None = None
    for index, entry in enumerate(_entries(doc, rule, source)):
        try:
            at, value = _timed_value(entry, rule, f"{source} entry {index}")
            window.check(at, received_at, f"{source} entry {index}")
        except PayloadRejected as reason:
            first_refusal = first_refusal or reason
            continue
        if newest is None or at > newest[0]:
            newest = (at, value)
    if newest is None:
        raise first_refusal or PayloadRejected("no-data", f"{source}: the document holds no value")
    at, raw = newest
    value = check_value(raw, f"{source} {rule.value_path}", quantity=rule.quantity, unit=rule.unit, scale=rule.scale,
                        minimum=rule.minimum, maximum=rule.maximum, sentinels=DEFAULT_SENTINELS)
    return Reading(source, rule.quantity, value, rule.unit, at, received_at, body[:4096])
