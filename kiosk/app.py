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
from kiosk import web_engine
from kiosk.accessibility import start_accessibility, watch_window
from kiosk.crash import UnhandledExceptions
from kiosk.crash_log import CrashLog
from kiosk.jobs import Jobs
from kiosk.journal_wiring import start_journal
from kiosk.layout_flow import LayoutFlow
from kiosk.live_data import LiveData
from kiosk.local_site import LocalSite
from kiosk.logs import event
from kiosk.options import RunOptions
from kiosk.pairing_view import PairingView
from kiosk.player import Player
from kiosk.provisioning_service import ProvisioningService
from kiosk.schedule_source import ScheduledSource
from kiosk.scheduler import ScheduledFlow
from kiosk.screenshots import ScreenshotTimer, save_window_png
from kiosk.service_thread import ServiceThread
from kiosk.shutdown import Shutdown, arm_deadline, arm_deadline_on_delivery
from kiosk.startup import after_first_frame, restart_for_web_engine
from kiosk.systemd import Watchdog, notify
from kiosk.unix_signals import UnixSignals
from kiosk.web_policy import NavigationPolicy
from kiosk.window import check_web_profile, fit_window_to_layout, load_main_view, make_application, place_window, software_rendering
from layouts.store import LayoutStore
from media.cache import ContentCache
from signs.kinds import hand_to_signs, qml_context_providers

__all__ = ["RunOptions", "run"]

log = logging.getLogger("kiosk.app")
SNAPSHOT_SETTLE_MS = 800  # once applied, crossfades end and web pages paint before the grab
STATUS_PUBLISH_MS = 1000
VIDEO_IMPORT = "import Kiosk.Video"


@dataclass
class Parts:
    app: QGuiApplication
    jobs: Jobs
    store: LayoutStore
    site: LocalSite
    flow: LayoutFlow  # a ScheduledFlow (kiosk.scheduler)
    live_data: LiveData
    player: Player
    pairing_view: PairingView
    shutdown: Shutdown
    engine: Any = None
    window: QQuickWindow | None = None
    quit_cleanly: Any = None  # the one way out: ordered, bounded (kiosk.shutdown)
    alerts: Any = None  # the emergency alert centre (kiosk.alerts)
    journal: Any = None  # kiosk.journal_writer.JournalWriter: record(event, act_id, act_sha256, detail), any thread
    accessibility: Any = None  # kiosk.accessibility.AccessibilityService: the QML ``accessibility`` object


def run(options: RunOptions) -> int:
    started_at = time.monotonic()
    event(log, "start", pid=os.getpid(), layout=str(options.layout_path or ""), data_dir=str(options.data_dir))
    crash_log = CrashLog(options.data_dir).open()  # reports the previous run's crash; records this one's
    app = make_application(options, web=web_engine.needs_web(options.layout_path, options.data_dir))
    if web_engine.may_play(options.layout_path, options.data_dir, VIDEO_IMPORT):
        _register_video_module()  # its views are made with the first frame
    unhandled = UnhandledExceptions().install()
    parts = _build(options, app, crash_log)
    if parts.window is None:
        event(log, "qml_failed", logging.CRITICAL, "the main view did not load")
        crash_log.close_cleanly()  # a refusal to start, not a crash
        return 2
    window = parts.window
    place_window(app, window, options)
    quit_cleanly = parts.quit_cleanly
    signals = UnixSignals({
        signal.SIGTERM: lambda: quit_cleanly("SIGTERM"),
        signal.SIGINT: lambda: quit_cleanly("SIGINT"),
        signal.SIGHUP: lambda: (event(log, "reload", reason="SIGHUP"), parts.flow.reload()),
    }, parent=app)
    arm_deadline_on_delivery(crash_log.file, (signal.SIGTERM, signal.SIGINT))  # within 3 s of the signal itself
    probe = _diagnostics(options, window, parts.player)
    _add_timers(options, parts)
    parts.flow.scheduler.start()  # the clock-jump check; the schedule's own timer is armed by each evaluation
    parts.shutdown.add("schedule", parts.flow.scheduler.stop, 0.1)
    exit_code = _snapshot_mode(options, parts) if options.snapshot_out is not None else {"code": 0}
    if options.exit_after_s is not None:
        QTimer.singleShot(round(options.exit_after_s * 1000), lambda: quit_cleanly("exit-after"))
    service = ServiceThread().start()
    provisioning = ProvisioningService(options, service)
    if options.api_port is not None or options.advertise:
        from kiosk.status_measures import StatusMeasures

        # The API stack (imports, identity, TLS) starts once the first frame is on screen: it does not compete with it.
        measures = StatusMeasures.start(window, options.data_dir)  # frames counted from the first one on
        after_first_frame(parts.player, lambda: provisioning.start(_device_bridge(options, parts, crash_log, measures)))
    after_first_frame(parts.player, check_web_profile)
    after_first_frame(parts.player, _register_video_module)  # for a video pushed later (QtMultimedia: about 50 ms)
    restart = restart_for_web_engine(parts)
    _add_stop_steps(parts, provisioning, service, signals)
    _start_alerts(options, parts)
    parts.journal = start_journal(options, parts, crash_log)  # its stop step is the last: "stop" ends the run's entries
    hand_to_signs("display_journal", parts.journal)  # the legal-acts catalogue journals what it lists, opens and shows
    QTimer.singleShot(0, parts.flow.start)
    Watchdog(app)
    QTimer.singleShot(0, lambda: notify("READY=1"))  # the window is up and the event loop turning
    app.exec()

    quit_cleanly("event loop ended")  # nothing new when a stop request ended the loop
    parts.shutdown.run()
    if probe is not None:
        probe.report()
    event(log, "stopped", uptime_s=round(time.monotonic() - started_at, 3), unhandled_exceptions=unhandled.count)
    crash_log.close_cleanly()
    if restart["wanted"]:
        return web_engine.restart_in_place()  # returns only when exec failed
    return exit_code["code"]


