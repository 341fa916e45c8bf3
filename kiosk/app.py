"""Composition root of ``kiosk run`` / ``kiosk snapshot``: builds the Qt app and wires the parts.

The first frame comes first: the window is up and the event loop turning before the cache index
is parsed and the layout validated (Jobs pool), and before the device identity, the API and the
advertisement start (service thread). At exit the parts stop in order: feeds and the API before
the scene, the scene before the engine.
"""

import logging
import os
import signal
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickWindow

from common.clock import SystemClock
from kiosk import software_video  # noqa: F401 - registers the Kiosk.Video QML module
from kiosk.crash import UnhandledExceptions
from kiosk.jobs import Jobs
from kiosk.layout_flow import LayoutFlow
from kiosk.layout_source import LayoutSource
from kiosk.live_data import LiveData
from kiosk.local_site import LocalSite
from kiosk.logs import event
from kiosk.management import PairingView
from kiosk.options import RunOptions
from kiosk.player import Player
from kiosk.provisioning_service import ProvisioningService
from kiosk.screenshots import ScreenshotTimer, save_window_png
from kiosk.service_thread import ServiceThread
from kiosk.systemd import Watchdog, notify
from kiosk.unix_signals import UnixSignals
from kiosk.web_policy import NavigationPolicy
from kiosk.window import fit_window_to_layout, is_offscreen, load_main_view, make_application, place_window
from layouts.store import LayoutStore
from media.cache import ContentCache
from signs.kinds import qml_context_providers

__all__ = ["RunOptions", "run"]

log = logging.getLogger("kiosk.app")
SNAPSHOT_SETTLE_MS = 800  # once applied, crossfades end and web pages paint before the grab
JOBS_DRAIN_MS = 1000  # at exit, what the pool still does may finish; no longer
STATUS_PUBLISH_MS = 1000


@dataclass
class Parts:
    app: QGuiApplication
    jobs: Jobs
    store: LayoutStore
    site: LocalSite
    flow: LayoutFlow
    live_data: LiveData
    player: Player
    pairing_view: PairingView
    engine: Any = None
    window: QQuickWindow | None = None


def run(options: RunOptions) -> int:
    started_at = time.monotonic()
    event(log, "start", pid=os.getpid(), layout=str(options.layout_path or ""), data_dir=str(options.data_dir))
    app = make_application(options)
    unhandled = UnhandledExceptions().install()
    parts = _build(options, app)
    if parts.window is None:
        event(log, "qml_failed", logging.CRITICAL, "the main view did not load")
        return 2
    window = parts.window
    place_window(app, window, options)
    signals = UnixSignals({
        signal.SIGTERM: lambda: _quit(app, "SIGTERM"),
        signal.SIGINT: lambda: _quit(app, "SIGINT"),
        signal.SIGHUP: lambda: (event(log, "reload", reason="SIGHUP"), parts.flow.reload()),
    }, parent=app)
    probe = _diagnostics(options, window, parts.player)
    if options.screenshot_dir is not None:
        ScreenshotTimer(window, options.screenshot_dir, options.screenshot_every_s, options.screenshot_keep)
    exit_code = _snapshot_mode(options, parts) if options.snapshot_out is not None else {"code": 0}
    if options.exit_after_s is not None:
        QTimer.singleShot(round(options.exit_after_s * 1000), lambda: _quit(app, "exit-after"))
    service = ServiceThread().start()
    provisioning = ProvisioningService(options, service)
    if options.api_port is not None or options.advertise:
        provisioning.start(_device_bridge(options, parts))
    QTimer.singleShot(0, parts.flow.start)
    Watchdog(app)
    QTimer.singleShot(0, lambda: notify("READY=1"))  # the window is up and the event loop turning
    app.exec()

    provisioning.stop()
    service.stop()
    if probe is not None:
        probe.report()
    parts.player.stop()
    parts.live_data.stop_all()
    parts.jobs.wait_idle(JOBS_DRAIN_MS)
    signals.close()
    parts.site.stop()
    event(log, "stopped", uptime_s=round(time.monotonic() - started_at, 3), unhandled_exceptions=unhandled.count)
    del parts.engine
    return exit_code["code"]


