"""Reading a layout document from outside, bounded: the file, its bytes, its JSON, its numbers.

Everything here turns hostile input into Problems (raised as LayoutInvalid), never into another
exception, a hang or an unbounded read:

- only a regular file is read, opened without blocking (a FIFO would otherwise wait for a writer
  for ever) and read up to the limit + 1 byte (``/dev/zero`` has no end);
- nesting is measured on the text before decoding (the decoders and ``copy`` recurse: 100,000
  levels fit in 200 KB), and again on decoded values handed in directly;
- duplicate keys are refused (JSON readers disagree on which one wins), numbers must be finite
  (no NaN / Infinity) and integers short (``int()`` of 5,000 digits raises, and no layout needs it).
"""

import json
import math
import os
import re
import stat
from itertools import accumulate
from pathlib import Path
from typing import Any

from common.terminal import printable, quoted
from layouts.errors import LayoutInvalid, Problem

MAX_NESTING = 64  # a layout nests about 10 levels deep (layout, regions, region, playlist, item, devices...)
MAX_INT_DIGITS = 30
_INT_LIMIT = 10**MAX_INT_DIGITS
_MAX_PROBLEMS = 50

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def read_document(path: Path, limit_bytes: int) -> bytes:
    """The bytes of the file at ``path``: a regular file of at most ``limit_bytes``, else LayoutInvalid."""
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except OSError as exc:
        raise LayoutInvalid([Problem("$", f"cannot read the file: {exc.strerror or exc}")], source) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise LayoutInvalid([Problem("$", f"cannot read the file: it is {_file_kind(mode)}, not a regular file")], source)
        chunks, size = [], 0
        while size <= limit_bytes:
            chunk = os.read(fd, min(1024 * 1024, limit_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise LayoutInvalid([Problem("$", f"cannot read the file: {exc.strerror or exc}")], source) from None
    finally:
        os.close(fd)
    if size > limit_bytes:
        raise LayoutInvalid([Problem("$", f"the document is over the {limit_bytes}-byte limit")], source)
    return b"".join(chunks)


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


class _Refused:
    """Stands in the decoded document for a value that must not reach the model; the walk reports it."""

    def __init__(self, message: str) -> None:
        self.message = message


class _DuplicateKeys(dict):
    """An object that had the same key more than once (the last one kept, as json does)."""

    duplicated: list[str]


def decode_document(text: str | bytes, source: str = "layout") -> Any:
    """Decode JSON text with bounded nesting, refusing duplicate keys, NaN/Infinity and huge integers.

    Returns the decoded value, which then needs no ``json_value_problems`` walk: its nesting was
    measured on the text, and anything the decoder refused is raised here as LayoutInvalid, with paths.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        except (UnicodeDecodeError, LookupError) as exc:
            raise LayoutInvalid([Problem("$", f"not valid JSON: not UTF-8 text ({exc.reason if hasattr(exc, 'reason') else exc})")],
                                source) from None
    depth = nesting_of_text(text)
    if depth > MAX_NESTING:
        raise LayoutInvalid([Problem("$", f"the document nests {depth} levels deep; the limit is {MAX_NESTING}")], source)
    refused = [False]  # set by the hooks: only then is the decoded value walked for paths

    def marked(marker: Any) -> Any:
        refused[0] = True
        return marker

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = _object(pairs)
        return marked(obj) if type(obj) is _DuplicateKeys else obj

    try:
        doc = json.loads(text, object_pairs_hook=pairs_hook, parse_int=lambda t: _marked_if_refused(_integer(t), marked),
                         parse_float=lambda t: _marked_if_refused(_float(t), marked), parse_constant=lambda n: marked(_constant(n)))
    except json.JSONDecodeError as exc:
        raise LayoutInvalid([Problem("$", f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")], source) from None
    except (RecursionError, ValueError, OverflowError) as exc:  # the nesting check makes these unexpected
        raise LayoutInvalid([Problem("$", f"not valid JSON: {printable(exc)}")], source) from None
    if refused[0]:
        raise LayoutInvalid(json_value_problems(doc) or [Problem("$", "holds a value that cannot be used")], source)
    return doc


def _marked_if_refused(value: Any, marked: Any) -> Any:
    return marked(value) if type(value) is _Refused else value


def nesting_of_text(text: str) -> int:
    """How deep the brackets of JSON ``text`` nest, outside strings (linear, no recursion).

    With no more opening brackets than the limit, their count is returned (the depth is at most that).
    """
    opening = text.count("[") + text.count("{")
    if opening <= MAX_NESTING:
        return opening
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    marked = _DuplicateKeys(obj)
    marked.duplicated = list(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))
    return marked


def _integer(digits: str) -> int | _Refused:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        return _Refused(f"is a number with {len(digits.lstrip('-'))} digits; numbers have at most {MAX_INT_DIGITS}")
    return int(digits)


def _float(text: str) -> float | _Refused:
    value = float(text)
    return value if math.isfinite(value) else _Refused(f"is a number too large to use ({quoted(text, 40)})")


def _constant(name: str) -> _Refused:
    return _Refused(f"must be a finite number, not {name}")


def json_value_problems(doc: Any) -> list[Problem]:
    """Problems with a decoded value as a whole: nesting, refused numbers, duplicate or non-text keys.

    Iterative, so a value nested 100,000 deep handed in directly is measured without recursing; a
    member's path is spelt only when it has a problem (a 2 MB document holds 700,000 values).
    """
    found: list[tuple[Any, str]] = []  # (where, what); where is a (parent where, key) chain
    stack: list[tuple[Any, int, Any]] = [(doc, 1, None)]
    while stack and len(found) < _MAX_PROBLEMS:
        value, depth, where = stack.pop()
        if depth > MAX_NESTING:
            found.append((where, f"nests deeper than {MAX_NESTING} levels"))
            continue
        if type(value) is _Refused:  # the document itself is one refused value (NaN, a 5,000-digit number)
            found.append((where, value.message))
            continue
        if type(value) is list:
            members = enumerate(value)
        elif not isinstance(value, dict):
            continue  # a scalar: nothing inside to check
        else:
            for key in getattr(value, "duplicated", ()):
                found.append(((where, key), "this key appears more than once in the object; give it once"))
            if not all(type(key) is str for key in value):
                found.append((where, "has a key that is not text"))
                continue
            members = value.items()
        for key, member in members:
            kind = type(member)
            if kind is dict or kind is list or kind is _DuplicateKeys:
                stack.append((member, depth + 1, (where, key)))
            elif kind is float:
                if not math.isfinite(member):
                    found.append(((where, key), f"must be a finite number (found {member})"))
            elif kind is int:
                if not -_INT_LIMIT < member < _INT_LIMIT:
                    found.append(((where, key), f"is a number with more than {MAX_INT_DIGITS} digits"))
            elif kind is _Refused:
                found.append(((where, key), member.message))
            if len(found) >= _MAX_PROBLEMS:
                break
    problems = [Problem(_spelt(where), message) for where, message in found[:_MAX_PROBLEMS]]
    return sorted(problems, key=lambda p: p.path)


def _spelt(where: Any) -> str:
    keys = []
    while where is not None:
        where, key = where
        keys.append(key)
    path = "$"
    for key in reversed(keys):
        path = f"{path}[{key}]" if isinstance(key, int) else member_path(path, str(key))
    return path


def member_path(path: str, key: str) -> str:
    """``$.a.b`` for plain keys; anything else quoted and escaped so the path prints safely."""
    if key.isascii() and key.replace("_", "a").isalnum() and not key[:1].isdigit():
        return f"{path}.{key}"
    return f"{path}[{quoted(key, 60)}]"
