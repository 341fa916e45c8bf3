"""The files a layout names inside its bundle, asked of each item kind (``ItemBase.file_references``).

Each kind says which of its fields name a file or URL (an image's ``src``, a beach panel's
``replay`` and ``mqtt_ca_file``...); those that are relative paths (no scheme: not ``https:``,
``builtin:``, ``local:``) name a file the bundle must carry.
"""

import posixpath

from common.terminal import quoted
from layouts.bundle_errors import BundleRejected
from layouts.bundle_names import canonical_name
from layouts.checks import is_relative_file
from layouts.model import Layout


def file_references(layout: Layout) -> list[tuple[str, str]]:
    """(JSON path, value) of every relative file path the layout names, in document order."""
    found = []
    for r_index, region in enumerate(layout.regions):
        for i_index, item in enumerate(region.playlist):
            for field, value in item.file_references().items():
                if is_relative_file(value):
                    found.append((f"$.regions[{r_index}].playlist[{i_index}].{field}", value))
    return found


def check_references(layout: Layout, layout_name: str, listed: set[str] | dict[str, str]) -> None:
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
