"""Composition root of ``kiosk run`` / ``kiosk snapshot``: builds the Qt app and wires the parts."""

import logging
import os
import signal
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.logs import event

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.management import DeviceBridge
    from kiosk.service_thread import ServiceThread

log = logging.getLogger("kiosk.app")


@dataclass(frozen=True, slots=True)
class RunOptions:
    data_dir: Path
    layout_path: Path | None = None
    windowed: bool = False
    screen_index: int = 0
    screenshot_dir: Path | None = None
    screenshot_every_s: float = 60.0
    screenshot_keep: int = 50
    snapshot_out: Path | None = None  # snapshot mode: save one PNG once settled, then quit
    settle_timeout_s: float = 30.0
    exit_after_s: float | None = None
    probe_blank_frames: bool = False
    probe_live_latency: bool = False
    probe_gui_stalls: bool = False
    api_port: int | None = None  # serve the management API (HTTPS) on this port; 0: any free port
    api_host: str = "0.0.0.0"
    advertise: bool = False
    advertise_interfaces: tuple[str, ...] = ()  # empty: every interface
    device_name: str = "Istres kiosk"
    role: str = "signage"
    cache_budget_bytes: int = 2 * 1024**3


def _prepare_qt_environment() -> None:
    # Each runtime keeps Qt's own caches under its own name, not a shared ~/.cache folder.
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")


def start_provisioning(options: RunOptions, data_dir: Path, service: "ServiceThread",
                       control_for: "Callable[[], DeviceBridge]") -> list[tuple[str, object]]:
    """The management API and the LAN advertisement, both in the service thread. Returns what to stop."""
    from kiosk import __version__
    from provisioning import IdentityError
    from provisioning.admins import PairedAdmins
    from provisioning.advertise import Advertisement, Advertiser
    from provisioning.api import build_api
    from provisioning.identity import load_or_create_identity
    from provisioning.pairing import PairingWindow
    from provisioning.push import BundleInbox
    from provisioning.server import ApiServer

    try:
        identity = load_or_create_identity(data_dir / "identity", options.device_name)
    except IdentityError as exc:
        event(log, "identity_failed", logging.ERROR, str(exc))
        return []
    running: list[tuple[str, object]] = []
    api_port = 0
    admins = PairedAdmins(data_dir / "identity" / "admins.json")
    advertiser: Advertiser | None = None

    def on_pairing_changed() -> None:
        if advertiser is not None:
            service.submit(advertiser.update(paired=admins.count() > 0))

    if options.api_port is not None:
        control = control_for()
        inbox = BundleInbox(data_dir)
        inbox.clean(control.folders_in_use())  # what a push killed midway left behind
        app = build_api(control, admins, PairingWindow(time.monotonic), identity.fingerprint_sha256, inbox, on_pairing_changed)
        server = ApiServer(app, identity, options.api_host, options.api_port)
        try:
            service.submit(server.start()).result(timeout=20)
            api_port = server.port
            running.append(("api", server))
            event(log, "api_listening", host=options.api_host, port=api_port, fingerprint=identity.short_fingerprint)
        except Exception as exc:  # noqa: BLE001 - the screen plays on without its API; say why
            event(log, "api_failed", logging.ERROR, f"{type(exc).__name__}: {exc}", port=options.api_port)
    if options.advertise:
        advertiser = Advertiser(Advertisement(options.device_name, identity.device_id, options.role, __version__, api_port,
                                              identity.fingerprint_sha256, admins.count() > 0),
                                list(options.advertise_interfaces) or None)

        def on_registered(future) -> None:  # noqa: ANN001 - a concurrent Future
            error = future.exception()
            if error is None:
                event(log, "advertised", device_id=identity.device_id, fingerprint=identity.short_fingerprint,
                      device_name=options.device_name, role=options.role, api_port=api_port)
            else:
                event(log, "advertise_failed", logging.ERROR, f"{type(error).__name__}: {error}")

        service.submit(advertiser.start()).add_done_callback(on_registered)
        running.append(("advertisement", advertiser))
    return running


def stop_provisioning(running: list[tuple[str, object]], service: "ServiceThread", shutdown: "Shutdown") -> None:
    """Adds a bounded stop step per part (the API, the advertisement), last started first."""
    def stop(what: str, part: object) -> None:
        service.submit(part.stop()).result(timeout=0.7)  # a TimeoutError: the step is logged as stuck
        event(log, f"{what}_stopped")

    for what, part in reversed(running):
        shutdown.add(what, lambda what=what, part=part: stop(what, part), 0.7)


