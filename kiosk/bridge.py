"""The command bridge: typed, frozen commands from the service thread to the GUI thread.

The management API runs on the service thread; the scene, the live data and the window live in
the GUI thread. A request becomes one of the commands below, carried by a queued signal to a
``QObject`` living in the GUI thread, which runs the handler registered for its type and hands
the result back through a concurrent Future. Nothing but these commands crosses.
"""

import concurrent.futures
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.logs import event
from layouts.model import Layout
from provisioning.pairing import CODE_TTL_S

log = logging.getLogger("kiosk.bridge")


@dataclass(frozen=True, slots=True)
class ShowLayout:
    """Prepare ``layout`` beneath what is on screen; the Future says whether it came to the front."""

    layout: Layout
    folder: Path


@dataclass(frozen=True, slots=True)
class GrabScreen:
    """The window as a QImage (encoding it to PNG happens off the GUI thread)."""


@dataclass(frozen=True, slots=True)
class ShowPairing:
    code: str | None  # None: hide the pairing prompt
    fingerprint_sha256: str
    requested_by: str = ""  # the address that asked for the code (shown, so a stranger's request is seen)
    expires_in_s: float = CODE_TTL_S


@dataclass(frozen=True, slots=True)
class DeliverToLive:
    """An administrator's command for the live sources (provisioning.commands, e.g. SetFlag)."""

    command: object


Handler = Callable[[Any], Any]


class CommandBridge(QObject):
    _command = Signal(object, object)  # a frozen command, its concurrent Future

    def __init__(self, handlers: dict[type, Handler], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("command-bridge")
        self._handlers = dict(handlers)
        self._command.connect(self._on_command, Qt.ConnectionType.QueuedConnection)

    def send(self, command: object) -> concurrent.futures.Future:
        """From any thread: the Future completes with the handler's result, in the GUI thread."""
        if type(command) not in self._handlers:
            raise TypeError(f"no handler for the command {type(command).__name__}")
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._command.emit(command, future)
        return future

    def _on_command(self, command: object, future: concurrent.futures.Future) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(self._handlers[type(command)](command))
        except Exception as exc:  # handed to the API, which answers 500 and logs
            event(log, "command_failed", logging.ERROR, f"{type(exc).__name__}: {exc}", command=type(command).__name__)
            future.set_exception(exc)
