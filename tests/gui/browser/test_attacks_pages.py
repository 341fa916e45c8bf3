"""Hostile pages that try to trap the visitor or take something away: dialogs, downloads, files,
other apps (mail, phone), print, full screen, the context menu and dropped links."""

import warnings

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication

from tests.gui.browser.driver import wait_until


def shown(browser, kind: str) -> bool:
    return wait_until(browser.app, lambda: browser.panel() == kind, 5)


@pytest.fixture
def other_apps(qapp):
    """Anything handed to the system (a mail client, a dialer) lands here instead of opening."""
    opened: list[str] = []

    class Recorder(QDesktopServices):
        pass

    from PySide6.QtCore import QObject, Slot

    class Sink(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url.toString())

    sink = Sink()
    for scheme in ("mailto", "tel", "sms", "intent", "file"):
        QDesktopServices.setUrlHandler(scheme, sink, "open")
    yield opened
    for scheme in ("mailto", "tel", "sms", "intent", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_a_huge_alert_is_shown_cut_short_and_answered(fresh):
    fresh.attack("alert_huge.html")
    assert shown(fresh, "alert")
    detail = fresh.window.property("panelDetail")
    assert 0 < len(detail) <= 300
    fresh.tap_object("panelPrimary")
    assert wait_until(fresh.app, lambda: fresh.panel() == "", 3) and fresh.escapes() == []


def test_an_alert_loop_is_stopped(fresh):
    fresh.attack("alert_loop.html")
    for _ in range(8):
        if fresh.panel() != "alert":
            break
        fresh.tap_object("panelPrimary")
        fresh.settle(0.15)
    assert shown(fresh, "dialog-storm")
    assert fresh.escapes() == []
    fresh.tap_object("panelSecondary")  # "Accueil": the visitor is never stuck
    assert wait_until(fresh.app, lambda: fresh.loaded("alert_loop.html"), 5)


def test_a_prompt_loop_is_refused_without_typing(fresh):
    fresh.attack("prompt_loop.html", settle_s=1.0)
    assert shown(fresh, "dialog-storm") and fresh.escapes() == []


def test_a_confirm_that_leads_outside_is_refused_even_when_accepted(fresh):
    fresh.attack("confirm_out.html")
    assert shown(fresh, "confirm")
    fresh.tap_object("panelPrimary")
    assert wait_until(fresh.app, lambda: any(e.startswith("refused outside") for e in fresh.events()), 5)
    assert fresh.escapes() == []


def test_a_beforeunload_trap_does_not_hold_the_visitor(fresh):
    fresh.attack("beforeunload.html")
    assert wait_until(fresh.app, lambda: fresh.url().endswith("/second.html"), 5)
    fresh.view.goHome()
    assert wait_until(fresh.app, lambda: fresh.loaded("beforeunload.html"), 5)
    fresh.tap(300, 150)
    fresh.view.goHome()  # leaving by the kiosk's own "Accueil" is never held either
    assert wait_until(fresh.app, lambda: fresh.panel() in ("", "outside"), 5) and fresh.escapes() == []


@pytest.mark.parametrize("page", ["download_header.html", "download_attr.html", "download_blob.html"])
def test_downloads_are_refused_and_nothing_lands_on_disk(fresh, page):
    fresh.attack(page, settle_s=1.0)
    assert shown(fresh, "download")
    assert fresh.sessions.downloads_refused >= 1 and fresh.escapes() == []


def test_the_file_chooser_is_refused(fresh):
    fresh.attack("file_input.html")
    assert shown(fresh, "file") and fresh.escapes() == []


@pytest.mark.parametrize(("page", "scheme", "target"), [("mailto.html", "mailto", "mairie@istres.fr"),
                                                        ("tel.html", "tel", "+33442552000")])
def test_mail_and_phone_links_become_a_qr_code(fresh, other_apps, page, scheme, target):
    fresh.attack(page)
    assert shown(fresh, "external")
    assert f"external {scheme} {target}" in fresh.events()
    assert fresh.window.property("panelQr").startswith("data:image/svg+xml;base64,")
    assert other_apps == [] and fresh.escapes() == []


def test_an_app_intent_link_is_refused(fresh, other_apps):
    fresh.attack("intent.html")
    assert shown(fresh, "scheme") and other_apps == [] and fresh.escapes() == []


def test_full_screen_is_refused(fresh):
    fresh.attack("fullscreen.html")
    assert wait_until(fresh.app, lambda: fresh.title().startswith("refused"), 5)
    assert fresh.escapes() == []


def test_print_is_refused(fresh):
    fresh.attack("print_page.html")
    assert shown(fresh, "print") and fresh.escapes() == []


def test_the_context_menu_never_opens(fresh):
    fresh.open("context_menu.html")
    fresh.window.setProperty("events", [])
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    QTest.mouseClick(fresh.window, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 150))
    fresh.settle(0.5)
    fresh.window.setProperty("probe", "")
    fresh.window.setProperty("probe", "Menu")
    assert fresh.window.property("probeCount") == 0 and fresh.visible_windows() == 1 and fresh.escapes() == []


def drop_url(browser, url: str) -> None:
    """A real drag of a link from elsewhere, released on the page: enter, move, drop."""
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    mime.setText(url)
    at = QPointF(300, 400)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
    with warnings.catch_warnings():  # PySide6 marks the QPoint constructors deprecated; Qt 6 has no other
        warnings.simplefilter("ignore", DeprecationWarning)
        events = (QDragEnterEvent(at.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(at.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDropEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    for event in events:
        QGuiApplication.sendEvent(browser.window, event)
        browser.settle(0.1)
    browser.settle(0.8)


@pytest.mark.parametrize("where", ["outside", "home"])
def test_a_link_dropped_on_the_page_does_not_open(fresh, where):
    # With navigateOnDropEnabled, even an allowed page dropped here would open (measured): drops never navigate.
    fresh.open("drag_link.html")
    drop_url(fresh, getattr(fresh.server, where) + ("/landing.html" if where == "outside" else "/second.html"))
    assert fresh.url().endswith("/drag_link.html") and fresh.escapes() == []


def test_devtools_are_not_reachable(fresh):
    import os

    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    fresh.open("index.html")
    assert "QTWEBENGINE_REMOTE_DEBUGGING" not in os.environ
    assert "remote-debugging" not in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    assert fresh.window.property("hasDevTools") is False
    for key, mods in ((Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
        QTest.mouseClick(fresh.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
        QTest.keyClick(fresh.window, key, mods)
    fresh.settle(0.5)
    assert fresh.visible_windows() == 1 and fresh.escapes() == []
