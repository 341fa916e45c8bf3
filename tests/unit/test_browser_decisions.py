"""The locked-down browser's navigation decisions (pure): what loads, what goes to the visitor's
phone as a QR code, what is refused and why."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.browser.decisions import MAX_TARGET_CHARS, Decision, decide, host_of
from kiosk.browser.qr import qr_svg_data_url

START = "https://www.istres.fr/demarches"
ALLOW = ("*.istres.fr", "www.service-public.fr")


@pytest.mark.parametrize(("url", "main", "verdict", "reason"), [
    ("https://www.istres.fr/agenda", True, "load", ""),
    ("https://rdv.istres.fr/", True, "load", ""),
    ("https://www.service-public.fr/particuliers", True, "load", ""),
    ("https://service-public.fr/", True, "refuse", "outside"),
    ("https://evil.example/", True, "refuse", "outside"),
    ("https://evil.example/", False, "refuse", "frame-outside"),
    ("about:blank", False, "load", ""),  # a frame's own empty document
    ("about:srcdoc", False, "load", ""),
    ("about:blank", True, "refuse", "scheme"),  # but never the whole view
    ("file:///etc/passwd", True, "refuse", "scheme"),
    ("data:text/html,<h1>x</h1>", True, "refuse", "scheme"),
    ("javascript:alert(1)", True, "refuse", "scheme"),
    ("JaVaScRiPt:alert(1)", True, "refuse", "scheme"),
    ("blob:https://www.istres.fr/1234", True, "refuse", "scheme"),
    ("chrome://settings", True, "refuse", "scheme"),
    ("view-source:https://www.istres.fr/", True, "refuse", "scheme"),
    ("intent://scan/#Intent;scheme=zxing;end", True, "refuse", "scheme"),
    ("mailto:", True, "refuse", "external-empty"),
    ("mailto:mairie@istres.fr", False, "refuse", "external-in-frame"),
    ("https://www.istres.fr:99999/", True, "refuse", "outside"),
    ("https://[::1/", True, "refuse", "outside"),
    ("https://www.istres.fr/" + "a" * 9000, True, "refuse", "too-long"),
])
def test_decisions(url, main, verdict, reason):
    decision = decide(url, START, ALLOW, main)
    assert (decision.verdict, decision.reason) == (verdict, reason)


@pytest.mark.parametrize(("url", "scheme", "target"), [
    ("mailto:mairie@istres.fr?subject=Bonjour", "mailto", "mairie@istres.fr"),
    ("tel:+33442552000", "tel", "+33442552000"),
    ("TEL:%2B33%204%2042", "tel", "+33 4 42"),
    ("sms:+33600000000?body=hi", "sms", "+33600000000"),
    ("mailto:a%1b%5b2Jb@x.fr", "mailto", "a[2Jb@x.fr"),  # an escape sequence never reaches the screen
])
def test_mail_phone_and_sms_go_to_the_visitors_phone(url, scheme, target):
    assert decide(url, START, ALLOW) == Decision("external", scheme=scheme, target=target)


def test_a_long_external_target_is_cut():
    assert len(decide("mailto:" + "a" * 5000 + "@x.fr", START, ALLOW).target) == MAX_TARGET_CHARS


def test_qr_codes_for_targets_and_nothing_for_what_does_not_fit():
    assert qr_svg_data_url("mailto:mairie@istres.fr").startswith("data:image/svg+xml;base64,")
    assert qr_svg_data_url("") == "" and qr_svg_data_url("x" * 600) == ""


@settings(max_examples=300, deadline=200)
@given(st.text(max_size=300), st.booleans())
def test_any_url_gets_a_decision_and_only_http_loads(url, main):
    started = time.monotonic()
    decision = decide(url, START, ALLOW, main)
    assert decision.verdict in ("load", "external", "refuse")
    if decision.verdict == "load":
        assert url.lower().startswith(("http://", "https://")) or (not main and url in ("about:blank", "about:srcdoc"))
    assert all(ch.isprintable() for ch in decision.target)
    assert len(host_of(url)) <= 253
    assert time.monotonic() - started < 0.2


@settings(max_examples=200, deadline=200)
@given(st.from_regex(r"https?://[a-z0-9.\-]{1,40}(:[0-9]{1,6})?/[ -~]{0,40}", fullmatch=True))
def test_an_http_url_loads_only_on_the_start_origin_or_the_allow_list(url):
    decision = decide(url, START, ALLOW)
    host = host_of(url)
    allowed = host.endswith(".istres.fr") or host == "www.service-public.fr"
    if decision.verdict == "load":
        assert allowed or url.startswith("https://www.istres.fr/") or url.startswith("https://www.istres.fr:443/")


@pytest.mark.parametrize(("origin", "kind", "media_origin", "granted"), [
    ("https://app.acce-o.fr/", "MediaAudioVideoCapture", "https://app.acce-o.fr", True),
    ("https://app.acce-o.fr", "MediaVideoCapture", "https://app.acce-o.fr/client/istres", True),
    ("https://app.acce-o.fr:443/", "MediaAudioCapture", "https://app.acce-o.fr", True),
    ("https://APP.acce-o.fr/", "MediaAudioCapture", "https://app.acce-o.fr", True),
    ("https://app.acce-o.fr/", "Geolocation", "https://app.acce-o.fr", False),
    ("https://app.acce-o.fr/", "Notifications", "https://app.acce-o.fr", False),
    ("https://app.acce-o.fr/", "DesktopVideoCapture", "https://app.acce-o.fr", False),
    ("https://app.acce-o.fr/", "ClipboardReadWrite", "https://app.acce-o.fr", False),
    ("http://app.acce-o.fr/", "MediaAudioVideoCapture", "https://app.acce-o.fr", False),  # other scheme
    ("https://app.acce-o.fr:8443/", "MediaAudioVideoCapture", "https://app.acce-o.fr", False),  # other port
    ("https://app.acce-o.fr.evil.example/", "MediaAudioVideoCapture", "https://app.acce-o.fr", False),
    ("https://app.acce-o.fr@evil.example/", "MediaAudioVideoCapture", "https://app.acce-o.fr", False),
    ("https://www.istres.fr/", "MediaAudioVideoCapture", "https://app.acce-o.fr", False),
    ("https://app.acce-o.fr/", "MediaAudioVideoCapture", "", False),  # no media origin: nobody
    ("https://[::1/", "MediaAudioVideoCapture", "https://[::1/", False),
])
def test_camera_and_microphone_only_for_the_media_origin(origin, kind, media_origin, granted):
    from PySide6.QtWebEngineCore import QWebEnginePermission

    from kiosk.browser.sessions import WebSessions

    sessions = WebSessions()
    value = getattr(QWebEnginePermission.PermissionType, kind).value
    assert sessions.permits(origin, value, media_origin) is granted
    assert sessions.permits(origin, 12345, media_origin) is False  # an unknown kind
