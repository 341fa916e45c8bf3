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