def _quit(app: QGuiApplication, reason: str) -> None:
    event(log, "stopping", reason=reason)
    notify("STOPPING=1")
    app.quit()


def _build(options: RunOptions, app: QGuiApplication) -> Parts:
    """Every part, wired; the QML main view loaded (``window`` None when it did not load)."""
    options.data_dir.mkdir(parents=True, exist_ok=True)
    store = LayoutStore(options.data_dir / "layouts")
    site = LocalSite(Path(str(resources.files("kiosk") / "site"))).start()
    jobs = Jobs(parent=app)
    window_box: dict[str, QQuickWindow] = {}
    flow = LayoutFlow(jobs, LayoutSource(store, options.layout_path),
                      lambda: ContentCache(options.data_dir / "cache", budget_bytes=options.cache_budget_bytes),
                      site.url, lambda layout: fit_window_to_layout(window_box["window"], options, layout), app)

    def probe_live_drawn(label: str) -> None:
        # After the display change this uplink caused, the next swapped frame has it on screen.
        player.frame_clock.after_next_frame(lambda drawn_at: event(log, "live_drawn", uplink=label, t=round(drawn_at, 4)))

    live_data = LiveData(jobs, SystemClock(), app, probe_live_drawn if options.probe_live_latency else None)
    player = Player(jobs, flow.context_for, live_data, parent=app)
    flow.attach(player)
    parts = Parts(app, jobs, store, site, flow, live_data, player, PairingView(app))
    context = {"player": player, "navigationPolicy": NavigationPolicy(app), "softwareRendering": is_offscreen(options),
               "liveData": live_data, "pairingView": parts.pairing_view}
    for provide in qml_context_providers():  # objects the signs' views call by name
        context.update(provide(app))
    parts.engine, parts.window = load_main_view(context)
    if parts.window is not None:
        window_box["window"] = parts.window
        player.attach(parts.window)
    return parts


def _diagnostics(options: RunOptions, window: QQuickWindow, player: Player) -> Any:
    if not options.probe_blank_frames:
        return None
    from kiosk.frame_probe import FrameProbe

    return FrameProbe(window, player)


def _snapshot_mode(options: RunOptions, parts: Parts) -> dict[str, int]:
    """Save one PNG once the layout settled (or the timeout passed), then quit."""
    out, app, player = options.snapshot_out, parts.app, parts.player
    assert out is not None and parts.window is not None
    window = parts.window
    exit_code = {"code": 0}

    def take_snapshot(settled: bool) -> None:
        ok = save_window_png(window, out)
        event(log, "snapshot_saved" if ok else "snapshot_failed", logging.INFO if ok else logging.ERROR,
              path=str(out), settled=settled)
        exit_code["code"] = 0 if ok else 1
        app.quit()

    settle_timer = QTimer(app, objectName="snapshot-settle", singleShot=True, interval=round(options.settle_timeout_s * 1000))
    settle_timer.timeout.connect(lambda: take_snapshot(False))
    settle_timer.start()
    player.layout_applied.connect(lambda _scene: QTimer.singleShot(SNAPSHOT_SETTLE_MS, lambda: take_snapshot(True)))
    player.recovering_changed.connect(lambda: player.recovering and QTimer.singleShot(500, lambda: take_snapshot(True)))
    return exit_code


def _device_bridge(options: RunOptions, parts: Parts) -> Any:
    """The API's view of the screen: typed commands to the GUI thread, status from a snapshot
    published once a second and whenever a layout comes to the front."""
    from kiosk import __version__
    from kiosk.bridge import CommandBridge
    from kiosk.management import DeviceBridge, gui_handlers, scene_status
    from kiosk.status_board import StatusBoard

    assert parts.window is not None
    status = StatusBoard({"device_name": options.device_name, "role": options.role}, __version__)
    commands = CommandBridge(gui_handlers(parts.window, parts.player, parts.live_data, parts.pairing_view), parts.app)

    def publish(*_args: object) -> None:
        status.publish(scene_status(parts.player, parts.live_data))

    timer = QTimer(parts.app, objectName="status-publish", interval=STATUS_PUBLISH_MS)
    timer.timeout.connect(publish)
    timer.start()
    parts.player.layout_applied.connect(publish)
    return DeviceBridge(commands, status, parts.store)
