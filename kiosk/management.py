"""The screen's side of the management API: each request's GUI work becomes a typed command for
the GUI thread (where the scene, the live data and the window live; see kiosk.bridge); the status
comes from a snapshot (kiosk.status_board); the pairing prompt is shown by ``PairingView``.
"""

import asyncio
import concurrent.futures
import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.bridge import CommandBridge, DeliverToLive, GrabScreen, ShowLayout, ShowPairing
from kiosk.live_data import LiveData
from kiosk.logs import RECENT
from kiosk.pairing_view import PairingView
from kiosk.player import Player
from kiosk.scene_figures import feed_states, unavailable_items
from kiosk.status_board import SceneStatus, StatusBoard
from layouts.errors import LayoutError
from layouts.model import Layout
from layouts.store import CURRENT, LAST_GOOD, LayoutStore
from provisioning.pairing import CODE_TTL_S

log = logging.getLogger("kiosk.management")
BRIDGE_TIMEOUT_S = 10.0
APPLY_TIMEOUT_S = 60.0


class DeviceBridge:
    """What the management API asks of the screen (provisioning.api.DeviceControl), on the service
    thread: GUI work goes through the typed command bridge, status comes from the snapshot."""

    def __init__(self, commands: CommandBridge, status: StatusBoard, store: LayoutStore) -> None:
        self._commands, self._status, self._store = commands, status, store

    async def _send(self, command: object) -> Any:
        return await asyncio.wait_for(asyncio.wrap_future(self._commands.send(command)), BRIDGE_TIMEOUT_S)

    async def status(self) -> dict[str, Any]:
        return await asyncio.to_thread(self._status.read)  # reads /proc: never on the event loop either

    async def screenshot_png(self) -> bytes:
        image = await self._send(GrabScreen())
        return await asyncio.to_thread(png_bytes, image)

    async def send(self, command: object) -> int:
        """A typed command for the live sources (provisioning.commands); how many sources took it."""
        return await self._send(DeliverToLive(command))

    def show_pairing(self, code: str | None, fingerprint: str, requested_by: str = "",
                     expires_in_s: float = CODE_TTL_S) -> None:
        self._commands.send(ShowPairing(code, fingerprint, requested_by, expires_in_s))

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
        return {**listed, "on_screen": (await asyncio.to_thread(self._status.read))["layout"]}

    def folders_in_use(self) -> set[Path]:
        return self._store.base_dirs_in_use()

    async def reload(self) -> dict[str, Any]:
        stored = await asyncio.to_thread(self._store.load_best)
        if stored is None:
            return {"layout": None, "applied": False, "detail": "no valid layout is stored"}
        return await self._show_and_wait(stored.layout, stored.base_dir)

    def log_tail(self, lines: int) -> list[str]:
        return RECENT.tail(lines)

    def log_since(self, cursor: int | None, lines: int) -> tuple[list[str], int, int, bool]:
        return RECENT.since(cursor, lines)

    async def _show_and_wait(self, layout: Layout, folder: Path) -> dict[str, Any]:
        """Prepare beneath what is on screen; answer when it came to the front (or could not)."""
        outcome: concurrent.futures.Future = await self._send(ShowLayout(layout, folder))
        try:
            applied = await asyncio.wait_for(asyncio.wrap_future(outcome), APPLY_TIMEOUT_S)
        except TimeoutError:
            return {"layout": layout.name, "applied": False, "detail": f"not on screen after {APPLY_TIMEOUT_S:.0f} s"}
        detail = "on screen" if applied else "no region could play it: the previous layout stays on screen"
        return {"layout": layout.name, "applied": applied, "detail": detail}


def png_bytes(image: QImage) -> bytes:
    """Encode a grabbed frame (any thread: QImage is reentrant)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def show_and_report(player: Player, command: ShowLayout) -> concurrent.futures.Future:
    """GUI thread: start showing the layout; the Future says whether it reached the front."""
    outcome: concurrent.futures.Future = concurrent.futures.Future()
    scene = player.show_layout(command.layout, command.folder)

    def settle(done: object, applied: bool) -> None:
        if done is scene and not outcome.done():
            outcome.set_result(applied)
            player.layout_applied.disconnect(on_applied)
            player.layout_failed.disconnect(on_failed)

    def on_applied(done: object) -> None:
        settle(done, True)

    def on_failed(done: object) -> None:
        settle(done, False)

    player.layout_applied.connect(on_applied)
    player.layout_failed.connect(on_failed)
    return outcome


def gui_handlers(window: QQuickWindow, player: Player, live: LiveData, pairing: PairingView) -> dict[type, Any]:
    """What each command does in the GUI thread."""
    return {
        ShowLayout: lambda command: show_and_report(player, command),
        GrabScreen: lambda _command: window.grabWindow(),
        ShowPairing: lambda command: pairing.show(command.code, command.fingerprint_sha256, command.requested_by,
                                                  command.expires_in_s),
        DeliverToLive: lambda command: live.handle(command.command),
    }


def scene_status(player: Player, live: LiveData) -> SceneStatus:
    """GUI thread: what is on screen now, for the status snapshot."""
    scene = player.front_scene
    return SceneStatus(scene.layout.name if scene else None,
                       {r.region_id: r.shown_item_id() for r in scene.region_controllers} if scene else {},
                       live.status(), time.monotonic(), unavailable_items(scene), feed_states(live))
