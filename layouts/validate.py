"""Validation that reports every problem at once, each with its JSON path and a plain sentence.

Two passes: the typed model (types, ranges, unknown keys), then rules that span fields (regions
inside the screen, unique ids, and each item kind's own rules: transitions shorter than items,
known time zones, safe sources...).
"""

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from common.terminal import printable
from layouts.base import pattern_message
from layouts.errors import LayoutInvalid, Problem, shown
from layouts.json_input import decode_document, json_value_problems, member_path, read_document
from layouts.kinds import kind_names
from layouts.migrations import migrate
from layouts.model import Layout

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024

_PLAIN_MESSAGES = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known field (check the spelling)",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_parsing": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number (not NaN or Infinity)",
    "string_type": "must be text in quotes",
    "bool_type": "must be true or false",
    "list_type": "must be a list [...]",
    "model_type": "must be an object {...}",
    "dict_type": "must be an object {...}",
}


def _json_path(loc: tuple[Any, ...]) -> str:
    path = "$"
    names = kind_names()
    for i, part in enumerate(loc):
        # Discriminated unions add the tag ("image", ...) after the list index; authors never wrote it.
        if isinstance(part, str) and part in names and i > 0 and isinstance(loc[i - 1], int):
            continue
        path = f"{path}[{part}]" if isinstance(part, int) else member_path(path, str(part))
    return path


def _plain_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _PLAIN_MESSAGES:
        return _PLAIN_MESSAGES[kind]
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"kind must be one of: {', '.join(kind_names())}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')} (found {shown(error.get('input'))})"
    if kind == "string_pattern_mismatch":
        said = pattern_message(str(ctx.get("pattern", "")))
        return f"{said or 'does not have the expected form'} (found {shown(error.get('input'))})"
    if kind == "value_error":  # a field's own check (a time of day, a host pattern...) said what is wrong
        return printable(str(ctx.get("error", error.get("msg", "is not valid"))))
    limits = {
        "greater_than": "must be greater than {gt}",
        "greater_than_equal": "must be at least {ge}",
        "less_than": "must be less than {lt}",
        "less_than_equal": "must be at most {le}",
        "too_short": "must have at least {min_length} entries",
        "too_long": "must have at most {max_length} entries",
        "string_too_short": "must be at least {min_length} characters",
        "string_too_long": "must be at most {max_length} characters",
    }
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind in limits:
        return limits[kind].format(**ctx) + f" (found {shown(error.get('input'))})"
    return printable(str(error.get("msg", "is not valid")).replace("Input should", "should"))


def _check_rules(layout: Layout) -> list[Problem]:
    problems: list[Problem] = []
    screen = layout.screen
    seen_regions: set[str] = set()
    for r_index, region in enumerate(layout.regions):
        rpath = f"$.regions[{r_index}]"
        if region.id in seen_regions:
            problems.append(Problem(f"{rpath}.id", f"region id {region.id!r} is used twice; ids must be unique"))
        seen_regions.add(region.id)
        if region.x + region.width > screen.width or region.y + region.height > screen.height:
            problems.append(Problem(rpath, (
                f"region {region.id!r} ({region.x},{region.y} {region.width}x{region.height}) "
                f"goes past the screen ({screen.width}x{screen.height})")))
        seen_items: set[str] = set()
        for i_index, item in enumerate(region.playlist):
            ipath = f"{rpath}.playlist[{i_index}]"
            if item.id is not None:
                if item.id in seen_items:
                    problems.append(Problem(f"{ipath}.id", f"item id {item.id!r} is used twice in region {region.id!r}"))
                seen_items.add(item.id)
            problems.extend(item.problems(ipath))  # each kind's own cross-field rules
    return problems


def collect_problems(doc: Any) -> tuple[Layout | None, list[Problem]]:
    """Validate a decoded JSON document; return the layout (when valid) and every problem found."""
    if not isinstance(doc, dict):
        return None, [Problem("$", "a layout must be a JSON object {...}")]
    problems = json_value_problems(doc)
    if problems:
        return None, problems
    return _validated(doc)


def _validated(doc: dict[str, Any]) -> tuple[Layout | None, list[Problem]]:
    """``collect_problems`` for a document whose JSON values are known sound (nesting, numbers, keys)."""
    migrated, problems = migrate(doc)
    if problems:
        return None, problems
    try:
        layout = Layout.model_validate(migrated)
    except ValidationError as exc:
        return None, [Problem(_json_path(e["loc"]), _plain_message(e)) for e in exc.errors()]
    problems = _check_rules(layout)
    return (None if problems else layout), problems


def parse_layout(text: str | bytes, source: str = "layout") -> Layout:
    """Decode and validate; raise LayoutInvalid with every problem, or LayoutTooNew. Nothing else escapes."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise LayoutInvalid([Problem("$", f"the document is {len(text)} bytes; the limit is {MAX_DOCUMENT_BYTES}")], source)
    doc = decode_document(text, source)  # bounded nesting, sound numbers and keys: no walk needed
    if not isinstance(doc, dict):
        raise LayoutInvalid([Problem("$", "a layout must be a JSON object {...}")], source)
    try:
        layout, problems = _validated(doc)
    except (RecursionError, ValueError, OverflowError, TypeError) as exc:
        # Every known cause is checked above; should one slip through, the document is refused, not the caller.
        raise LayoutInvalid([Problem("$", f"the document could not be checked: {printable(exc)}")], source) from None
    if layout is None:
        raise LayoutInvalid(problems, source)
    return layout


def load_layout_file(path: Path) -> Layout:
    """Read and validate a layout file; a missing, unreadable, special or oversized file is a LayoutInvalid too."""
    return parse_layout(read_document(path, MAX_DOCUMENT_BYTES), str(path))
