"""The management API (FastAPI, served over HTTPS by uvicorn in the service thread).

Only two routes answer strangers: asking to pair (the screen then shows a code and its certificate
fingerprint) and confirming with that code, signed by the key being registered. Everything else
needs a request signed by a paired administrator (``signed_requests``): anything else gets 401 and
changes nothing. The OpenAPI description is at ``/openapi.json``.
"""

import asyncio
import base64
import binascii
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from layouts.bundle import BundleRejected, key_id
from layouts.errors import LayoutError
from layouts.model import Layout
from provisioning.admins import PairedAdmins
from provisioning.commands import SetFlag
from provisioning.pairing import CODE_TTL_S, PairingRefused, PairingWindow
from provisioning.push import BundleInbox
from provisioning.signed_requests import RequestRefused, RequestVerifier

MAX_JSON_BYTES = 64 * 1024


class DeviceControl(Protocol):
    """What the API asks of the screen; the kiosk implements it with a bridge to its GUI thread."""

    async def status(self) -> dict[str, Any]: ...

    async def screenshot_png(self) -> bytes: ...

    async def send(self, command: object) -> int: ...

    def show_pairing(self, code: str | None, fingerprint: str) -> None: ...

    async def apply_layout(self, layout: Layout, folder: Path) -> dict[str, Any]:
        """Store as ``current`` (atomically) and answer once it is on screen (or say it is not yet)."""
        ...

    async def rollback(self) -> dict[str, Any]: ...

    async def layouts(self) -> dict[str, Any]: ...

    def folders_in_use(self) -> set[Path]: ...

    async def reload(self) -> dict[str, Any]: ...

    def log_tail(self, lines: int) -> list[str]: ...


class PairingOffer(BaseModel):
    fingerprint_sha256: str
    expires_in_s: float


class PairingConfirm(BaseModel):
    code: str = Field(min_length=1, max_length=16)
    public_key: str = Field(min_length=40, max_length=64, description="the administrator's Ed25519 public key, raw, base64")
    label: str = Field(default="", max_length=80)


class Paired(BaseModel):
    key: str


class FlagChange(BaseModel):
    flag: Literal["green", "yellow", "red", "violet", "none"]
    set_by: str = Field(min_length=1, max_length=80)


def build_api(control: DeviceControl, admins: PairedAdmins, pairing: PairingWindow, fingerprint: str,
              inbox: BundleInbox, on_pairing_changed: Callable[[], None] = lambda: None) -> FastAPI:
    app = FastAPI(title="Istres kiosk management API", version="1", docs_url=None, redoc_url=None)
    verifier = RequestVerifier(admins.public_key)
    one_push_at_a_time = asyncio.Lock()

    async def signed_by_admin(request: Request) -> str:
        body = await request.body()
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        try:
            return verifier.verify(request.method, path, dict(request.headers), body)
        except RequestRefused as refused:
            raise HTTPException(401, f"{refused.reason}: {refused}") from None

    @app.post("/pairing/request", response_model=PairingOffer)
    async def request_pairing() -> PairingOffer:
        """Show a pairing code and the certificate fingerprint on the screen."""
        try:
            code = pairing.open()
        except PairingRefused as refused:
            return _refusal(refused)  # type: ignore[return-value]
        control.show_pairing(code.code, fingerprint)
        return PairingOffer(fingerprint_sha256=fingerprint, expires_in_s=CODE_TTL_S)

    @app.post("/pairing/confirm", response_model=Paired, openapi_extra={"requestBody": {"content": {"application/json": {
        "schema": PairingConfirm.model_json_schema()}}, "required": True}})
    async def confirm_pairing(request: Request) -> Paired:
        """Register the administrator key that signs this request, if the code is the one on screen."""
        body = await request.body()
        if len(body) > MAX_JSON_BYTES:
            raise HTTPException(413, "request too large")
        try:
            offer = PairingConfirm.model_validate_json(body)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(offer.public_key, validate=True))
        except (ValueError, binascii.Error):
            raise HTTPException(422, "public_key is not a base64 Ed25519 public key") from None
        # Proof of possession: the request must be signed by the key it registers.
        proof = RequestVerifier(lambda name: key if name == key_id(key) else None, verifier.clock)
        try:
            proof.verify(request.method, request.url.path, dict(request.headers), body)
        except RequestRefused as refused:
            raise HTTPException(401, f"{refused.reason}: {refused}") from None
        try:
            pairing.confirm(offer.code)
        except PairingRefused as refused:
            if refused.reason == "locked":
                control.show_pairing(None, fingerprint)
            return _refusal(refused)  # type: ignore[return-value]
        name = admins.add(key, offer.label)
        control.show_pairing(None, fingerprint)
        on_pairing_changed()
        return Paired(key=name)

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
            change = FlagChange.model_validate_json(await request.body())
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        await control.send(SetFlag(change.flag, change.set_by, datetime.now(UTC)))
        return {"flag": change.flag}

    @app.post("/layouts", openapi_extra={"requestBody": {"content": {"application/gzip": {
        "schema": {"type": "string", "format": "binary"}}}, "required": True}})
    async def push(request: Request) -> JSONResponse:
        """A signed bundle (kioskctl bundle); answers once the new layout is on screen."""
        try:
            verifier.check_headers(dict(request.headers))  # before reading a byte of the body
        except RequestRefused as refused:
            raise HTTPException(401, f"{refused.reason}: {refused}") from None
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > inbox.max_upload_bytes:
            raise HTTPException(413, f"bundle of {declared} bytes is over the {inbox.max_upload_bytes}-byte limit")
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
                    verifier.verify_digest(request.method, request.url.path, dict(request.headers), digest.hexdigest())
                except RequestRefused as refused:
                    raise HTTPException(401, f"{refused.reason}: {refused}") from None
                try:
                    received = await asyncio.to_thread(inbox.accept, upload, digest.hexdigest(), admins.trusted())
                except BundleRejected as rejected:
                    status = 422 if rejected.cause == "invalid-layout" else 400
                    return JSONResponse({"detail": f"{rejected.cause}: {rejected.detail}", "cause": rejected.cause,
                                         "problems": rejected.problems}, status_code=status)
            finally:
                upload.unlink(missing_ok=True)
            result = await control.apply_layout(received.bundle.layout, received.folder)
            await asyncio.to_thread(inbox.clean, control.folders_in_use())
            return JSONResponse(result, status_code=200 if result.get("applied") else 202)

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

    @app.get("/logs")
    async def logs(lines: int = 100, _admin: str = Depends(signed_by_admin)) -> dict[str, list[str]]:
        """The newest log lines (JSON), at most 1,000."""
        return {"lines": control.log_tail(max(0, min(lines, 1000)))}

    @app.delete("/admins/{name}")
    async def revoke(name: str, _admin: str = Depends(signed_by_admin)) -> dict[str, bool]:
        removed = admins.remove(name)
        if removed:
            on_pairing_changed()
        return {"removed": removed}

    return app


def _refusal(refused: PairingRefused) -> JSONResponse:
    status = {"locked": 429, "no-code": 409, "wrong-code": 403, "expired": 409}.get(refused.reason, 403)
    headers = {"Retry-After": str(int(refused.retry_after_s) + 1)} if refused.reason == "locked" else {}
    return JSONResponse({"detail": str(refused)}, status_code=status, headers=headers)
