"""Drives the harness window: opens a tile, runs script in the page, taps, and checks escapes."""

import json
import time
from pathlib import Path

from PySide6.QtCore import Property, QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtTest import QTest

from kiosk.browser import browser_context
from kiosk.browser.decisions import decide
from kiosk.browser.sessions import WebSessions

HARNESS = Path(__file__).with_name("Harness.qml")


def wait_until(app, condition, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QTest.qWait(10)  # unlike processEvents, this also runs deferred deletes (destroyed views, dropped profiles)
        if condition():
            return True
    return bool(condition())


class Accessibility(QObject):
    """The one property the browser reads from the accessibility services: the screen's language."""

    languageChanged = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._language = "fr"

    def _get(self) -> str:
        return self._language

    def _set(self, value: str) -> None:
        self._language = value
        self.languageChanged.emit()

    language = Property(str, _get, _set, notify=languageChanged)


class BrowserDriver:
    def __init__(self, app, server, download_dir: Path) -> None:
        self.app, self.server = app, server
        context = browser_context(app)
        context["webSessions"] = self.sessions = WebSessions(app, download_dir=str(download_dir))
        self.download_dir = download_dir
        self.engine = QQmlApplicationEngine()
        self.accessibility = Accessibility()
        context["accessibility"] = self.accessibility
        for name, value in context.items():
            self.engine.rootContext().setContextProperty(name, value)
        self.engine.load(QUrl.fromLocalFile(str(HARNESS)))
        self.window = self.engine.rootObjects()[0]
        self.spec: dict = {}
        assert wait_until(app, self.window.isExposed, 5)

    def visible_windows(self) -> int:
        return len([w for w in QGuiApplication.topLevelWindows() if w.isVisible()])

    def close(self) -> None:
        self.window.setProperty("spec", None)
        self.app.processEvents()
        self.sessions.endSession()
        wait_until(self.app, lambda: False, 0.3)
        self.window.hide()
        self.window.deleteLater()
        self.engine.deleteLater()
        self.app.processEvents()

    def reset_records(self) -> None:
        self.window.setProperty("events", [])
        self.sessions.permissions_granted.clear()
        self.sessions.downloads_refused = 0

    @property
    def view(self):
        return self.window.property("browser")

    def open(self, page: str, allow: tuple[str, ...] = (), media_origin: str = "", timeout_s: float = 20, wait: bool = True) -> None:
        self.spec = {"url": f"{self.server.home}/{page}", "allowList": list(allow), "mediaOrigin": media_origin, "loadTimeoutS": timeout_s}
        self.reset_records()
        self.window.setProperty("spec", None)
        self.window.setProperty("spec", self.spec)
        if wait:
            assert wait_until(self.app, lambda: self.loaded(page)), f"{page} did not load: {self.url()}"

    def loaded(self, page: str) -> bool:
        web = self.view.property("web") if self.view else None
        if web is None or not self.url().endswith("/" + page) or web.property("loading"):
            return False
        return self.js("document.readyState + ' ' + location.pathname") == "complete /" + page

    def url(self) -> str:
        return self.view.property("currentUrl") if self.view else ""

    def panel(self) -> str:
        return self.view.property("shownPanel") if self.view else ""

    def events(self) -> list[str]:
        events = self.window.property("events")
        events = events.toVariant() if hasattr(events, "toVariant") else events
        return [str(e) for e in events or []]

    def js(self, script: str, timeout_s: float = 5.0):
        answers = self.window.property("jsAnswers")
        self.window.setProperty("js", "")
        self.window.setProperty("js", script)
        assert wait_until(self.app, lambda: self.window.property("jsAnswers") > answers, timeout_s), f"no answer to {script!r}"
        return json.loads(self.window.property("jsResult"))

    def tap(self, x: int, y: int) -> None:
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))

    def settle(self, seconds: float) -> None:
        wait_until(self.app, lambda: False, seconds)

    def escapes(self) -> list[str]:
        """Every way this visitor got out; [] when none."""
        found = []
        url = self.url()
        if url and decide(url, self.spec["url"], tuple(self.spec["allowList"])).verdict != "load":
            found.append(f"the view shows {url}")
        if hits := self.server.outside_hits():
            found.append(f"the outside origin was asked for {hits}")
        windows = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
        if len(windows) != 1:
            found.append(f"{len(windows)} windows are open")
        if files := list(self.download_dir.iterdir()):
            found.append(f"downloaded {files}")
        granted = [g for g in self.sessions.permissions_granted if self.spec["mediaOrigin"] == "" or not g[0].startswith(self.spec["mediaOrigin"])]
        if granted:
            found.append(f"permissions granted: {granted}")
        return found

    def tap_object(self, name: str) -> None:
        self.window.setProperty("tapTarget", "")
        self.window.setProperty("tapTarget", name)
        point = self.window.property("tapPoint")
        assert point.x() >= 0, f"no visible {name}"
        self.tap(round(point.x()), round(point.y()))

    def panel_text(self) -> str:
        self.window.setProperty("tapTarget", "")  # re-evaluates nothing; panelText is a binding
        return self.window.property("panelText")

    def title(self) -> str:
        return self.js("document.title")

    def refusals(self) -> list[str]:
        return [e for e in self.events() if e.startswith(("refused", "external"))]

    def attack(self, page: str, tap: bool = True, settle_s: float = 0.8, paint_s: float = 0.2, **open_args) -> None:
        """Open the hostile page as the tile's start page, touch its bait, let it do its worst."""
        self.open(page, **open_args)
        if tap:
            self.settle(paint_s)  # a page that just loaded has not painted its bait yet (a frame takes longer)
            self.tap(300, 150)
        self.settle(settle_s)

    def js_async(self, expression: str, timeout_s: float = 5.0):
        """The value of a promise in the page (runJavaScript does not wait for promises)."""
        self.js(f"window.__answer = undefined; (async () => {{ try {{ window.__answer = JSON.stringify(await ({expression})) }}"
                f" catch (e) {{ window.__answer = JSON.stringify('error ' + e) }} }})(); 1")
        assert wait_until(self.app, lambda: self.js("window.__answer !== undefined"), timeout_s), f"no answer to {expression!r}"
        return json.loads(self.js("window.__answer"))
