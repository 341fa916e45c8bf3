"""The profile's request gate: every frame load (main frame and iframe, including each redirect
hop and a meta refresh) is checked against the allow-lists of the views alive on the profile. It is
the second lock behind each view's own navigation check, and the only one that sees server
redirects and iframes whatever the page does."""

import logging
from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from kiosk.browser.decisions import decide
from kiosk.logs import OncePerCause

log = logging.getLogger("kiosk.browser")
_Type = QWebEngineUrlRequestInfo.ResourceType
FRAME_LOADS = {_Type.ResourceTypeMainFrame, _Type.ResourceTypeSubFrame,
               _Type.ResourceTypeNavigationPreloadMainFrame, _Type.ResourceTypeNavigationPreloadSubFrame}
MAX_VIEWS = 16  # views registered at once; more is a leak, and the gate then refuses new ones


class RequestGate(QWebEngineUrlRequestInterceptor):
    frameBlocked = Signal(str, str, bool)  # reason, url, main frame: the views explain it
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._views: dict[int, tuple[str, tuple[str, ...]]] = {}
        self._next_token = 1
        self.blocked: Counter[str] = Counter()  # by reason, for tests and the status board
        self._once = OncePerCause(log)

    def add_view(self, start_url: str, allow: tuple[str, ...]) -> int:
        if len(self._views) >= MAX_VIEWS:
            return 0
        token, self._next_token = self._next_token, self._next_token + 1
        self._views[token] = (start_url, allow)
        return token

    def remove_view(self, token: int) -> None:
        self._views.pop(token, None)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt's name
        if info.resourceType() not in FRAME_LOADS:
            return  # images, scripts and styles of an allowed page come from where the page says
        url = info.requestUrl().toString()
        main = info.resourceType() in (_Type.ResourceTypeMainFrame, _Type.ResourceTypeNavigationPreloadMainFrame)
        verdicts = [decide(url, start, allow, main_frame=main) for start, allow in self._views.values()]
        if any(d.verdict == "load" for d in verdicts):
            return
        info.block(True)
        reason = verdicts[0].reason if verdicts else "no-view"
        self.blocked[reason] += 1
        self.frameBlocked.emit(reason, url[:2048], main)
        self._once.warn((reason, url[:200]), "web_request_blocked", "a frame load outside the allow-lists", url=url[:200])
