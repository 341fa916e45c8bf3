"""The files a layout names inside its bundle, found generically (no list of item classes).

Every field called ``src``, ``replay`` or ``mqtt_ca_file``, wherever it sits in the validated layout
(an item today, a sign's own model tomorrow), whose value is a relative path and not a URL
(``https:``, ``builtin:``, ``local:``) names a file the bundle must carry. A new kind of file
reference is one more name in ``FILE_FIELDS``.
"""

import posixpath
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from common.terminal import quoted
from layouts.bundle_errors import BundleRejected
from layouts.bundle_names import canonical_name

FILE_FIELDS = frozenset({"src", "replay", "mqtt_ca_file"})


def _walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}"
            if key in FILE_FIELDS and isinstance(value, str):
                yield where, value
            else:
                yield from _walk(value, where)
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")


def file_references(layout: BaseModel) -> list[tuple[str, str]]:
    """(JSON path, value) of every relative file path the layout names, in document order."""
    return [(where, value) for where, value in _walk(layout.model_dump(), "$") if not urlsplit(value).scheme]


def check_references(layout: BaseModel, layout_name: str, listed: set[str] | dict[str, str]) -> None:
    """Every file the layout names (relative to the layout file's folder) is in the manifest, or BundleRejected."""
    base = posixpath.dirname(layout_name)
    problems = []
    for where, value in file_references(layout):
        try:
            name = canonical_name(posixpath.join(base, value), "the layout")
        except BundleRejected as refused:
            problems.append(f"{where}: {refused.detail}")
            continue
        if name not in listed:
            problems.append(f"{where}: {quoted(value)} is not in the bundle")
    if problems:
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        raise BundleRejected("missing-media", "; ".join(problems[:3]) + more, problems)
