"""The town-hall kiosk in the real runtime: its agenda polled over loopback HTTP (ETag), a hostile news
feed refused and logged with its reason, the home drawn; no QML warning (the autouse fixture)."""

import json
from pathlib import Path

from PySide6.QtGui import QImage

from signs.town_hall.samples import AGENDA, write_sample_town_hall
from tests.support.http import Route
from tests.support.kiosk_process import KioskProcess


def test_a_town_hall_screen_settles_and_logs_a_refused_feed(tmp_path: Path, http_server):
    item = write_sample_town_hall(tmp_path)
    http_server.routes["/agenda.ics"] = Route(AGENDA.encode(), content_type="text/calendar")
    http_server.routes["/news.xml"] = Route(b'<!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>', content_type="application/rss+xml")
    item.update(agenda_url=f"{http_server.url}/agenda.ics", news_url=f"{http_server.url}/news.xml")
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "hall", "screen": {"width": 1280, "height": 720},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 1280, "height": 720, "playlist": [item]}]}))
    out = tmp_path / "shot.png"
    kiosk = KioskProcess(["snapshot", str(layout), "--out", str(out), "--data-dir", str(tmp_path / "data")], tmp_path)
    assert kiosk.wait_exit(90) == 0
    assert kiosk.named("item_shown", kind="town_hall")
    refused = kiosk.named("town_hall_feed_refused")
    assert refused and refused[0]["feed"] == "news" and "DTD" in refused[0]["msg"]
    assert [path for path, _ in http_server.stats.requests if path == "/agenda.ics"]
    image = QImage(str(out))
    assert image.width() == 1280 and image.pixelColor(5, 5).name() == "#f4f6fa"  # the kiosk's paper, not a blank region


def test_an_alert_takes_over_the_kiosk_but_leaves_its_help_and_acceo_bar(tmp_path: Path):
    """The takeover covers the screen above the bar; the bar (home, help, Acceo) stays usable."""
    from datetime import UTC, datetime, timedelta

    from tests.support.cap import cap
    from tests.support.mosquitto import Mosquitto, publish

    broker = Mosquitto(tmp_path).start()
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "hall", "screen": {"width": 1280, "height": 720},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 1280, "height": 720,
                                               "playlist": [write_sample_town_hall(tmp_path)]}]}))
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(tmp_path / "data"),
                          "--alert-mqtt", broker.url, "--screenshot-dir", str(tmp_path / "shots"), "--screenshot-every", "0.5"],
                         tmp_path)
    try:
        kiosk.wait_event("item_shown", kind="town_hall", timeout_s=60)
        kiosk.wait_event("alert_mqtt_connected", timeout_s=30)
        now = datetime.now(UTC)
        zone = "<geocode><valueName>INSEE</valueName><value>13047</value></geocode>"
        publish(broker.port, "istres/alerts/cap",
                cap("evac-hall", sent=now, expires=now + timedelta(minutes=5), headline="Évacuation de la mairie", area=zone))
        drawn = kiosk.wait_event("alert_drawn", kind="shown", timeout_s=20)["t"]
        kiosk.wait_for(lambda events: any(e.get("event") == "screenshot_saved" and e["grabbed_mono"] > drawn for e in events),
                       30, "a screenshot")
        shot = QImage(next(e["path"] for e in kiosk.named("screenshot_saved") if e["grabbed_mono"] > drawn))
        takeover = shot.pixelColor(5, 5).name()
        assert takeover == "#8a1000"  # severe: the takeover covers the kiosk's pages
        bar = {shot.pixelColor(x, 715).name() for x in range(0, 1280, 40)}
        assert takeover not in bar, "the bar at the bottom (home, help, Acceo) is not covered"
    finally:
        assert kiosk.stop() == 0
        broker.stop()
