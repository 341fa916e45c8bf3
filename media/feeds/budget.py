"""A time budget for a computation we do not control (a third-party expansion of hostile rules).

Some RFC 5545 rules never yield an occurrence (the 31st of February, every day): dateutil then
walks day by day to the year 9999, seconds of CPU per event. Within ``time_budget`` every Python
function call in this thread checks the monotonic clock (a global trace function on 'call' events
only: no per-line cost) and raises ``BudgetExceeded`` past the deadline, so the caller refuses the
document instead of stalling a worker. The previous trace function (a debugger, coverage) is restored.
"""

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class BudgetExceeded(Exception):
    pass


@contextmanager
def time_budget(seconds: float, monotonic: Callable[[], float] = time.monotonic) -> Iterator[None]:
    deadline = monotonic() + seconds
    previous = sys.gettrace()

    def tracer(frame: FrameType, kind: str, arg: Any) -> None:
        if kind == "call" and monotonic() > deadline:
            raise BudgetExceeded(f"over {seconds:g} s")
        return None

    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)
