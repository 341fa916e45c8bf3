"""The screen's side of the management API: a bridge that runs each request's work in the GUI thread
(where the scene, the live panels and the window live) and hands the result back to the service
thread's asyncio loop through a concurrent Future.
"""

import asyncio
import concurrent.futures
import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Property,
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtQuick import QQuickWindow

from kiosk import __version__
from kiosk.crash_log import CrashReport
from kiosk.live_panels import LivePanels
from kiosk.logs import ERROR_COUNTS, RECENT, event
from kiosk.player import Player
from layouts.errors import LayoutError
from layouts.model import Layout
from layouts.store import CURRENT, LAST_GOOD, LayoutStore
from media.feeds.flag import FlagMessage
from provisioning.pairing import CODE_TTL_S

log = logging.getLogger("kiosk.management")
BRIDGE_TIMEOUT_S = 10.0
APPLY_TIMEOUT_S = 60.0


class PairingView(QObject):
    """What the pairing overlay shows: the code to type and the certificate fingerprint to compare."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pairing-view")
        self._code = ""
        self._fingerprint = ""
        # The window expires the code; the screen stops showing it at the same moment.
        self._expiry = QTimer(self, objectName="pairing-expiry", singleShot=True, interval=round(CODE_TTL_S * 1000))
        self._expiry.timeout.connect(lambda: self.show(None, ""))

    code = Property(str, lambda self: self._code, notify=changed)
    fingerprint = Property(str, lambda self: self._fingerprint, notify=changed)
    showing = Property(bool, lambda self: self._code != "", notify=changed)

    def show(self, code: str | None, fingerprint_sha256: str) -> None:
        if code:
            self._expiry.start()
        else:
            self._expiry.stop()
        self._code = code or ""
        self._mirror_to_file(self._code)
        text = fingerprint_sha256[:16].upper()
        self._fingerprint = " ".join(text[i:i + 4] for i in range(0, 16, 4))
        event(log, "pairing_code_shown" if code else "pairing_code_hidden")  # never the code itself
        self.changed.emit()


    @staticmethod
    def _mirror_to_file(code: str) -> None:
        """For provisioning without a person in front of the screen (and for tests): the code on screen is
        also written, owner-only, to $KIOSK_PAIRING_CODE_FILE. Whoever can set the runtime's environment
        could as well register a key directly, so this opens nothing new."""
        target = os.environ.get("KIOSK_PAIRING_CODE_FILE")
        if not target:
            return
        path = Path(target)
        if code:
            path.touch(mode=0o600)
            path.write_text(code)
        else:
            path.unlink(missing_ok=True)


class DeviceBridge(QObject):
    _work = Signal(object, object)  # callable, concurrent Future

    def __init__(self, window: QQuickWindow, player: Player, live_panels: LivePanels, pairing: PairingView,
                 store: LayoutStore, device: dict[str, str], parent: QObject | None = None,
                 crashes: CrashReport | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("device-bridge")
        self._window, self._player, self._live, self._pairing = window, player, live_panels, pairing
        self._store = store
        self._device = device
        self._crashes = crashes or CrashReport()  # what earlier runs left: fixed for this run
        self._started = time.monotonic()
        self._work.connect(self._on_work, Qt.ConnectionType.QueuedConnection)

    # -- called from the service thread --------------------------------------------------------
    def _in_gui(self, fn: Callable[[], Any]) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._work.emit(fn, future)
        return future

    async def _run(self, fn: Callable[[], Any]) -> Any:
        return await asyncio.wait_for(asyncio.wrap_future(self._in_gui(fn)), BRIDGE_TIMEOUT_S)

    async def status(self) -> dict[str, Any]:
        return await self._run(self._status)

    async def screenshot_png(self) -> bytes:
        return await self._run(self._screenshot)

    async def set_flag(self, flag: str, set_by: str) -> None:
        await self._run(lambda: self._live.set_flag(FlagMessage(flag, set_by, datetime.now(UTC))))

    def show_pairing(self, code: str | None, fingerprint: str) -> None:
        self._in_gui(lambda: self._pairing.show(code, fingerprint))

    async def apply_layout(self, layout: Layout, folder: Path) -> dict[str, Any]:
        await asyncio.to_thread(self._store.save_current, layout, folder)  # atomic: old or new, whole
        return await self._show_and_wait(layout, folder)

    async def rollback(self) -> dict[str, Any]:
        stored = await asyncio.to_thread(self._store.rollback)
        return await self._show_and_wait(stored.layout, stored.base_dir)

    async def layouts(self) -> dict[str, Any]:
        def names() -> dict[str, Any]:
            found: dict[str, Any] = {}
            for slot in (CURRENT, LAST_GOOD):
                try:
                    found[slot] = self._store.load(slot).layout.name
                except LayoutError:
                    found[slot] = None
            return found

        listed = await asyncio.to_thread(names)
        scene_name = await self._run(lambda: self._player.front_scene.layout.name if self._player.front_scene else None)
        return {**listed, "on_screen": scene_name}

    def folders_in_use(self) -> set[Path]:
        return self._store.base_dirs_in_use()

    async def reload(self) -> dict[str, Any]:
        stored = await asyncio.to_thread(self._store.load_best)
        if stored is None:
            return {"layout": None, "applied": False, "detail": "no valid layout is stored"}
        return await self._show_and_wait(stored.layout, stored.base_dir)

    def log_tail(self, lines: int) -> list[str]:
        return RECENT.tail(lines)

    async def _show_and_wait(self, layout: Layout, folder: Path) -> dict[str, Any]:
        """Prepare beneath what is on screen; answer when it came to the front (or could not)."""
        outcome: concurrent.futures.Future = concurrent.futures.Future()

        def start() -> None:
            scene = self._player.show_layout(layout, folder)

            def settle(done: object, applied: bool) -> None:
                if done is scene and not outcome.done():
                    outcome.set_result(applied)
                    self._player.layout_applied.disconnect(on_applied)
                    self._player.layout_failed.disconnect(on_failed)

            def on_applied(done: object) -> None:
                settle(done, True)

            def on_failed(done: object) -> None:
                settle(done, False)

            self._player.layout_applied.connect(on_applied)
            self._player.layout_failed.connect(on_failed)

        await self._run(start)
        try:
            applied = await asyncio.wait_for(asyncio.wrap_future(outcome), APPLY_TIMEOUT_S)
        except TimeoutError:
            return {"layout": layout.name, "applied": False, "detail": f"not on screen after {APPLY_TIMEOUT_S:.0f} s"}
        detail = "on screen" if applied else "no region could play it: the previous layout stays on screen"
        return {"layout": layout.name, "applied": applied, "detail": detail}

    # -- in the GUI thread ---------------------------------------------------------------------
    def _on_work(self, fn: Callable[[], Any], future: concurrent.futures.Future) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fn())
        except Exception as exc:  # handed to the API, which answers 500 and logs
            future.set_exception(exc)

    def _status(self) -> dict[str, Any]:
        scene = self._player.front_scene
        rss_kib = next((int(line.split()[1]) for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines()
                        if line.startswith("VmRSS:")), 0)
        return {
            **self._device,
            "software_version": __version__,
            "uptime_s": round(time.monotonic() - self._started, 1),
            "memory_rss_kib": rss_kib,
            "layout": scene.layout.name if scene else None,
            "on_screen": {r.region_id: r.shown_item_id() for r in scene.region_controllers} if scene else {},
            "errors": dict(ERROR_COUNTS),
            "last_errors": [line for line in RECENT.tail(1000) if '"level": "error"' in line or '"level": "critical"' in line][-10:],
            "live": self._live.freshness(),
            **self._crashes.status_fields(),  # crash_count, unclean_exits, last_crash
        }

    def _screenshot(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._window.grabWindow().save(buffer, "PNG")
        return bytes(data.data())