def run(options: RunOptions) -> int:
    _prepare_qt_environment()
    from PySide6.QtCore import Qt, QTimer, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
    from PySide6.QtWebEngineQuick import QQuickWebEngineProfile, QtWebEngineQuick

    from kiosk import software_video  # noqa: F401 - registers the Kiosk.Video QML module
    from kiosk.clock import ClockFormatter
    from kiosk.crash import UnhandledExceptions
    from kiosk.crash_log import CrashLog
    from kiosk.jobs import Jobs
    from kiosk.layout_source import LayoutSource
    from kiosk.live_panels import LivePanels
    from kiosk.local_site import LocalSite
    from kiosk.management import DeviceBridge, PairingView
    from kiosk.player import Player
    from kiosk.resolver import ResolveContext
    from kiosk.screenshots import ScreenshotTimer, save_window_png
    from kiosk.service_thread import ServiceThread
    from kiosk.shutdown import Shutdown, arm_deadline, arm_deadline_on_delivery
    from kiosk.systemd import Watchdog, notify
    from kiosk.unix_signals import UnixSignals
    from kiosk.web_policy import NavigationPolicy
    from layouts.store import LayoutStore
    from media.cache import ContentCache

    started_at = time.monotonic()
    event(log, "start", pid=os.getpid(), layout=str(options.layout_path or ""), data_dir=str(options.data_dir))
    crash_log = CrashLog(options.data_dir).open()  # reports the previous run's crash; records this one's
    offscreen = os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen") or options.snapshot_out is not None
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
        # The offscreen platform has no OpenGL context; Qt Quick's software renderer draws it all.
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    QtWebEngineQuick.initialize()
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("istres-kiosk")
    app.setOrganizationName("ville-istres")

    unhandled = UnhandledExceptions().install()

    data_dir = options.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    store = LayoutStore(data_dir / "layouts")
    cache = ContentCache(data_dir / "cache", budget_bytes=options.cache_budget_bytes)
    site = LocalSite(Path(str(resources.files("kiosk") / "site"))).start()
    jobs = Jobs(parent=app)
    source = LayoutSource(store, options.layout_path)

    def context_for(layout, base_dir):  # noqa: ANN001, ANN202
        protected = frozenset(e.sha256 for url in source.protected_urls() if (e := cache.lookup_url(url)))
        return ResolveContext(base_dir, cache, site.url, protected, layout.theme.font_family, layout.locale)

    def probe_live_drawn(label: str) -> None:
        # After the display change this uplink caused, the next swapped frame has it on screen.
        player.frame_clock.after_next_frame(lambda drawn_at: event(log, "live_drawn", uplink=label, t=round(drawn_at, 4)))

    live_panels = LivePanels(jobs, app, probe_live_drawn if options.probe_live_latency else None)
    player = Player(jobs, context_for, live_panels, parent=app)
    engine = QQmlApplicationEngine()
    if not QQuickWebEngineProfile.defaultProfile().isOffTheRecord():
        # Qt 6's default web profile is off the record (nothing left on disk); say so if that changes.
        event(log, "web_profile_on_disk", logging.WARNING, "the default web profile keeps data on disk")
    context = engine.rootContext()
    context.setContextProperty("player", player)
    context.setContextProperty("clock", ClockFormatter(app))
    context.setContextProperty("navigationPolicy", NavigationPolicy(app))
    context.setContextProperty("softwareRendering", offscreen)
    context.setContextProperty("livePanels", live_panels)
    context.setContextProperty("signsUrl", QUrl.fromLocalFile(str(resources.files("signs"))).toString() + "/")
    engine.load(QUrl.fromLocalFile(str(resources.files("kiosk") / "qml" / "Main.qml")))
    if not engine.rootObjects():
        event(log, "qml_failed", logging.CRITICAL, "the main view did not load")
        crash_log.close_cleanly()  # a refusal to start, not a crash
        return 2
    window: QQuickWindow = engine.rootObjects()[0]
    player.attach(window)

    def show(stored) -> None:  # noqa: ANN001
        if stored is not None:
            player.show_layout(stored.layout, stored.base_dir)
        elif player.front_scene is None:
            player.set_recovering(True, "no valid layout to show (none given, none stored)")

    # Promoting current to last-good fsyncs: done in the pool, never on the GUI thread.
    def on_promoted(_result: object, error: BaseException | None) -> None:
        if error is not None:
            event(log, "store_failed", logging.ERROR, f"{type(error).__name__}: {error}")

    player.layout_applied.connect(lambda scene: jobs.submit(lambda: source.mark_good(scene.layout), on_promoted))
    initial = source.read()
    size = (1920, 1080)
    if initial is not None:
        screen_spec = initial.layout.screen
        quarter_turn = screen_spec.orientation in ("portrait", "portrait-flipped")
        # A window stands for the physical display, which shows the layout turned.
        size = (screen_spec.height, screen_spec.width) if quarter_turn else (screen_spec.width, screen_spec.height)
    if offscreen or options.windowed:
        window.resize(*size)
        window.show()
    else:
        screens = app.screens()
        screen = screens[min(options.screen_index, len(screens) - 1)]
        window.setScreen(screen)
        # WORKAROUND: without a window manager (eglfs-less X, cage) showFullScreen() alone does not
        # resize; a frameless window given the screen's geometry does.
        window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setGeometry(screen.geometry())
        window.showFullScreen()

    shutdown = Shutdown()

    def quit_cleanly(reason: str) -> None:
        if shutdown.begin(reason):  # a second SIGTERM changes nothing
            notify("STOPPING=1")
            arm_deadline(crash_log.file)  # gone within 3 s, whatever is stuck
            shutdown.run(through="timers")  # nothing may grab the window once the loop is left
            app.exit(0)  # not quit(): that closes the windows while the loop still turns

    signals = UnixSignals({
        signal.SIGTERM: lambda: quit_cleanly("SIGTERM"),
        signal.SIGINT: lambda: quit_cleanly("SIGINT"),
        signal.SIGHUP: lambda: (event(log, "reload", reason="SIGHUP"), show(source.read())),
    }, parent=app)
    arm_deadline_on_delivery(crash_log.file, (signal.SIGTERM, signal.SIGINT))  # within 3 s of the signal itself

    probe = None
    if options.probe_blank_frames:
        from kiosk.frame_probe import FrameProbe

        probe = FrameProbe(window, player)
    shots = None
    if options.screenshot_dir is not None:
        shots = ScreenshotTimer(window, options.screenshot_dir, options.screenshot_every_s, options.screenshot_keep)
    stall_probe = None
    if options.probe_gui_stalls:
        from kiosk.stall_probe import StallProbe

        stall_probe = StallProbe(app)
    shutdown.add("timers", lambda: [t.stop() for t in (shots, stall_probe) if t is not None], 0.2)
    exit_code = {"code": 0}
    if options.snapshot_out is not None:
        out = options.snapshot_out

        def take_snapshot(settled: bool) -> None:
            if shutdown.started:
                return
            ok = save_window_png(window, out)
            event(log, "snapshot_saved" if ok else "snapshot_failed", logging.INFO if ok else logging.ERROR,
                  path=str(out), settled=settled)
            exit_code["code"] = 0 if ok else 1
            quit_cleanly("snapshot")

        settle_timer = QTimer(app, objectName="snapshot-settle", singleShot=True, interval=round(options.settle_timeout_s * 1000))
        settle_timer.timeout.connect(lambda: take_snapshot(False))
        settle_timer.start()
        # Once applied, give crossfades and web paints a moment, then grab.
        player.layout_applied.connect(lambda _scene: QTimer.singleShot(800, lambda: take_snapshot(True)))
        player.recovering_changed.connect(lambda: player.recovering and QTimer.singleShot(500, lambda: take_snapshot(True)))
    if options.exit_after_s is not None:
        QTimer.singleShot(round(options.exit_after_s * 1000), lambda: quit_cleanly("exit-after"))

    service = ServiceThread().start()
    pairing_view = PairingView(app)
    context.setContextProperty("pairingView", pairing_view)
    device = {"device_name": options.device_name, "role": options.role}
    running = start_provisioning(options, data_dir, service,
                                 lambda: DeviceBridge(window, player, live_panels, pairing_view, store, device, app,
                                                      crashes=crash_log.report))
    QTimer.singleShot(0, lambda: show(initial))
    Watchdog(app)
    QTimer.singleShot(0, lambda: notify("READY=1"))  # the window is up and the event loop turning
    shutdown.add("feeds", live_panels.stop_all, 0.5)
    stop_provisioning(running, service, shutdown)
    shutdown.add("service-thread", lambda: service.stop(0.3), 0.3)
    shutdown.add("scene", player.stop, 0.3)
    shutdown.add("jobs", lambda: jobs.stop(400), 0.4)
    shutdown.add("local-site", site.stop, 0.6, own_thread=True)
    shutdown.add("signals", signals.close, 0.1)
    if stall_probe is not None:
        stall_probe.start()
    app.exec()
    quit_cleanly("event loop ended")  # nothing new when a stop request ended the loop
    shutdown.run()
    if probe is not None:
        probe.report()
    event(log, "stopped", uptime_s=round(time.monotonic() - started_at, 3), unhandled_exceptions=unhandled.count)
    del engine
    crash_log.close_cleanly()
    return exit_code["code"]
