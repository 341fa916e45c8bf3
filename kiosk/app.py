"""Composition root of ``kiosk run`` / ``kiosk snapshot``: builds the Qt app and wires the parts.

The first frame comes first: the window is up and the event loop turning before the cache index
is parsed and the layout validated (Jobs pool), and before the device identity, the API and the
advertisement start (service thread).
"""

import logging
import os
import signal
import time
from importlib import resources
from pathlib import Path

from kiosk.logs import event
from kiosk.options import RunOptions

__all__ = ["RunOptions", "run"]

log = logging.getLogger("kiosk.app")
SNAPSHOT_SETTLE_MS = 800  # once applied, crossfades end and web pages paint before the grab
JOBS_DRAIN_MS = 1000  # at exit, what the pool still does may finish; no longer


def run(options: RunOptions) -> int:
    from PySide6.QtCore import QTimer

    from common.clock import SystemClock
    from kiosk import software_video  # noqa: F401 - registers the Kiosk.Video QML module
    from kiosk.crash import UnhandledExceptions
    from kiosk.jobs import Jobs
    from kiosk.layout_flow import LayoutFlow
    from kiosk.layout_source import LayoutSource
    from kiosk.live_data import LiveData
    from kiosk.local_site import LocalSite
    from kiosk.management import DeviceBridge, PairingView
    from kiosk.player import Player
    from kiosk.provisioning_service import ProvisioningService
    from kiosk.screenshots import ScreenshotTimer
    from kiosk.service_thread import ServiceThread
    from kiosk.systemd import Watchdog, notify
    from kiosk.unix_signals import UnixSignals
    from kiosk.web_policy import NavigationPolicy
    from kiosk.window import fit_window_to_layout, is_offscreen, load_main_view, make_application, place_window
    from layouts.store import LayoutStore
    from media.cache import ContentCache
    from signs.kinds import qml_context_providers

    started_at = time.monotonic()
    event(log, "start", pid=os.getpid(), layout=str(options.layout_path or ""), data_dir=str(options.data_dir))
    app = make_application(options)
    unhandled = UnhandledExceptions().install()
    options.data_dir.mkdir(parents=True, exist_ok=True)
    store = LayoutStore(options.data_dir / "layouts")
    site = LocalSite(Path(str(resources.files("kiosk") / "site"))).start()
    jobs = Jobs(parent=app)
    clock = SystemClock()
    window_box: dict = {}
    flow = LayoutFlow(jobs, LayoutSource(store, options.layout_path),
                      lambda: ContentCache(options.data_dir / "cache", budget_bytes=options.cache_budget_bytes),
                      site.url, lambda layout: fit_window_to_layout(window_box["window"], options, layout), app)

    def probe_live_drawn(label: str) -> None:
        # After the display change this uplink caused, the next swapped frame has it on screen.
        player.frame_clock.after_next_frame(lambda drawn_at: event(log, "live_drawn", uplink=label, t=round(drawn_at, 4)))

    live_data = LiveData(jobs, clock, app, probe_live_drawn if options.probe_live_latency else None)
    player = Player(jobs, flow.context_for, live_data, parent=app)
    flow.attach(player)
    pairing_view = PairingView(app)
    context = {"player": player, "navigationPolicy": NavigationPolicy(app), "softwareRendering": is_offscreen(options),
               "liveData": live_data, "pairingView": pairing_view}
    for provide in qml_context_providers():  # objects the signs' views call by name
        context.update(provide(app))
    engine, window = load_main_view(context)
    if window is None:
        event(log, "qml_failed", logging.CRITICAL, "the main view did not load")
        return 2
    window_box["window"] = window
    player.attach(window)
    place_window(app, window, options)

    def quit_cleanly(reason: str) -> None:
        event(log, "stopping", reason=reason)
        notify("STOPPING=1")
        app.quit()

    signals = UnixSignals({
        signal.SIGTERM: lambda: quit_cleanly("SIGTERM"),
        signal.SIGINT: lambda: quit_cleanly("SIGINT"),
        signal.SIGHUP: lambda: (event(log, "reload", reason="SIGHUP"), flow.reload()),
    }, parent=app)
    probe = _diagnostics(options, window, player)
    if options.screenshot_dir is not None:
        ScreenshotTimer(window, options.screenshot_dir, options.screenshot_every_s, options.screenshot_keep)
    exit_code = _snapshot_mode(options, app, window, player) if options.snapshot_out is not None else {"code": 0}
    if options.exit_after_s is not None:
        QTimer.singleShot(round(options.exit_after_s * 1000), lambda: quit_cleanly("exit-after"))

    service = ServiceThread().start()
    provisioning = ProvisioningService(options, service)
    if options.api_port is not None or options.advertise:
        device = {"device_name": options.device_name, "role": options.role}
        provisioning.start(DeviceBridge(window, player, live_data, pairing_view, store, device, app))
    QTimer.singleShot(0, flow.start)
    Watchdog(app)
    QTimer.singleShot(0, lambda: notify("READY=1"))  # the window is up and the event loop turning
    app.exec()

    provisioning.stop()
    service.stop()
    if probe is not None:
        probe.report()
    player.stop()
    live_data.stop_all()
    jobs.wait_idle(JOBS_DRAIN_MS)
    signals.close()
    site.stop()
    event(log, "stopped", uptime_s=round(time.monotonic() - started_at, 3), unhandled_exceptions=unhandled.count)
    del engine
    return exit_code["code"]


def _diagnostics(options: RunOptions, window, player):  # noqa: ANN001, ANN202 - Qt objects
    if not options.probe_blank_frames:
        return None
    from kiosk.frame_probe import FrameProbe

    return FrameProbe(window, player)


def _snapshot_mode(options: RunOptions, app, window, player) -> dict[str, int]:  # noqa: ANN001 - Qt objects
    """Save one PNG once the layout settled (or the timeout passed), then quit."""
    from PySide6.QtCore import QTimer

    from kiosk.screenshots import save_window_png

    out = options.snapshot_out
    assert out is not None
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
