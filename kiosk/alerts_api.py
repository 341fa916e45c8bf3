"""The screen's side of the alert routes (provisioning.alert_routes.AlertControl), on the service thread.

The message is parsed off the event loop (a worker thread); only the typed alert crosses to the GUI
thread, where the alert centre applies it; the answer lists what changed.
"""

import asyncio
from typing import Any

from kiosk.alerts import AlertCenter
from kiosk.management import DeviceBridge
from media.feeds.cap import parse_cap
from media.feeds.cap_model import CapRefused

ALERT_TIMEOUT_S = 10.0


class AlertingDeviceBridge(DeviceBridge):
    """The device bridge, plus the alert routes."""

    def __init__(self, *args: Any, alerts: AlertCenter) -> None:
        super().__init__(*args)
        self._alerts = alerts

    async def receive_alert(self, cap: bytes, sent_by: str) -> tuple[int, dict[str, Any]]:
        try:
            alert = await asyncio.to_thread(parse_cap, cap, f"api {sent_by}")
        except CapRefused as refused:
            self._alerts.refused(f"api {sent_by}", str(refused))
            return 422, {"detail": str(refused), "where": refused.where}
        changes = await asyncio.wait_for(asyncio.wrap_future(self._alerts.submit(alert, cap)), ALERT_TIMEOUT_S)
        listed = [{"kind": c.kind, "alert_id": c.alert_id, "reason": c.detail.get("reason", "")} for c in changes]
        refused = [c for c in changes if c.kind == "refused"]
        if refused:
            return 409, {"detail": f"{alert.identifier}: {refused[0].detail.get('reason', '')}", "changes": listed}
        return 200, {"alert_id": alert.identifier, "changes": listed}

    async def cancel_alert(self, alert_id: str, by: str) -> tuple[int, dict[str, Any]]:
        changes = await asyncio.wait_for(asyncio.wrap_future(self._alerts.cancel(alert_id, by)), ALERT_TIMEOUT_S)
        lifted = any(c.kind == "lifted" for c in changes)
        if not lifted:
            return 404, {"detail": f"no alert {alert_id[:200]!r} is held here (cancel ignored)"}
        return 200, {"alert_id": alert_id, "lifted": True}

    async def alerts(self) -> dict[str, Any]:
        return {"alerts": self._alerts.status()}
