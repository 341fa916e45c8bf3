"""Asking every paired screen for its status at once: one thread per screen, each with its own
connection timeout, and one deadline for the whole round, so a dead screen costs the table one
timeout, never the sum. No printing here (``cli_fleet`` draws the table)."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from common.terminal import printable
from provisioning.client import DeviceClient, DeviceError

PER_SCREEN_TIMEOUT_S = 3.0
MAX_SCREENS = 256


@dataclass
class ScreenReport:
    name: str
    status: dict[str, Any] | None = None  # the screen's /status document, when it answered
    error: str = ""  # why not, one line
    kind: str = ""  # unreachable, wrong-screen, unauthorized, refused
    took_s: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def health(self) -> str:
        if self.status is None:
            return "unreachable" if self.kind in ("unreachable", "") else self.kind
        state = (self.status.get("health") or {}).get("state") if isinstance(self.status.get("health"), dict) else None
        return state if state in ("ok", "degraded") else "unknown"


def _ask(name: str, client_for: Callable[[str], DeviceClient], report: ScreenReport) -> None:
    started = time.monotonic()
    try:
        answer = client_for(name).request("GET", "/status")
        if answer.status != 200:
            raise DeviceError(answer.status, answer.detail())
        body = answer.json()
        if not isinstance(body, dict):
            raise DeviceError(answer.status, "the screen's status is not a JSON object")
        report.status = body
    except DeviceError as exc:
        report.error, report.kind = printable(exc, 300), exc.kind
    except Exception as exc:  # noqa: BLE001 - a local problem (key, list) shows in this screen's row
        report.error, report.kind = printable(f"{type(exc).__name__}: {exc}", 300), "refused"
    report.took_s = round(time.monotonic() - started, 2)


def fleet_status(names: list[str], client_for: Callable[[str], DeviceClient],
                 timeout_s: float = PER_SCREEN_TIMEOUT_S) -> list[ScreenReport]:
    """Every screen's report within about ``timeout_s`` (plus the TLS handshake's share), in ``names`` order."""
    reports = {name: ScreenReport(name) for name in names[:MAX_SCREENS]}
    threads = [threading.Thread(target=_ask, args=(name, client_for, report), name=f"status-{name}", daemon=True)
               for name, report in reports.items()]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout_s * 2 + 0.5  # connect and answer, each bounded by timeout_s
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    waited_s = timeout_s * 2 + 0.5
    # A screen still trickling its answer is not waited for: a fresh report (its thread may still write the old one).
    return [ScreenReport(report.name, error=f"no whole answer within {waited_s:g} s", kind="unreachable", took_s=waited_s)
            if thread.is_alive() else report for thread, report in zip(threads, reports.values(), strict=True)]
