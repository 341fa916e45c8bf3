"""Hostile pages that ask for devices, and pages that crash or never come: camera and microphone
only for the configured media origin (Acceo), nothing else ever; a crash reloads with a message;
a page that never loads offers to retry."""

import os
import signal
from pathlib import Path

import pytest

from tests.gui.browser.driver import wait_until


def shown(browser, kind: str, timeout_s: float = 5) -> bool:
    return wait_until(browser.app, lambda: browser.panel() == kind, timeout_s)


def titled(browser, start: str) -> bool:
    return wait_until(browser.app, lambda: browser.title().startswith(start), 5)


def test_camera_and_microphone_are_refused_to_any_other_origin(fresh):
    fresh.attack("media.html", media_origin=fresh.server.outside)
    assert titled(fresh, "refused")
    assert shown(fresh, "permission") and fresh.sessions.permissions_granted == [] and fresh.escapes() == []


def test_camera_and_microphone_are_refused_without_a_media_origin(fresh):
    fresh.attack("media.html")
    assert titled(fresh, "refused") and fresh.sessions.permissions_granted == []


def test_camera_and_microphone_are_granted_to_the_media_origin(fresh):
    fresh.attack("media.html", media_origin=fresh.server.home)
    assert titled(fresh, "GRANTED 2")
    assert {kind for _, kind in fresh.sessions.permissions_granted} <= {"MediaAudioVideoCapture", "MediaAudioCapture", "MediaVideoCapture"}
    assert fresh.sessions.permissions_granted and fresh.escapes() == []
    assert fresh.view.property("mediaGranted") is True  # the sign pauses its idle timer during the call
    fresh.view.goHome()
    assert wait_until(fresh.app, lambda: fresh.view.property("mediaGranted") is False, 5)


def test_an_iframe_of_another_origin_gets_no_camera_from_the_media_origin(fresh):
    fresh.attack("media_other.html", tap=False, media_origin=fresh.server.home)
    assert wait_until(fresh.app, lambda: any(e.startswith("refused frame-outside") for e in fresh.events()), 5)
    assert fresh.sessions.permissions_granted == [] and fresh.escapes() == []


def test_geolocation_is_refused(fresh):
    fresh.attack("geolocation.html")
    assert titled(fresh, "refused 1") and shown(fresh, "permission") and fresh.escapes() == []


def test_notifications_are_refused(fresh):
    fresh.attack("notifications.html")
    assert titled(fresh, "perm denied") and fresh.escapes() == []


def test_the_clipboard_is_refused(fresh):
    fresh.attack("clipboard.html")
    assert titled(fresh, "refused") and fresh.escapes() == []


def renderer_pids() -> list[int]:
    """The render processes of this test process only: QtWebEngine's zygote is our child, and the
    renderers are the zygote's children (the view's renderProcessPid reads 0 under --no-sandbox)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    zygotes = {pid for pid, parent in parents.items() if parent == os.getpid()}
    return [pid for pid, parent in parents.items() if parent in zygotes]


def test_a_renderer_crash_reloads_the_page_with_a_message(fresh):
    fresh.open("crash_me.html")
    pids = renderer_pids()
    assert pids, "no render process of this test found"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    assert shown(fresh, "crash")
    assert wait_until(fresh.app, lambda: fresh.panel() == "" and fresh.loaded("crash_me.html"), 10)
    assert fresh.escapes() == []


def test_a_page_that_never_loads_offers_to_retry(fresh):
    fresh.open("hang", timeout_s=1, wait=False)
    assert shown(fresh, "timeout", 6)
    fresh.tap_object("panelPrimary")  # "Réessayer": loads again, and the retry panel comes back
    assert shown(fresh, "timeout", 6)
    assert fresh.escapes() == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_panels_speak_the_language_of_the_screen(fresh, language):
    fresh.accessibility.language = language
    try:
        fresh.open("index.html")
        fresh.js(f"location.href = '{fresh.server.outside}/landing.html'; 1")
        assert shown(fresh, "outside")
        text = fresh.panel_text()
        assert text == {"fr": "Cette page n'est pas disponible sur la borne.", "en": "This page is not available on this kiosk."}[language]
    finally:
        fresh.accessibility.language = "fr"


def test_a_touch_on_the_page_is_visitor_activity_and_still_reaches_the_page(fresh):
    fresh.open("index.html")
    fresh.js("document.onclick = () => document.title = 'touched'; 1")
    fresh.tap(300, 300)
    assert "activity" in fresh.events()
    assert titled(fresh, "touched")


def test_home_and_back_are_the_visitors_way_around(fresh):
    fresh.open("index.html")
    fresh.settle(0.2)
    fresh.tap(300, 150)  # a real touch: Chromium skips history entries no visitor made
    assert wait_until(fresh.app, lambda: fresh.loaded("second.html"), 5)
    assert fresh.view.property("web").property("canGoBack") is True
    fresh.view.back()
    assert wait_until(fresh.app, lambda: fresh.loaded("index.html"), 5)
    fresh.js("location.href = '/second.html'; 1")
    assert wait_until(fresh.app, lambda: fresh.loaded("second.html"), 5)
    fresh.view.goHome()
    assert wait_until(fresh.app, lambda: fresh.loaded("index.html"), 5)


def test_a_tile_opens_its_start_page_once_with_no_history_before_it(fresh):
    fresh.open("index.html")
    assert fresh.js("history.length") == 1
    assert [s.path for s in fresh.server.seen].count("/index.html") == 1
