"""SIGTERM / SIGINT / SIGHUP into the Qt event loop (set_wakeup_fd + QSocketNotifier).

Python signal handlers only run when the interpreter gets control; a Qt loop waiting in C++ would
delay them indefinitely. The wakeup fd makes the loop notice at once.
"""

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


class UnixSignals(QObject):
    def __init__(self, handlers: dict[signal.Signals, Callable[[], None]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unix-signals")
        self._handlers = handlers
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        for signum in handlers:
            signal.signal(signum, lambda *_: None)  # the wakeup fd carries the signal number
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)

    def _on_notifier_activated(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            handler = self._handlers.get(signal.Signals(signum))
            if handler:
                handler()

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
