"""The layout document: what one screen shows, where and for how long.

Pure Python (no Qt). Exceptions::

    LayoutError
     +-- LayoutInvalid        (the document breaks the schema or its rules; carries every Problem)
     +-- LayoutTooNew         (written for a newer schema version than this runtime knows)
     +-- LayoutStoreError     (current / last-good could not be read or written)
"""

from layouts.errors import (
    LayoutError,
    LayoutInvalid,
    LayoutStoreError,
    LayoutTooNew,
    Problem,
)
from layouts.model import CURRENT_SCHEMA_VERSION, Item, Layout, Region
from layouts.validate import load_layout_file, parse_layout

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "Item",
    "Layout",
    "LayoutError",
    "LayoutInvalid",
    "LayoutStoreError",
    "LayoutTooNew",
    "Problem",
    "Region",
    "load_layout_file",
    "parse_layout",
]
