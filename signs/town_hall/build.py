"""What the town_hall view draws, built in the Jobs pool: the tiles, the agenda and the news read
through the content cache (ETag revalidation, the cached copy when offline), a QR code per entry,
the info pages, the map, the Acceo page. A feed that cannot be had or is refused is said on its
page ("actualités momentanément indisponibles"), never a blank screen; the rest still shows."""

from datetime import datetime

from common.clock import Clock
from common.terminal import printable
from media.feeds.ical import parse_agenda
from media.feeds.news import FeedRefused, parse_news
from media.qr import render_qr_png
from media.sources import SourceUnavailable, obtain
from signs.legal_acts.kind import resolve as acts_resolve
from signs.resolution import Descriptor, ResolveContext, derived_file, file_url
from signs.town_hall.acceo_config import ACCEO_ORIGIN
from signs.town_hall.acceo_hours import hours_lines
from signs.town_hall.display import event_when, published
from signs.town_hall.item import TownHallItem

FEED_MAX_BYTES = 2 * 1024 * 1024
QR_PX = 300


def qr_file(ctx: ResolveContext, data: str) -> str:
    if not data:
        return ""
    path = derived_file(ctx.cache, f"qr:{data}:#000000:#ffffff:{QR_PX}",
                        lambda out: render_qr_png(data, out.with_suffix(".png"), QR_PX, "#000000", "#ffffff"), ctx.protected)
    return file_url(path)


def _read(src: str, ctx: ResolveContext) -> tuple[bytes | None, str]:
    try:
        return obtain(src, ctx.base_dir, ctx.cache, ctx.protected, max_bytes=FEED_MAX_BYTES).path.read_bytes(), ""
    except (SourceUnavailable, OSError) as exc:
        return None, printable(str(exc), 300)


def agenda(item: TownHallItem, ctx: ResolveContext, now: datetime) -> tuple[list[dict], str]:
    if item.agenda_url is None:
        return [], ""
    body, problem = _read(item.agenda_url, ctx)
    if body is None:
        return [], problem
    try:
        events, _skipped = parse_agenda(body, now)
    except FeedRefused as exc:
        return [], printable(str(exc), 300)
    entries = []
    for event in events:
        fr, en = event_when(event.starts, event.ends, event.all_day)
        entries.append({"title": event.title, "when_fr": fr, "when_en": en, "location": event.location, "summary": event.summary,
                        "link": event.link, "qr": qr_file(ctx, event.link), "recurring": event.recurring})
    return entries, ""


def news(item: TownHallItem, ctx: ResolveContext) -> tuple[list[dict], str]:
    if item.news_url is None:
        return [], ""
    body, problem = _read(item.news_url, ctx)
    if body is None:
        return [], problem
    try:
        feed = parse_news(body)
    except FeedRefused as exc:
        return [], printable(str(exc), 300)
    entries = []
    for entry in feed.entries:
        fr, en = published(entry.published)
        entries.append({"title": entry.title, "summary": entry.summary, "when_fr": fr, "when_en": en, "link": entry.link,
                        "qr": qr_file(ctx, entry.link)})
    return entries, ""


def acceo(item: TownHallItem, ctx: ResolveContext) -> dict:
    config = item.acceo
    if config is None:
        return {}
    c = config.contacts
    return {"page": config.page_url, "origin": ACCEO_ORIGIN, "qr": qr_file(ctx, config.page_url), "hours": hours_lines(config),
            "call_from_kiosk": config.call_from_kiosk, "phone": c.phone, "sms": c.sms, "email": c.email,
            "desk_fr": c.desk_fr, "desk_en": c.desk_en}


def legal_acts(item: TownHallItem, size_px: tuple[int, int], ctx: ResolveContext, clock: Clock) -> Descriptor | None:
    """The catalogue of acts, built as a legal_acts item is (its PDFs checked, its journal kept)."""
    if item.legal_acts is None:
        return None
    return acts_resolve(item.legal_acts, size_px, ctx, clock).descriptor


def describe_town_hall(item: TownHallItem, ctx: ResolveContext, now: datetime, token: str) -> Descriptor:
    agenda_entries, agenda_problem = agenda(item, ctx, now)
    news_entries, news_problem = news(item, ctx)
    map_url = ""
    if item.map_image is not None:
        try:
            map_url = file_url(obtain(item.map_image, ctx.base_dir, ctx.cache, ctx.protected).path)
        except SourceUnavailable:
            map_url = ""
    return {"session": token, "title_fr": item.title_fr, "title_en": item.title_en, "font_family": ctx.font_family,
            "tiles": [{**tile.model_dump(), "qr": qr_file(ctx, tile.url or "")} for tile in item.tiles],
            "agenda": agenda_entries, "agenda_problem": agenda_problem,
            "news": news_entries, "news_problem": news_problem, "info": [page.model_dump() for page in item.info_pages],
            "map": map_url, "acceo": acceo(item, ctx), "warning_s": item.warning_s}
