"""Decode a JSON payload from outside, or refuse it: the one way every feed reads JSON.

The standard ``json.loads`` lets through what an attacker (or a broken codec) can send in 64 KB:
30,000 nesting levels (``RecursionError``), 5,000-digit integers (``ValueError`` past Python's
4,300-digit limit, slow below it), repeated keys (the last one silently wins, so two readers can
disagree on the value), and text that is not UTF-8. Here the size is checked before any parsing,
number literals are bounded, duplicate keys are refused, and the only exception that escapes is
``PayloadRejected`` with a stable cause. ``NaN`` and ``Infinity`` parse as floats on purpose: the
value check (``media.feeds.values``) refuses them one value at a time, so a single bad field does
not silence the others.
"""

import json
from typing import Any

from media.feeds.readings import PayloadRejected

MAX_MESSAGE_BYTES = 64 * 1024  # an MQTT uplink or a flag message (real ones are 1-2 KB)
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024  # an HTTP document from a city data platform
MAX_NUMBER_CHARS = 40  # a number literal longer than this is no sensor value (and int() of 4,300+ digits raises)
MAX_DEPTH = 32  # real uplinks nest 5 levels; Python's C parser accepts about 10,000, but repr() and
# deepcopy() of what it returns then raise RecursionError far from here


class _Refused(ValueError):
    """Raised inside the json hooks; turned into PayloadRejected by ``decode_json_object``."""

    def __init__(self, cause: str, detail: str) -> None:
        super().__init__(detail)
        self.cause = cause


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _Refused("duplicate-key", f"key {key[:40]!r} appears more than once in one object")
        seen.add(key)
    return dict(pairs)


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused("huge-number", f"a number of {len(text)} characters")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused("huge-number", f"a number of {len(text)} characters")
    return float(text)


def _check_depth(doc: dict[str, Any], where: str) -> None:
    """Iterative (no recursion of its own): no container more than MAX_DEPTH levels down."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        for child in (node.values() if isinstance(node, dict) else node):
            if isinstance(child, (dict, list)):
                if depth >= MAX_DEPTH:
                    raise PayloadRejected("too-deep", f"{where}: nested more than {MAX_DEPTH} levels")
                if child:
                    stack.append((child, depth + 1))


def decode_json_object(payload: bytes, where: str, max_bytes: int = MAX_MESSAGE_BYTES) -> dict[str, Any]:
    """``payload`` (UTF-8 JSON, at most ``max_bytes``) as a dict; PayloadRejected(cause) otherwise.

    Causes: too-large, not-utf8, malformed-json, too-deep, huge-number, duplicate-key, not-an-object.
    Pure and thread-safe (no state): callable from paho's network thread.
    """
    if not isinstance(payload, (bytes, bytearray, memoryview)):
        raise PayloadRejected("malformed-json", f"{where}: not bytes")
    if len(payload) > max_bytes:
        raise PayloadRejected("too-large", f"{where}: {len(payload)} bytes, over the limit of {max_bytes}")
    try:
        text = bytes(payload).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PayloadRejected("not-utf8", f"{where}: byte {exc.start} is not UTF-8") from None
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_bounded_int, parse_float=_bounded_float)
    except _Refused as exc:
        raise PayloadRejected(exc.cause, f"{where}: {exc}") from None
    except RecursionError:
        raise PayloadRejected("too-deep", f"{where}: nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # JSONDecodeError is a ValueError
        raise PayloadRejected("malformed-json", f"{where}: {str(exc)[:200]}") from None
    if not isinstance(doc, dict):
        raise PayloadRejected("not-an-object", f"{where}: the document is a JSON {type(doc).__name__}, not an object")
    _check_depth(doc, where)
    return doc
