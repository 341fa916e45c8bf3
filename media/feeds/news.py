"""News from an RSS 2.0 or Atom 1.0 feed into typed, frozen entries, refusing anything else.

Hostile input is expected: the size is checked before parsing; ``defusedxml`` refuses any DTD, so no
entity is expanded and none fetched; the element count is bounded before anything is read; titles
and summaries are plain text (markup stripped, control characters dropped), clipped to their limit;
links must be http(s). An entry without a title is skipped (counted); a bad date makes the entry
undated rather than refusing the feed. Every refusal of the whole feed is a ``FeedRefused`` with
where and why; nothing else escapes.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

MAX_FEED_BYTES = 2 * 1024 * 1024
MAX_ELEMENTS = 50_000
MAX_ENTRIES = 50
MAX_TITLE = 200
MAX_SUMMARY = 600
MAX_LINK = 2048
ATOM = "{http://www.w3.org/2005/Atom}"
_TAGS = re.compile(r"<[^>]{0,2000}>")
_SPACES = re.compile(r"\s+")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " "}


class FeedRefused(ValueError):
    """The one refusal of the feed parsers: ``where`` is the place in the document, ``reason`` what is wrong."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True, slots=True)
class NewsEntry:
    title: str
    summary: str
    link: str  # http(s) or ""
    published: datetime | None  # aware UTC


@dataclass(frozen=True, slots=True)
class NewsFeed:
    title: str
    entries: tuple[NewsEntry, ...]
    skipped: int  # entries without a title or beyond MAX_ENTRIES


def plain(value: str | None, limit: int) -> str:
    """Outside text as one line of plain text: markup removed, control characters dropped, clipped."""
    if not value:
        return ""
    text = _TAGS.sub(" ", value[: limit * 8])
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_link(value: str | None) -> str:
    link = (value or "").strip()
    if len(link) > MAX_LINK or not link.lower().startswith(("http://", "https://")) or any(not ch.isprintable() or ch.isspace() for ch in link):
        return ""
    return link


def parse_xml(data: bytes, max_bytes: int, max_elements: int) -> Element:
    if not isinstance(data, bytes | bytearray):
        raise FeedRefused("document", f"bytes expected, not {type(data).__name__}")
    if len(data) > max_bytes:
        raise FeedRefused("document", f"{len(data)} bytes, over the {max_bytes}-byte limit: not parsed")
    try:
        root = SafeET.fromstring(bytes(data), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise FeedRefused("document", "has a DTD or entities: refused, nothing is expanded or fetched") from None
    except ParseError as exc:
        raise FeedRefused("document", f"not well-formed XML: {str(exc)[:200]}") from None
    except (ValueError, RecursionError, UnicodeError, OverflowError) as exc:
        raise FeedRefused("document", f"not readable XML: {type(exc).__name__}") from None
    for count, _element in enumerate(root.iter(), start=1):
        if count > max_elements:
            raise FeedRefused("document", f"more than {max_elements} elements")
    return root


def _date(value: str | None, rfc822: bool) -> datetime | None:
    if not value or len(value) > 64:
        return None
    try:
        when = parsedate_to_datetime(value.strip()) if rfc822 else datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _rss(channel: Element) -> tuple[list[NewsEntry], int]:
    entries, skipped = [], 0
    for item in channel.iter("item"):
        title = plain(item.findtext("title"), MAX_TITLE)
        if not title or len(entries) >= MAX_ENTRIES:
            skipped += 1
            continue
        entries.append(NewsEntry(title, plain(item.findtext("description"), MAX_SUMMARY), safe_link(item.findtext("link")),
                                 _date(item.findtext("pubDate"), rfc822=True)))
    return entries, skipped


def _atom_link(entry: Element) -> str:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return safe_link(link.get("href"))
    return ""


def _atom(feed: Element) -> tuple[list[NewsEntry], int]:
    entries, skipped = [], 0
    for entry in feed.findall(f"{ATOM}entry"):
        title = plain(entry.findtext(f"{ATOM}title"), MAX_TITLE)
        if not title or len(entries) >= MAX_ENTRIES:
            skipped += 1
            continue
        summary = entry.findtext(f"{ATOM}summary") or entry.findtext(f"{ATOM}content")
        when = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated")
        entries.append(NewsEntry(title, plain(summary, MAX_SUMMARY), _atom_link(entry), _date(when, rfc822=False)))
    return entries, skipped


def parse_news(data: bytes) -> NewsFeed:
    """An RSS 2.0 ``<rss><channel>`` or an Atom ``<feed>``, newest entries first."""
    root = parse_xml(data, MAX_FEED_BYTES, MAX_ELEMENTS)
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise FeedRefused("rss", "has no <channel>")
        title, (entries, skipped) = plain(channel.findtext("title"), MAX_TITLE), _rss(channel)
    elif root.tag == f"{ATOM}feed":
        title, (entries, skipped) = plain(root.findtext(f"{ATOM}title"), MAX_TITLE), _atom(root)
    else:
        raise FeedRefused(plain(root.tag, 60) or "document", "the root element must be <rss> (RSS 2.0) or <feed> in the Atom namespace")
    oldest = datetime.min.replace(tzinfo=UTC)
    entries.sort(key=lambda e: e.published or oldest, reverse=True)
    return NewsFeed(title, tuple(entries), skipped)
