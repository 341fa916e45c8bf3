"""The ``web`` item kind keeps its behaviour (a page of its origin plays and reports ready) and gets
the browser's lockdown: a hostile signage page's dialogs never block it, and its popups,
permissions and navigation outside are refused by the same decisions."""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.web_policy import NavigationPolicy
from tests.gui.browser.driver import wait_until

WEB_VIEW = Path(__file__).resolve().parents[3] / "signs" / "widgets" / "web" / "WebView.qml"


def test_a_hostile_signage_page_plays_and_stays_on_its_origin(qapp, hostile_server):
    engine = QQmlApplicationEngine()
    engine.rootContext().setContextProperty("navigationPolicy", NavigationPolicy(engine))
    engine.rootContext().setContextProperty("viewUrl", QUrl.fromLocalFile(str(WEB_VIEW)).toString())
    engine.load(QUrl.fromLocalFile(str(Path(__file__).with_name("WebKindHarness.qml"))))
    window = engine.rootObjects()[0]
    try:
        window.setProperty("descriptor", {"source": f"{hostile_server.home}/signage_hostile.html", "allow": [], "zoom": 1.0,
                                          "load_timeout_ms": 8000})
        assert wait_until(qapp, lambda: window.property("outcome") != "", 8)
        assert window.property("outcome") == "ready"
        wait_until(qapp, lambda: False, 1.0)  # the page's late escape attempt
        assert hostile_server.outside_hits() == []
        assert len([w for w in QGuiApplication.topLevelWindows() if w.isVisible()]) == 1
    finally:
        window.hide()
        window.deleteLater()
        engine.deleteLater()
        wait_until(qapp, lambda: False, 0.2)
