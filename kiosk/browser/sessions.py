"""One off-the-record web profile per visitor session, and its wipe.

Everything a visitor leaves in the browser (cookies, cache, local storage, IndexedDB, service
workers, form data, history, HTTP authentication, visited links) lives in the profile, and an
off-the-record profile keeps it in memory only. Ending a session drops the profile and makes a
fresh one: nothing of the old one can be reached again, which a per-item "clear" cannot promise.
The views on it are told first (``sessionEnding``) and destroy their pages before the profile goes.
"""

import logging
import tempfile
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.browser.decisions import decide, host_of
from kiosk.browser.qr import qr_svg_data_url
from kiosk.logs import event

log = logging.getLogger("kiosk.browser")
MEDIA_PERMISSIONS = ("MediaAudioCapture", "MediaVideoCapture", "MediaAudioVideoCapture")
# QtWebEngine is imported on first use only: a layout without web pages never loads it.


def _origin_of(url: str) -> str:
    """scheme://host:port with the default port written out, or "" when it is not an http(s) origin."""
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower(), 0)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme.lower()}://{parts.hostname.lower()}:{port}"


class WebSessions(QObject):
    profileChanged = Signal()
    sessionEnding = Signal()  # views destroy their pages now: the profile goes next
    sessionEnded = Signal(float)  # the wipe's duration, in milliseconds
    downloadRefused = Signal(str)  # the refused download's host
    frameRefused = Signal(str, str, bool)  # reason, url, main frame: a load the request gate stopped

    def __init__(self, parent: QObject | None = None, download_dir: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("web-sessions")
        self._clock = clock
        # Downloads are cancelled; the path only names where one would have gone, so a test can look.
        self._download_dir = download_dir  # made with the first profile when not given
        self._profile: Any = None  # a QQuickWebEngineProfile, made on first use
        self._gate: Any = None  # the RequestGate, made with the first profile
        self._wipe_started: float | None = None
        self.last_wipe_ms: float | None = None
        self.downloads_refused = 0
        self.permissions_granted: list[tuple[str, str]] = []  # (origin, type), for tests and the log

    @property
    def gate(self) -> Any:
        return self._gate

    @property
    def download_dir(self) -> str | None:
        return self._download_dir

    def _make_profile(self) -> Any:
        from PySide6.QtWebEngineQuick import QQuickWebEngineProfile

        from kiosk.browser.gate import RequestGate

        if self._gate is None:
            self._gate = RequestGate(self)
            self._gate.frameBlocked.connect(self.frameRefused)
        # An empty storage name: off the record, in memory only (the (parent) constructor says the
        # same but warns from Qt 6.9 that profiles should come from WebEngineProfilePrototype).
        profile = QQuickWebEngineProfile("", self)
        assert profile.isOffTheRecord()
        profile.setHttpCacheType(QQuickWebEngineProfile.HttpCacheType.MemoryHttpCache)
        profile.setPersistentCookiesPolicy(QQuickWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        profile.setPersistentPermissionsPolicy(QQuickWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime)
        profile.setPushServiceEnabled(False)
        profile.setSpellCheckEnabled(False)
        profile.setHttpAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.8")
        if self._download_dir is None:
            self._download_dir = tempfile.mkdtemp(prefix="kiosk-web-downloads-")
        profile.setDownloadPath(self._download_dir)
        profile.setUrlRequestInterceptor(self._gate)
        profile.downloadRequested.connect(self._refuse_download)
        return profile

    def _get_profile(self) -> Any:
        if self._profile is None:
            self._profile = self._make_profile()
        return self._profile

    profile = Property(QObject, _get_profile, notify=profileChanged)

    def _refuse_download(self, download: Any) -> None:  # a QWebEngineDownloadRequest
        download.cancel()
        self.downloads_refused += 1
        host = host_of(download.url().toString())
        event(log, "web_download_refused", logging.INFO, "the kiosk keeps no files", host=host)
        self.downloadRefused.emit(host)

    @Slot(result=float)
    def endSession(self) -> float:  # noqa: N802 - QML name
        """Wipe the session: views drop their pages, the profile is dropped, a fresh one is made on
        next use. Returns the milliseconds spent here; ``sessionEnded`` says when the old profile is gone."""
        started = self._clock()
        old, self._profile = self._profile, None
        self.sessionEnding.emit()
        if old is None:
            self.last_wipe_ms = (self._clock() - started) * 1000
            self.sessionEnded.emit(self.last_wipe_ms)
            return self.last_wipe_ms
        old.cookieStore().deleteAllCookies()  # belt and braces: the profile goes anyway
        old.clearHttpCache()
        old.destroyed.connect(lambda: self._wiped(started))
        old.deleteLater()  # after the views' own deferred deletes, posted by sessionEnding's handlers
        self.profileChanged.emit()
        return (self._clock() - started) * 1000

    def _wiped(self, started: float) -> None:
        self.last_wipe_ms = (self._clock() - started) * 1000
        event(log, "web_session_wiped", logging.INFO, wipe_ms=round(self.last_wipe_ms, 1))
        try:
            self.sessionEnded.emit(self.last_wipe_ms)
        except RuntimeError:  # the application is going and took this object with it
            pass

    @Slot(str, "QVariantList", result=int)
    def registerView(self, start_url: str, allow: list) -> int:  # noqa: N802 - QML name
        self._get_profile()  # the gate comes with the profile
        return self._gate.add_view(start_url, tuple(str(a) for a in allow))

    @Slot(int)
    def unregisterView(self, token: int) -> None:  # noqa: N802 - QML name
        if self._gate is not None:
            self._gate.remove_view(token)

    @Slot(str, str, "QVariantList", bool, result="QVariantMap")
    def decide(self, url: str, start_url: str, allow: list, main_frame: bool) -> dict:
        return decide(url, start_url, tuple(str(a) for a in allow), main_frame).as_map()

    @Slot(str, int, str, result=bool)
    def permits(self, origin: str, permission_type: int, media_origin: str) -> bool:
        """Camera and microphone for the view's media origin (Acceo), exactly; nothing else, ever."""
        from PySide6.QtWebEngineCore import QWebEnginePermission

        try:
            kind = QWebEnginePermission.PermissionType(permission_type)
        except ValueError:
            return False
        wanted = _origin_of(media_origin)
        granted = bool(wanted) and kind.name in MEDIA_PERMISSIONS and _origin_of(origin) == wanted
        event(log, "web_permission", logging.INFO, origin=_origin_of(origin)[:200], type=kind.name, granted=granted)
        if granted:
            self.permissions_granted.append((_origin_of(origin), kind.name))
            del self.permissions_granted[:-32]
        return granted

    @Slot(str, result=str)
    def hostOf(self, url: str) -> str:  # noqa: N802 - QML name
        return host_of(url)

    @Slot(str, result=str)
    def qrCode(self, text: str) -> str:  # noqa: N802 - QML name
        return qr_svg_data_url(text)
