"""systemd integration without a dependency: readiness, stopping and the liveness watchdog.

The watchdog ping comes from a GUI-thread timer, so a blocked GUI thread stops the pings and
systemd restarts the process (``WatchdogSec=`` in the unit). Outside systemd this does nothing.
"""

import logging
import os
import socket

from PySide6.QtCore import QObject, QTimer

from kiosk.logs import event

log = logging.getLogger("kiosk.systemd")


def notify(message: str) -> bool:
    """Send one sd_notify message; False when not run by systemd (or the socket is gone)."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]  # abstract namespace
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message.encode(), address)
        return True
    except OSError as exc:
        event(log, "notify_failed", logging.WARNING, str(exc))
        return False


def watchdog_interval_ms() -> int | None:
    """Half the interval systemd expects pings at, or None when no watchdog is asked for us."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (pid and pid != str(os.getpid())):
        return None
    return max(50, int(usec) // 2000)


class Watchdog(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("systemd-watchdog")
        self._timer: QTimer | None = None
        interval_ms = watchdog_interval_ms()
        if interval_ms is not None:
            self._timer = QTimer(self, objectName="watchdog-ping", interval=interval_ms)
            self._timer.timeout.connect(self._on_timer_timeout)
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        notify("WATCHDOG=1")
