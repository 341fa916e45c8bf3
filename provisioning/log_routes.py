"""``GET /logs``: the screen's newest JSON log lines, or (``after``) those since a cursor, for
``kioskctl logs --follow``. Bounded both ways: at most ``MAX_LINES`` per answer, and a follower
polls (no connection is held open); lines that left the in-memory ring before being read are counted
as ``missed``, and a cursor from before a restart is answered ``restarted``.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Depends, FastAPI, Query, Request

MAX_LINES = 1000


def add_log_routes(app: FastAPI, control: Any, signed_by_admin: Callable[[Request], Awaitable[str]]) -> None:
    @app.get("/logs")
    async def logs(lines: int = 100, after: int | None = Query(default=None, ge=0, le=2**62),
                   _admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        """The newest log lines (JSON), at most 1,000; with ``after``, those after that cursor."""
        count = max(0, min(lines, MAX_LINES))
        since = getattr(control, "log_since", None)
        if since is None:  # a screen that keeps no cursor: the tail only
            return {"lines": control.log_tail(count)}
        found, cursor, missed, restarted = since(after, count)
        return {"lines": found, "next": cursor, "missed": missed, "restarted": restarted}
