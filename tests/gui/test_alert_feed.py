"""The polled CAP feed: an Atom index on a real loopback server, its messages fetched once each,
the index revalidated with its ETag, a hostile message refused without touching what is shown."""

import logging

from common.clock import SystemClock
from kiosk.alerts import AlertCenter
from kiosk.alerts_sources import FeedPoller
from kiosk.jobs import Jobs
from media.feeds.cap_area import ScreenPlace
from tests.support.cap import now_message
from tests.support.http import Route

HOSTILE = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert>&x;</alert>'


def index(*paths: str) -> bytes:
    entries = "".join(f'<entry><id>{p}</id><link rel="related" type="application/cap+xml" href="{p}"/></entry>' for p in paths)
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>MeteoAlarm</title>{entries}</feed>'.encode()


def test_feed_poll_takes_new_messages_once(qtbot, http_server, tmp_path, caplog):
    http_server.routes["/index"] = Route(index("/cap/1", "/cap/evil"), content_type="application/atom+xml")
    http_server.routes["/cap/1"] = Route(now_message("meteo-1", headline="Vigilance orange orages"))
    http_server.routes["/cap/evil"] = Route(HOSTILE)
    jobs = Jobs(max_threads=2)
    center = AlertCenter(ScreenPlace(), SystemClock(), tmp_path)
    poller = FeedPoller(center, jobs, f"{http_server.url}/index", every_s=3600)
    with caplog.at_level(logging.INFO, logger="kiosk.alerts"):
        poller.start()
        qtbot.waitUntil(lambda: center.display["active"], timeout=5000)
        qtbot.waitUntil(lambda: any(getattr(r, "event", "") == "alert_refused" for r in caplog.records), timeout=5000)
    assert center.display["alertId"] == "meteo-1" and center.status()[0]["source"].startswith("feed http://")
    refused = next(r for r in caplog.records if getattr(r, "event", "") == "alert_refused")
    assert "DTD" in refused.getMessage()
    qtbot.waitUntil(lambda: not poller._busy, timeout=5000)
    poller.poll()  # unchanged index: a 304, and no message fetched again
    qtbot.waitUntil(lambda: not poller._busy, timeout=5000)
    paths = [path for path, _headers in http_server.stats.requests]
    assert paths.count("/index") == 2 and paths.count("/cap/1") == 1
    assert "If-None-Match" in dict(http_server.stats.requests[-1][1]) or "if-none-match" in {
        k.lower() for k in http_server.stats.requests[-1][1]}
    cancel = now_message("meteo-1-cancel", msg_type="Cancel", references="securite-civile@istres.fr,meteo-1,2026-01-01T00:00:00+00:00")
    http_server.routes["/cap/2"] = Route(cancel)
    http_server.routes["/index"] = Route(index("/cap/2", "/cap/1", "/cap/evil"), content_type="application/atom+xml")
    poller.poll()
    qtbot.waitUntil(lambda: not center.display["active"], timeout=5000)
    poller.stop()
    center.stop()
    assert jobs.wait_idle(5000)
