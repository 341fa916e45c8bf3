"""The town hall's feeds through the content cache: the second read revalidates with ETag, and with the
server gone the cached agenda and news are still shown (offline)."""

from datetime import UTC, datetime
from pathlib import Path

from signs.town_hall.item import TownHallItem
from signs.town_hall.kind import resolve
from signs.town_hall.samples import AGENDA, NEWS, write_sample_town_hall
from signs.town_hall.stage import context_for
from tests.support.http import LoopbackServer, Route

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_etag_revalidation_then_offline_from_the_cache(tmp_path: Path):
    server = LoopbackServer().start()
    server.routes["/agenda.ics"] = Route(AGENDA.encode(), content_type="text/calendar")
    server.routes["/news.xml"] = Route(NEWS.encode(), content_type="application/rss+xml")
    item = write_sample_town_hall(tmp_path)
    item.update(agenda_url=f"{server.url}/agenda.ics", news_url=f"{server.url}/news.xml")
    model = TownHallItem.model_validate(item)
    ctx = context_for(tmp_path, tmp_path / "cache")
    try:
        first = resolve(model, (1920, 1080), ctx).descriptor
        second = resolve(model, (1920, 1080), ctx).descriptor
        agenda_requests = [headers for path, headers in server.stats.requests if path == "/agenda.ics"]
    finally:
        server.stop()
    assert len(agenda_requests) == 2 and "If-None-Match" in agenda_requests[1]
    offline = resolve(model, (1920, 1080), ctx).descriptor
    for descriptor in (first, second, offline):
        assert descriptor["agenda"] and descriptor["news"] and not descriptor["agenda_problem"] and not descriptor["news_problem"]
    assert offline["news"][0]["title"] == first["news"][0]["title"] and offline["news"][0]["qr"].startswith("file://")
