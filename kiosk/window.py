"""The Qt application, the QML engine with the main view, and where its window goes."""

import logging
import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

from kiosk import web_engine
from kiosk.accessibility import qml_import_path
from kiosk.logs import event
from kiosk.options import RunOptions

if TYPE_CHECKING:
    from layouts.model import Layout

log = logging.getLogger("kiosk.app")
DEFAULT_SIZE_PX = (1920, 1080)


def is_offscreen(options: RunOptions) -> bool:
    return os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen") or options.snapshot_out is not None


def software_rendering(options: RunOptions, dri_dir: Path = Path("/dev/dri")) -> bool:
    """Qt Quick's software renderer: offscreen, and on a machine without a GPU.

    Without a GPU, OpenGL is Mesa's llvmpipe, which redraws the whole window on every frame: a
    clock ticking once a second redraws 1920x1080 pixels. The software renderer repaints only what
    changed and cost a quarter of the CPU on a full-HD slideshow (bench/vs_chromium.py). A GPU is
    a DRM render node (/dev/dri/renderD*); QT_QUICK_BACKEND, when set, is the operator's choice.
    """
    if is_offscreen(options):
        return True  # the offscreen platform has no OpenGL context
    if os.environ.get("QT_QUICK_BACKEND") or os.environ.get("QSG_RHI_BACKEND"):
        return os.environ.get("QT_QUICK_BACKEND") == "software"
    return not any(dri_dir.glob("renderD*"))


def make_application(options: RunOptions, web: bool = True) -> QGuiApplication:
    """``web``: load QtWebEngine (it must be before the application exists; see kiosk.web_engine)."""
    # Each runtime keeps Qt's own caches under its own name, not a shared ~/.cache folder.
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"  # the on-screen keyboard only: no system input method is reachable
    if is_offscreen(options):
        os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
    if software_rendering(options):
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    if web:
        web_engine.initialize()
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("istres-kiosk")
    app.setOrganizationName("ville-istres")
    return app


def load_main_view(context_objects: dict[str, Any]) -> tuple[QQmlApplicationEngine, QQuickWindow | None]:
    engine = QQmlApplicationEngine()
    engine.addImportPath(qml_import_path())  # import Kiosk.Access (the accessible controls and the input panel)
    for name, value in context_objects.items():
        engine.rootContext().setContextProperty(name, value)
    engine.load(QUrl.fromLocalFile(str(resources.files("kiosk") / "qml" / "Main.qml")))
    roots = engine.rootObjects()
    return engine, (roots[0] if roots else None)


def check_web_profile() -> None:
    """Qt 6's default web profile is off the record (nothing left on disk); say so if that changes.
    Called after the first frame: making the profile costs about 0.1 s."""
    if not web_engine.loaded():
        return
    from PySide6.QtWebEngineQuick import QQuickWebEngineProfile

    if not QQuickWebEngineProfile.defaultProfile().isOffTheRecord():
        event(log, "web_profile_on_disk", logging.WARNING, "the default web profile keeps data on disk")


def window_size_for(layout: "Layout | None") -> tuple[int, int]:
    """A window stands for the physical display, which shows the layout turned."""
    if layout is None:
        return DEFAULT_SIZE_PX
    screen = layout.screen
    quarter_turn = screen.orientation in ("portrait", "portrait-flipped")
    return (screen.height, screen.width) if quarter_turn else (screen.width, screen.height)


def place_window(app: QGuiApplication, window: QQuickWindow, options: RunOptions) -> None:
    if is_offscreen(options) or options.windowed:
        window.resize(*DEFAULT_SIZE_PX)
        window.show()
        return
    screens = app.screens()
    screen = screens[min(options.screen_index, len(screens) - 1)]
    window.setScreen(screen)
    # WORKAROUND: without a window manager (eglfs-less X, cage) showFullScreen() alone does not
    # resize; a frameless window given the screen's geometry does.
    window.setFlag(Qt.WindowType.FramelessWindowHint, True)
    window.setGeometry(screen.geometry())
    window.showFullScreen()


def fit_window_to_layout(window: QQuickWindow, options: RunOptions, layout: "Layout") -> None:
    """Windowed and offscreen, the window takes the layout's size (fullscreen keeps the screen's)."""
    if is_offscreen(options) or options.windowed:
        window.resize(*window_size_for(layout))
