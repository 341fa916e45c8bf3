"""The management API's alert routes: send a CAP message, cancel an alert, list what is held.

``POST /alerts`` takes ``{"cap": "<alert xmlns=...>...</alert>"}`` (the CAP 1.2 message as a string),
signed by a paired administrator and bounded before reading (``ALERT_BODY_BOUNDS``, checked by
``BodyLimits``). The screen parses it off its event loop; a refusal is 422 with the element path
and the reason. ``DELETE /alerts/{id}`` lifts an alert; ``GET /alerts`` lists them. The routes exist
only when the screen's control can take alerts (``AlertControl``).
"""

import json
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

MAX_ALERT_BODY_BYTES = 1024 * 1024  # a CAP message is at most 512 KB, escaped into a JSON string
ALERT_BODY_BOUNDS = {("POST", "/alerts"): MAX_ALERT_BODY_BYTES}
MAX_ALERT_ID_CHARS = 200


@runtime_checkable
class AlertControl(Protocol):
    async def receive_alert(self, cap: bytes, sent_by: str) -> tuple[int, dict[str, Any]]:
        """Parse and apply a CAP message; (HTTP status, answer): 200 applied, 422 refused, 409 refused by the store."""
        ...

    async def cancel_alert(self, alert_id: str, by: str) -> tuple[int, dict[str, Any]]: ...

    async def alerts(self) -> dict[str, Any]: ...


def add_alert_routes(app: FastAPI, control: object, signed_by_admin: Callable[[Request], Awaitable[str]]) -> None:
    if not isinstance(control, AlertControl):
        return
    alerts: AlertControl = control

    @app.post("/alerts", openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"cap": {"type": "string"}}, "required": ["cap"]}}}, "required": True}})
    async def send_alert(request: Request, admin: str = Depends(signed_by_admin)) -> JSONResponse:
        cap = _cap_text(await request.body())  # bounded by BodyLimits, read after the signature check
        status, answer = await alerts.receive_alert(cap.encode("utf-8"), admin)
        return JSONResponse(answer, status_code=status)

    @app.delete("/alerts/{alert_id:path}")  # CAP identifiers may hold a "/"
    async def cancel_alert(alert_id: str, admin: str = Depends(signed_by_admin)) -> JSONResponse:
        if not alert_id or len(alert_id) > MAX_ALERT_ID_CHARS:
            raise HTTPException(422, f"an alert identifier has 1 to {MAX_ALERT_ID_CHARS} characters")
        status, answer = await alerts.cancel_alert(alert_id, admin)
        return JSONResponse(answer, status_code=status)

    @app.get("/alerts")
    async def list_alerts(_admin: str = Depends(signed_by_admin)) -> dict[str, Any]:
        return await alerts.alerts()


def _cap_text(body: bytes) -> str:
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HTTPException(422, f"the body must be JSON {{\"cap\": \"<alert ...>\"}}: {str(exc)[:200]}") from None
    cap = doc.get("cap") if isinstance(doc, dict) else None
    if not isinstance(cap, str) or not cap:
        raise HTTPException(422, "the body must be JSON {\"cap\": \"<alert ...>\"}: 'cap' is missing or not a string")
    return cap
