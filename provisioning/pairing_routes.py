"""The pairing routes of the management API: ask for a code, confirm it, and (signed) open pairing.

Asking and confirming answer strangers, so both are bounded before anything else: the pairing
window refuses while closed, rate limits per address, binds a code to the address that asked for
it, and withdraws it on any doubt. A confirmation is refused on its headers before its (small,
bounded) body is read, and must be signed by the key it registers.
"""

import base64
import binascii
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from layouts.bundle import key_id
from provisioning.admins import PairedAdmins
from provisioning.body_limits import BodyRefused
from provisioning.pairing import ALLOW_WINDOW_S, CODE_TTL_S, PairingRefused, PairingWindow
from provisioning.signed_requests import RequestRefused, RequestVerifier, parse_signed_headers

log = logging.getLogger("provisioning.api")
MAX_CONFIRM_BYTES = 2048  # a code, a 44-character key and an 80-character label (escaped), as JSON
REFUSAL_STATUS = {"closed": 403, "rate-limited": 429, "busy": 409, "locked": 429, "no-code": 409,
                  "wrong-code": 403, "error": 503}


class ShowsPairing(Protocol):
    def show_pairing(self, code: str | None, fingerprint: str, requested_by: str = "",
                     expires_in_s: float = CODE_TTL_S) -> None: ...


class PairingOffer(BaseModel):
    fingerprint_sha256: str
    expires_in_s: float


class PairingConfirm(BaseModel):
    code: str = Field(min_length=1, max_length=16)
    public_key: str = Field(min_length=40, max_length=64, description="the administrator's Ed25519 public key, raw, base64")
    label: str = Field(default="", max_length=80)


class Paired(BaseModel):
    key: str


class PairingOpen(BaseModel):
    open_for_s: float


def unauthorized(refused: RequestRefused) -> HTTPException:
    """401, and the connection closes: a body the refusal came before is never read."""
    return HTTPException(401, str(refused), headers={"Connection": "close"})


def path_as_sent(request: Request) -> str:
    """Path and query exactly as the client sent and signed them (not percent-decoded: ``/a%2Fb`` is not ``/a/b``)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string", b"")
    return raw.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")


def add_pairing_routes(app: FastAPI, control: ShowsPairing, admins: PairedAdmins, pairing: PairingWindow,
                       verifier: RequestVerifier, fingerprint: str, on_pairing_changed: Callable[[], None],
                       signed_by_admin: Callable[[Request], Awaitable[str]]) -> None:
    def hide_if_withdrawn() -> None:
        if pairing.shown_code is None:
            control.show_pairing(None, fingerprint)

    @app.post("/pairing/request", response_model=PairingOffer)
    async def request_pairing(request: Request) -> Any:
        """Show a pairing code (for the asking address only) and the certificate fingerprint on the screen."""
        source = request.client.host if request.client else "unknown"
        try:
            code = pairing.request(source)
        except PairingRefused as refused:
            return refusal(refused)
        control.show_pairing(code.code, fingerprint, requested_by=source, expires_in_s=code.expires_in_s)
        return PairingOffer(fingerprint_sha256=fingerprint, expires_in_s=round(code.expires_in_s, 1))

    @app.post("/pairing/allow", response_model=PairingOpen)
    async def allow_pairing(_admin: str = Depends(signed_by_admin)) -> PairingOpen:
        """A paired administrator lets one more machine pair, for the next ten minutes."""
        pairing.allow_for(ALLOW_WINDOW_S)
        return PairingOpen(open_for_s=round(pairing.allowed_for_s(), 1))

    @app.post("/pairing/confirm", response_model=Paired, openapi_extra={"requestBody": {"content": {"application/json": {
        "schema": PairingConfirm.model_json_schema()}}, "required": True}})
    async def confirm_pairing(request: Request) -> Any:
        """Register the administrator key that signs this request, if the code is the one on screen."""
        try:
            return await confirm(request)
        except (HTTPException, BodyRefused):
            raise
        except Exception as exc:  # noqa: BLE001 - whatever failed, no code stays valid and nobody is registered
            pairing.withdraw()
            control.show_pairing(None, fingerprint)
            log.error("pairing: confirmation failed: %s: %s", type(exc).__name__, exc)
            return JSONResponse({"detail": "error: pairing failed on the screen; the code was withdrawn"}, status_code=503)

    async def confirm(request: Request) -> Any:
        try:
            parse_signed_headers(request.headers)  # unsigned: refused before the body is read
        except RequestRefused as refused:
            raise unauthorized(refused) from None
        body = await request.body()  # at most MAX_CONFIRM_BYTES (BodyLimits)
        offer, key = _parse_offer(body)
        # Proof of possession: the request must be signed by the key it registers.
        try:
            verifier.with_keys(lambda name: key if name == key_id(key) else None).verify(
                request.method, path_as_sent(request), request.headers, body)
        except RequestRefused as refused:
            raise unauthorized(refused) from None
        try:
            pairing.confirm(offer.code, request.client.host if request.client else "unknown")
        except PairingRefused as refused:
            hide_if_withdrawn()
            return refusal(refused)
        control.show_pairing(None, fingerprint)
        name = admins.add(key, offer.label)  # if it fails: 503 above, the code is used up, nobody registered
        try:
            on_pairing_changed()
        except Exception as exc:  # noqa: BLE001 - a notification (the advertisement); the pairing stands
            log.warning("pairing: could not announce the change: %s: %s", type(exc).__name__, exc)
        return Paired(key=name)


def _parse_offer(body: bytes) -> tuple[PairingConfirm, Ed25519PublicKey]:
    try:
        offer = PairingConfirm.model_validate_json(body)
    except ValidationError as exc:  # said plainly: which field, no validator dump, no links
        fields = sorted({str(e["loc"][0]) if e.get("loc") else "body" for e in exc.errors()})
        what = "the code: type the 6 digits shown on the screen" if fields == ["code"] else f"{', '.join(fields)} not as expected"
        raise HTTPException(422, f"pairing request refused: {what}") from None
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(offer.public_key, validate=True))
    except (ValueError, binascii.Error):
        raise HTTPException(422, "public_key is not a base64 Ed25519 public key") from None
    return offer, key


def refusal(refused: PairingRefused) -> JSONResponse:
    status = REFUSAL_STATUS.get(refused.reason, 403)
    headers = {"Retry-After": str(int(refused.retry_after_s) + 1)} if refused.retry_after_s > 0 else {}
    return JSONResponse({"detail": str(refused), "reason": refused.reason}, status_code=status, headers=headers)