def _register_video_module() -> None:
    from kiosk import software_video  # noqa: F401 - registers the Kiosk.Video QML module (once)


def _add_timers(options: RunOptions, parts: Parts) -> None:
    """Periodic screenshots and the stall probe: stopped first, before the loop is left."""
    assert parts.window is not None
    shots = None
    if options.screenshot_dir is not None:
        shots = ScreenshotTimer(parts.window, parts.jobs, options.screenshot_dir, options.screenshot_every_s,
                                options.screenshot_keep)
    stall_probe = None
    if options.probe_gui_stalls:
        from kiosk.stall_probe import StallProbe

        stall_probe = StallProbe(parts.app)
        stall_probe.start()
    parts.shutdown.add("timers", lambda: [t.stop() for t in (shots, stall_probe) if t is not None], 0.2)


def _add_stop_steps(parts: Parts, provisioning: ProvisioningService, service: ServiceThread, signals: UnixSignals) -> None:
    """The order of leaving, each step bounded: feeds and the API before the scene, the scene before the engine."""
    shutdown = parts.shutdown
    shutdown.add("feeds", lambda: parts.live_data.stop_all(0.5), 0.5)
    shutdown.add("provisioning", lambda: provisioning.stop(0.7), 0.8)
    shutdown.add("service-thread", lambda: service.stop(0.3), 0.3)
    shutdown.add("scene", parts.player.stop, 0.3)
    shutdown.add("jobs", lambda: parts.jobs.stop(400), 0.4)
    shutdown.add("local-site", parts.site.stop, 0.6, own_thread=True)
    shutdown.add("signals", signals.close, 0.1)


def _build(options: RunOptions, app: QGuiApplication, crash_log: CrashLog) -> Parts:
    """Every part, wired; the QML main view loaded (``window`` None when it did not load)."""
    options.data_dir.mkdir(parents=True, exist_ok=True)
    store = LayoutStore(options.data_dir / "layouts")
    site = LocalSite(Path(str(resources.files("kiosk") / "site"))).start()
    jobs = Jobs(parent=app)
    window_box: dict[str, QQuickWindow] = {}
    flow = ScheduledFlow(jobs, ScheduledSource(store, options.layout_path),
                         lambda: ContentCache(options.data_dir / "cache", budget_bytes=options.cache_budget_bytes),
                         site.url, lambda layout: fit_window_to_layout(window_box["window"], options, layout), app,
                         clock=SystemClock())

    def probe_live_drawn(label: str) -> None:
        # After the display change this uplink caused, the next swapped frame has it on screen.
        player.frame_clock.after_next_frame(lambda drawn_at: event(log, "live_drawn", uplink=label, t=round(drawn_at, 4)))

    live_data = LiveData(jobs, SystemClock(), app, probe_live_drawn if options.probe_live_latency else None)
    player = Player(jobs, flow.context_for, live_data, parent=app)
    flow.attach(player)
    parts = Parts(app, jobs, store, site, flow, live_data, player, PairingView(app), Shutdown())

    def quit_cleanly(reason: str) -> None:
        if parts.shutdown.begin(reason):  # a second SIGTERM changes nothing
            notify("STOPPING=1")
            arm_deadline(crash_log.file)  # gone within 3 s, whatever is stuck
            parts.shutdown.run(through="timers")  # nothing may grab the window once the loop is left
            app.exit(0)  # not quit(): that closes the windows while the loop still turns

    parts.quit_cleanly = quit_cleanly
    from kiosk.alerts_wiring import build_alert_center

    parts.accessibility = start_accessibility(app, jobs)  # speech, palette, text scale, keypad: one per process
    parts.alerts = build_alert_center(options, player, app, on_alert_event=lambda kind, alert_id, detail: (
        parts.journal is not None and parts.journal.record(f"alert_{kind}", detail={"alert_id": alert_id, **detail})),
        accessibility=parts.accessibility)
    context = {"player": player, "navigationPolicy": NavigationPolicy(app), "softwareRendering": software_rendering(options),
               "liveData": live_data, "pairingView": parts.pairing_view}
    context["alertCenter"] = parts.alerts  # the emergency takeover (AlertOverlay.qml)
    context["accessibility"] = parts.accessibility
    from kiosk.browser import browser_context  # the locked-down browser: webSessions, browserComponentUrl

    context.update(browser_context(app))
    for provide in qml_context_providers():  # objects the signs' views call by name
        context.update(provide(app))
    parts.engine, parts.window = load_main_view(context)
    if parts.window is not None:
        window_box["window"] = parts.window
        player.attach(parts.window)
        watch_window(parts.accessibility, parts.window)  # keypad keys; any touch or key stops speech
    return parts


