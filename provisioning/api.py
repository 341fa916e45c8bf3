"""The management API (FastAPI, served over HTTPS by uvicorn in the service thread).

Only two routes answer strangers: asking to pair (the screen then shows a code and its certificate
fingerprint) and confirming with that code, signed by the key being registered. Everything else
needs a request signed by a paired administrator (``signed_requests``): anything else gets 401 and
changes nothing, refused on its headers before its body is read. Every body is bounded on its
Content-Length before reading (``body_limits``). The OpenAPI description is at ``/openapi.json``.
"""

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.requests import ClientDisconnect

from layouts.bundle import BundleRejected
from layouts.errors import LayoutError
from layouts.model import Layout
from provisioning.admin_routes import add_admin_routes
from provisioning.admins import PairedAdmins
from provisioning.alert_routes import ALERT_BODY_BOUNDS, add_alert_routes
from provisioning.body_limits import BodyLimits
from provisioning.commands import SetFlag
from provisioning.disk_full import disk_refusal
from provisioning.journal_routes import add_journal_routes
from provisioning.log_routes import add_log_routes
from provisioning.pairing import CODE_TTL_S, FIRST_PAIRING_WINDOW_S, PairingWindow
from provisioning.pairing_routes import MAX_CONFIRM_BYTES, add_pairing_routes, path_as_sent, unauthorized
from provisioning.push import BundleInbox
from provisioning.schedule_routes import OVERRIDE_PATH, add_schedule_routes, upload_lock
from provisioning.signed_requests import RequestRefused, RequestVerifier, parse_signed_headers

MAX_JSON_BYTES = 16 * 1024  # any signed route's body but a bundle's
SMALL_BODY_BOUNDS = {("POST", "/pairing/confirm"): MAX_CONFIRM_BYTES, ("PUT", "/flag"): 1024, **ALERT_BODY_BOUNDS}
OPEN_PATHS = {"/pairing/request", "/openapi.json"}  # everything else is signed
MAX_CONCURRENT_UPLOADS = 2  # one bundle received, one waiting its turn (neither holds more than a chunk in memory)


class DeviceControl(Protocol):
    """What the API asks of the screen; the kiosk implements it with a bridge to its GUI thread."""

    async def status(self) -> dict[str, Any]: ...

    async def screenshot_png(self) -> bytes: ...

    async def send(self, command: object) -> int: ...

    def show_pairing(self, code: str | None, fingerprint: str, requested_by: str = "",
                     expires_in_s: float = CODE_TTL_S) -> None: ...

    async def apply_layout(self, layout: Layout, folder: Path) -> dict[str, Any]:
        """Store as ``current`` (atomically) and answer once it is on screen (or say it is not yet)."""
        ...

    async def rollback(self) -> dict[str, Any]: ...

    async def layouts(self) -> dict[str, Any]: ...

    def folders_in_use(self) -> set[Path]: ...

    async def reload(self) -> dict[str, Any]: ...

    def log_tail(self, lines: int) -> list[str]: ...


class FlagChange(BaseModel):
    flag: Literal["green", "yellow", "red", "violet", "none"]
    set_by: str = Field(min_length=1, max_length=80)


