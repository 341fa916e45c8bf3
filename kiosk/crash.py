"""Unhandled exceptions (in a slot, a callback, anywhere): logged as JSON with a count, never silent."""

import logging
import sys
import traceback

from kiosk.logs import event

log = logging.getLogger("kiosk.crash")


class UnhandledExceptions:
    """Installed as ``sys.excepthook``: PySide6 reports exceptions raised in slots through it."""

    def __init__(self) -> None:
        self.count = 0
        self._previous = sys.excepthook

    def install(self) -> "UnhandledExceptions":
        sys.excepthook = self._hook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def _hook(self, exc_type, exc, tb) -> None:  # noqa: ANN001 - sys.excepthook signature
        self.count += 1
        event(log, "unhandled_exception", logging.ERROR, f"{exc_type.__name__}: {exc}", count=self.count,
              traceback="".join(traceback.format_exception(exc_type, exc, tb)))
