"""The administrators' own routes: who is paired with this screen, and removing one of them.

A screen never loses its last administrator by accident: removing the last key is refused 409
unless the request says ``?force=true`` (then nobody can manage the screen until it is reset and
paired again, on purpose).
"""

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request

from provisioning.admins import PairedAdmins

MAX_KEY_ID_CHARS = 64


def add_admin_routes(app: FastAPI, admins: PairedAdmins, signed_by_admin: Callable[[Request], Awaitable[str]],
                     on_pairing_changed: Callable[[], None]) -> None:
    @app.get("/admins")
    async def list_admins(_admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        """The paired keys: label, key id, when paired, when last used (UTC, to the minute)."""
        return {"admins": admins.listing(), "you": _admin}

    @app.delete("/admins/{name}")
    async def revoke(name: str, force: bool = False, _admin: str = Depends(signed_by_admin)) -> dict[str, bool]:
        """Remove one paired key; the last one only with ``force=true``."""
        known = {row["key"] for row in admins.listing()}
        if len(name) > MAX_KEY_ID_CHARS or name not in known:
            raise HTTPException(404, f"no key {name[:MAX_KEY_ID_CHARS]!r} is paired with this screen (kioskctl admins lists them)")
        if len(known) == 1 and not force:
            raise HTTPException(409, "last-admin: this is the screen's last administrator key: without it nobody can "
                                     "manage the screen until it is reset; pair another first, or confirm with --force")
        removed = admins.remove(name)
        if removed:
            on_pairing_changed()
        return {"removed": removed}
