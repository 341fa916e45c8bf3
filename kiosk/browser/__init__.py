"""The locked-down browser of interactive kiosks: an off-the-record web profile per visitor session
(sessions.py), the navigation decisions (decisions.py), the profile's request gate (gate.py) and the
QML view signs create by URL (LockedWebView.qml, reached through ``browserComponentUrl``)."""

from pathlib import Path
from typing import Any

LOCKED_VIEW_QML = Path(__file__).with_name("LockedWebView.qml")


def browser_context(parent: Any) -> dict[str, Any]:
    """The context properties the browser needs: the sessions object and the view's component URL.
    The web profile is made on first use, so a layout without web pages never starts the engine."""
    from PySide6.QtCore import QUrl

    from kiosk.browser.sessions import WebSessions

    return {"webSessions": WebSessions(parent), "browserComponentUrl": QUrl.fromLocalFile(str(LOCKED_VIEW_QML)).toString()}
