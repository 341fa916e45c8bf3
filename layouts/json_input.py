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

    Returns the decoded value; refused values are left as markers for ``json_value_problems``.
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
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise LayoutInvalid([Problem("$", f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")], source) from None
    except (RecursionError, ValueError, OverflowError) as exc:  # the nesting check makes these unexpected
        raise LayoutInvalid([Problem("$", f"not valid JSON: {printable(exc)}")], source) from None


def nesting_of_text(text: str) -> int:
    """How deep the brackets of JSON ``text`` nest, outside strings (linear, no recursion)."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return 0 if "[" not in text and "{" not in text else 1  # cannot be deeper than the limit
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

    Iterative, so a value nested 100,000 deep handed in directly is measured without recursing.
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(doc, "$", 1)]
    while stack and len(problems) < _MAX_PROBLEMS:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list) and depth > MAX_NESTING:
            problems.append(Problem(path, f"nests deeper than {MAX_NESTING} levels"))
            continue
        if isinstance(value, _Refused):
            problems.append(Problem(path, value.message))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(path, f"must be a finite number (found {value})"))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_INT_DIGITS:
            problems.append(Problem(path, f"is a number with more than {MAX_INT_DIGITS} digits"))
        elif isinstance(value, dict):
            for key in getattr(value, "duplicated", ()):
                problems.append(Problem(member_path(path, key), "this key appears more than once in the object; give it once"))
            for key, member in value.items():
                if not isinstance(key, str):
                    problems.append(Problem(path, f"has a key that is not text ({printable(repr(key), 60)})"))
                else:
                    stack.append((member, member_path(path, key), depth + 1))
        elif isinstance(value, list):
            stack.extend((member, f"{path}[{i}]", depth + 1) for i, member in enumerate(value))
    problems.sort(key=lambda p: p.path)
    return problems


def member_path(path: str, key: str) -> str:
    """``$.a.b`` for plain keys; anything else quoted and escaped so the path prints safely."""
    if key.isascii() and key.replace("_", "a").isalnum() and not key[:1].isdigit():
        return f"{path}.{key}"
    return f"{path}[{quoted(key, 60)}]"
