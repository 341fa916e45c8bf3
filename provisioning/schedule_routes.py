"""The schedule routes of the management API (all signed by a paired administrator):

- ``GET /schedule?days=N``: what the screen will show over the next N days (1-366, default 7), as
  evaluated by the screen itself: segments with their UTC and local times, layout and source;
- ``POST /layouts/override?until=ISO``: a signed bundle (as ``POST /layouts``) whose layout is shown
  above the schedule until the given instant (with its UTC offset; at most 31 days ahead);
- ``DELETE /layouts/override``: lift every override.

The screen's control offers them through its ``schedule`` attribute (``ScheduleControl``); a
control without one answers 404. An override's upload is bounded and authenticated exactly like a
push: headers first, the body streamed to a file under the size limit, its digest checked against
the signature before the bundle is opened.
"""

import asyncio
import hashlib
import weakref
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from common.terminal import quoted
from layouts.bundle import BundleRejected
from layouts.model import Layout
from provisioning.admins import PairedAdmins
from provisioning.pairing_routes import path_as_sent, unauthorized
from provisioning.push import BundleInbox
from provisioning.signed_requests import RequestRefused, RequestVerifier

OVERRIDE_PATH = "/layouts/override"
DEFAULT_DAYS = 7
_UPLOAD_LOCKS: "weakref.WeakKeyDictionary[BundleInbox, asyncio.Lock]" = weakref.WeakKeyDictionary()


def upload_lock(inbox: BundleInbox) -> asyncio.Lock:
    """One lock per inbox for every route that receives a bundle: each ends by removing the bundle
    folders nothing uses, which must not catch the other's folder between receiving and storing it."""
    return _UPLOAD_LOCKS.setdefault(inbox, asyncio.Lock())


class ScheduleControl(Protocol):
    async def timeline(self, days: int) -> dict[str, Any]: ...

    async def override(self, layout: Layout, folder: Path, until: datetime) -> dict[str, Any]:
        """Store it (ValueError saying why it cannot be) and have the screen show it."""
        ...

    async def lift_overrides(self) -> dict[str, Any]: ...


def _refused(detail: str) -> HTTPException:
    return HTTPException(422, detail, headers={"Connection": "close"})  # the body is never read


def parse_until(text: str | None) -> datetime:
    """The ``until`` query value: an ISO 8601 instant with its UTC offset, or HTTP 422 saying why not."""
    if not text:
        raise _refused("until is required: an ISO 8601 time with its UTC offset, e.g. 2026-11-26T18:00:00+01:00")
    try:
        until = datetime.fromisoformat(text) if len(text) <= 64 else None
    except ValueError:
        until = None
    if until is None:
        raise _refused(f"until {quoted(text, 64)} is not an ISO 8601 time")
    if until.tzinfo is None or until.utcoffset() is None:
        raise _refused(f"until {quoted(text, 64)} has no UTC offset: the screen cannot tell which time it means")
    return until


def _schedule_of(control: object) -> ScheduleControl:
    schedule = getattr(control, "schedule", None)
    if schedule is None:
        raise HTTPException(404, "this screen has no schedule service")
    return schedule


def add_schedule_routes(app: FastAPI, control: object, admins: PairedAdmins, verifier: RequestVerifier,
                        inbox: BundleInbox, signed_by_admin: Any) -> None:
    one_upload_at_a_time = upload_lock(inbox)

    @app.get("/schedule")
    async def schedule(days: int = DEFAULT_DAYS, _admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        """The evaluated timeline of the next ``days`` days (1-366)."""
        if not 1 <= days <= 366:
            raise HTTPException(422, f"days must be from 1 to 366 (found {days})")
        return await _schedule_of(control).timeline(days)

    @app.delete(OVERRIDE_PATH)
    async def lift(_admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        return await _schedule_of(control).lift_overrides()

    @app.post(OVERRIDE_PATH, openapi_extra={"requestBody": {"content": {"application/gzip": {
        "schema": {"type": "string", "format": "binary"}}}, "required": True}})
    async def override(request: Request) -> JSONResponse:
        """A signed bundle whose layout shows above the schedule until ``until``."""
        try:
            verifier.check_headers(request.headers)  # before a byte of the body (its size: BodyLimits)
        except RequestRefused as refused:
            raise unauthorized(refused) from None
        desk = _schedule_of(control)
        until = parse_until(request.query_params.get("until"))
        async with one_upload_at_a_time:
            upload = inbox.upload_path()
            try:
                digest = await _receive(request, upload, inbox.max_upload_bytes)
                try:
                    verifier.verify_digest(request.method, path_as_sent(request), request.headers, digest)
                except RequestRefused as refused:
                    raise unauthorized(refused) from None
                try:
                    received = await asyncio.to_thread(inbox.accept, upload, digest, admins.trusted())
                except BundleRejected as rejected:
                    status = 422 if rejected.cause in ("invalid-layout", "missing-media") else 400
                    return JSONResponse({"detail": f"{rejected.cause}: {rejected.detail}", "cause": rejected.cause,
                                         "problems": rejected.problems}, status_code=status)
            finally:
                upload.unlink(missing_ok=True)
            try:
                result = await desk.override(received.bundle.layout, received.folder, until)
            except ValueError as exc:
                result = None
                refusal = str(exc)
            folders = getattr(control, "folders_in_use", None)
            if folders is not None:
                await asyncio.to_thread(inbox.clean, folders())
            if result is None:
                raise HTTPException(422, f"until: {refusal}")
            return JSONResponse(result)


async def _receive(request: Request, upload: Path, max_bytes: int) -> str:
    """Stream the body to ``upload`` under ``max_bytes`` (413 past it); its sha256."""
    digest, size = hashlib.sha256(), 0
    with open(upload, "wb") as out:
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise HTTPException(413, f"bundle is over the {max_bytes}-byte limit")
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()
