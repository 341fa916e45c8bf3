"""Start-up order: what waits for the first frame, and the restart that brings the web engine.

The first frame needs the window, the layout and its first items, nothing else. The API stack
(FastAPI, uvicorn, TLS identity, DNS-SD), the web profile check and the like start once a frame
with an item was swapped, or once the screen shows the recovery card, or after FALLBACK_S at the
latest (a layout whose items all wait for the network must not keep the API off).
"""

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer

from kiosk.logs import event

log = logging.getLogger("kiosk.app")
FALLBACK_S = 2.0


def after_first_frame(player: Any, callback: Callable[[], None]) -> None:
    """Run ``callback`` once, on the GUI thread, after the first item reached the screen (or the fallback)."""
    state = {"ran": False}

    def run_once() -> None:
        if not state["ran"]:
            state["ran"] = True
            callback()

    def soon() -> None:
        QTimer.singleShot(0, run_once)  # out of the frame-swapped handler: the frame's own work comes first

    player.first_frame_drawn.connect(soon)
    player.recovering_changed.connect(lambda: player.recovering and soon())
    QTimer.singleShot(round(FALLBACK_S * 1000), run_once)


def restart_for_web_engine(parts: Any) -> dict[str, bool]:
    """A layout with web items came to a run without the engine: stop in order, then ``exec`` again
    (kiosk.web_engine.restart_in_place, called by ``run`` once the stop sequence ran)."""
    restart = {"wanted": False}

    def on_needed() -> None:
        if not restart["wanted"] and not parts.shutdown.started:
            restart["wanted"] = True
            event(log, "restart_for_web_engine", logging.WARNING, "restarting in place to load the web engine")
            parts.quit_cleanly("web engine needed")

    parts.player.web_engine_needed.connect(on_needed)
    return restart