def build_api(control: DeviceControl, admins: PairedAdmins, pairing: PairingWindow, fingerprint: str,
              inbox: BundleInbox, on_pairing_changed: Callable[[], None] = lambda: None) -> FastAPI:
    app = FastAPI(title="Istres kiosk management API", version="1", docs_url=None, redoc_url=None)
    verifier = RequestVerifier(admins.public_key)
    app.add_middleware(BodyLimits, bound_for=lambda method, path: body_bound(method, path, inbox.max_upload_bytes),
                       upload_above_bytes=MAX_JSON_BYTES, max_uploads=MAX_CONCURRENT_UPLOADS,
                       refuse_headers=lambda method, path, headers: unsigned_refusal(verifier, path, headers))
    if admins.count() == 0:
        pairing.allow_for(FIRST_PAIRING_WINDOW_S)  # switching an unpaired screen on is the action at the screen

    signed_by_admin = _signature_check(verifier, admins.note_used)
    add_pairing_routes(app, control, admins, pairing, verifier, fingerprint, on_pairing_changed, signed_by_admin)

    @app.get("/status")
    async def status(_admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        return await control.status()

    @app.get("/screenshot", response_class=Response, responses={200: {"content": {"image/png": {}}}})
    async def screenshot(_admin: str = Depends(signed_by_admin)) -> Response:
        return Response(await control.screenshot_png(), media_type="image/png")

    @app.put("/flag", openapi_extra={"requestBody": {"content": {"application/json": {
        "schema": FlagChange.model_json_schema()}}, "required": True}})
    async def set_flag(request: Request, _admin: str = Depends(signed_by_admin)) -> dict[str, str]:
        # Parsed after the signature check: a stranger learns nothing, not even what is wrong with the body.
        try:
            change = FlagChange.model_validate_json(await request.body())  # bounded by BodyLimits
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        await control.send(SetFlag(change.flag, change.set_by, datetime.now(UTC)))
        return {"flag": change.flag}

    _add_push_route(app, control, admins, verifier, inbox)
    add_schedule_routes(app, control, admins, verifier, inbox, signed_by_admin)  # GET /schedule, overrides
    add_alert_routes(app, control, signed_by_admin)  # when the screen takes alerts (kiosk.alerts_api)
    add_journal_routes(app, signed_by_admin, inbox.staging.parent)  # GET /journal, POST /journal/exported

    @app.get("/layouts")
    async def layouts(_admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        return await control.layouts()

    @app.post("/layouts/rollback")
    async def rollback(_admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        try:
            return await control.rollback()
        except LayoutError as exc:  # nothing to go back to, or the store cannot be read
            raise HTTPException(409, str(exc)) from None

    @app.post("/reload")
    async def reload(_admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        """Read the stored layout again (as SIGHUP does) and answer once it is on screen."""
        return await control.reload()

    add_log_routes(app, control, signed_by_admin)
    add_admin_routes(app, admins, signed_by_admin, on_pairing_changed)

    return app


def _signature_check(verifier: RequestVerifier, on_verified: Callable[[str], None]) -> Callable[[Request], Awaitable[str]]:
    """The dependency of signed routes: the paired key that signed, or 401 (on the headers before the body)."""

    async def signed_by_admin(request: Request) -> str:
        try:
            verifier.check_headers(request.headers)  # before a byte of the body is read
        except RequestRefused as refused:
            raise unauthorized(refused) from None
        body = await request.body()  # bounded by BodyLimits
        try:
            name = verifier.verify(request.method, path_as_sent(request), request.headers, body)
        except RequestRefused as refused:
            raise unauthorized(refused) from None
        on_verified(name)  # "last used" (bounded writes: provisioning.admins)
        return name

    return signed_by_admin


def _add_push_route(app: FastAPI, control: DeviceControl, admins: PairedAdmins, verifier: RequestVerifier,
                    inbox: BundleInbox) -> None:
    one_push_at_a_time = upload_lock(inbox)  # shared with the override route (schedule_routes)

    @app.post("/layouts", openapi_extra={"requestBody": {"content": {"application/gzip": {
        "schema": {"type": "string", "format": "binary"}}}, "required": True}})
    async def push(request: Request) -> JSONResponse:
        """A signed bundle (kioskctl bundle); answers once the new layout is on screen."""
        try:
            verifier.check_headers(request.headers)  # before reading a byte of the body (its size: BodyLimits)
        except RequestRefused as refused:
            raise unauthorized(refused) from None
        async with one_push_at_a_time:
            upload = inbox.upload_path()
            digest, size = hashlib.sha256(), 0
            try:
                with open(upload, "wb") as out:
                    async for chunk in request.stream():
                        size += len(chunk)
                        if size > inbox.max_upload_bytes:
                            raise HTTPException(413, f"bundle is over the {inbox.max_upload_bytes}-byte limit")
                        digest.update(chunk)
                        out.write(chunk)
                try:
                    admins.note_used(verifier.verify_digest(request.method, path_as_sent(request), request.headers,
                                                            digest.hexdigest()))
                except RequestRefused as refused:
                    raise unauthorized(refused) from None
                try:
                    received = await asyncio.to_thread(inbox.accept, upload, digest.hexdigest(), admins.trusted())
                except BundleRejected as rejected:
                    status = 422 if rejected.cause in ("invalid-layout", "missing-media") else 400
                    status = 507 if rejected.cause == "cannot-stage" else status
                    return JSONResponse({"detail": f"{rejected.cause}: {rejected.detail}", "cause": rejected.cause,
                                         "problems": rejected.problems}, status_code=status)
            except OSError as exc:  # the screen's own disk (full): a clear 507, nothing kept
                return disk_refusal(inbox.staging, exc)
            except ClientDisconnect:  # the administrator's side went away mid-upload: nothing kept, nobody to tell
                return JSONResponse({"detail": "upload cut: nothing was kept"}, status_code=400)
            finally:
                upload.unlink(missing_ok=True)
            result = await control.apply_layout(received.bundle.layout, received.folder)
            await asyncio.to_thread(inbox.clean, control.folders_in_use())
            return JSONResponse(result, status_code=200 if result.get("applied") else 202)


def unsigned_refusal(verifier: RequestVerifier, path: str, headers: dict[str, str]) -> str | None:
    """Why a request is refused on its signature headers alone (before its size, its body, its route)."""
    if path in OPEN_PATHS:
        return None
    try:
        if path == "/pairing/confirm":
            parse_signed_headers(headers)  # signed by the key it registers: only the form can be checked yet
        else:
            verifier.check_headers(headers)
    except RequestRefused as refused:
        return str(refused)
    return None


def body_bound(method: str, path: str, max_upload_bytes: int) -> int:
    """The largest body each route takes, checked on the Content-Length before reading (BodyLimits)."""
    if (method, path) == ("POST", "/layouts") or (method, path) == ("POST", OVERRIDE_PATH):
        return max_upload_bytes
    return SMALL_BODY_BOUNDS.get((method, path), MAX_JSON_BYTES)
