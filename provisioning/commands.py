"""Typed commands an administrator's request becomes: what crosses from the API to the screen.

Frozen dataclasses, so a command can be handed between threads and logged as it is.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SetFlag:
    """Show this bathing flag on every beach panel of the screen (set by the lifeguards' post)."""

    flag: str
    set_by: str
    set_at: datetime