def _start_alerts(options: RunOptions, parts: Parts) -> None:
    """Stored alerts back on screen, then the MQTT topic and the feed; stopped with the other feeds."""
    from kiosk.alerts_local import LocalAlerts
    from kiosk.alerts_wiring import start_alert_sources

    stop_sources = start_alert_sources(options, parts.alerts, parts.jobs)
    hand_to_signs("local_alerts", LocalAlerts(parts.alerts, SystemClock()))  # the beach panel's H2S threshold, ...
    if options.demo_alert_after_s is not None:
        from kiosk.alerts_demo import schedule_demo_alert

        schedule_demo_alert(parts.alerts, SystemClock(), options.demo_alert_after_s)
    parts.shutdown.add("alerts", lambda: (stop_sources(), parts.alerts.stop(0.4)), 0.5)


def _diagnostics(options: RunOptions, window: QQuickWindow, player: Player) -> Any:
    if not options.probe_blank_frames:
        return None
    from kiosk.frame_probe import FrameProbe

    return FrameProbe(window, player)


def _snapshot_mode(options: RunOptions, parts: Parts) -> dict[str, int]:
    """Save one PNG once the layout settled (or the timeout passed), then quit."""
    out, player = options.snapshot_out, parts.player
    assert out is not None and parts.window is not None
    window = parts.window
    exit_code = {"code": 0}

    def take_snapshot(settled: bool) -> None:
        if parts.shutdown.started:
            return
        ok = save_window_png(window, out)
        event(log, "snapshot_saved" if ok else "snapshot_failed", logging.INFO if ok else logging.ERROR,
              path=str(out), settled=settled)
        exit_code["code"] = 0 if ok else 1
        parts.quit_cleanly("snapshot")

    settle_timer = QTimer(parts.app, objectName="snapshot-settle", singleShot=True, interval=round(options.settle_timeout_s * 1000))
    settle_timer.timeout.connect(lambda: take_snapshot(False))
    settle_timer.start()
    player.layout_applied.connect(lambda _scene: QTimer.singleShot(SNAPSHOT_SETTLE_MS, lambda: take_snapshot(True)))
    player.recovering_changed.connect(lambda: player.recovering and QTimer.singleShot(500, lambda: take_snapshot(True)))
    return exit_code


def _device_bridge(options: RunOptions, parts: Parts, crash_log: CrashLog, measures: Any) -> Any:
    """The API's view of the screen: typed commands to the GUI thread, status from a snapshot
    published once a second and whenever a layout comes to the front."""
    from kiosk import __version__
    from kiosk.alerts_api import AlertingDeviceBridge
    from kiosk.bridge import CommandBridge
    from kiosk.management import gui_handlers, scene_status
    from kiosk.schedule_desk import ScheduleDesk
    from kiosk.status_board import StatusBoard

    assert parts.window is not None
    status = StatusBoard({"device_name": options.device_name, "role": options.role}, __version__, crash_log.report,
                         measures)
    commands = CommandBridge(gui_handlers(parts.window, parts.player, parts.live_data, parts.pairing_view), parts.app)

    def publish(*_args: object) -> None:
        status.publish(scene_status(parts.player, parts.live_data))

    timer = QTimer(parts.app, objectName="status-publish", interval=STATUS_PUBLISH_MS)
    timer.timeout.connect(publish)
    timer.start()
    parts.player.layout_applied.connect(publish)
    scheduler = parts.flow.scheduler
    scheduler.changed.connect(lambda: status.publish_schedule(scheduler.status_fields()))
    status.publish_schedule(scheduler.status_fields())
    status.add_section("alerts", parts.alerts.status)
    status.add_section("journal_dropped", lambda: parts.journal.dropped if parts.journal is not None else 0)
    bridge = AlertingDeviceBridge(commands, status, parts.store, alerts=parts.alerts)
    bridge.schedule = ScheduleDesk(parts.store, SystemClock(), scheduler.request_reread)  # provisioning.schedule_routes
    return bridge
