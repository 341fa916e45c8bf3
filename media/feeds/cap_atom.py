"""An Atom index of CAP messages (as MeteoAlarm publishes for France): the messages' addresses.

Each ``<entry>`` links to its CAP message (``type="application/cap+xml"``, else its ``alternate``
link). Parsed with ``defusedxml`` like the messages; at most ``MAX_ENTRIES`` addresses, http(s) only,
resolved against the index's own address. ``CapRefused`` is the only refusal.
"""

from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from media.feeds.cap_model import CapRefused

ATOM = "{http://www.w3.org/2005/Atom}"
MAX_INDEX_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 50
MAX_URL_CHARS = 2000


def cap_links(data: bytes, index_url: str) -> list[str]:
    """The CAP messages' addresses listed by the index, newest first as the index orders them."""
    if len(data) > MAX_INDEX_BYTES:
        raise CapRefused("feed", f"{len(data)} bytes, over the {MAX_INDEX_BYTES}-byte limit")
    try:
        root = SafeET.fromstring(bytes(data), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise CapRefused("feed", f"refused: {type(exc).__name__} (no DTD or entity is taken)") from None
    except (ParseError, ValueError, RecursionError, UnicodeError) as exc:
        raise CapRefused("feed", f"not well-formed XML: {str(exc)[:200]}") from None
    if root.tag != f"{ATOM}feed":
        raise CapRefused(root.tag[:80], "the root element must be an Atom <feed>")
    links = []
    for index, entry in enumerate(root.findall(f"{ATOM}entry")[:MAX_ENTRIES]):
        link = _entry_link(entry)
        if link is None:
            continue
        url = urljoin(index_url, link)
        if len(url) > MAX_URL_CHARS or urlsplit(url).scheme not in ("http", "https"):
            raise CapRefused(f"feed/entry[{index}]/link", f"{url[:80]!r} is not an http(s) address")
        if url not in links:
            links.append(url)
    return links


def _entry_link(entry: Element) -> str | None:
    links = entry.findall(f"{ATOM}link")
    for wanted in (lambda l: l.get("type", "").startswith("application/cap+xml"),  # noqa: E741
                   lambda l: l.get("rel", "alternate") == "alternate"):  # noqa: E741
        for link in links:
            if wanted(link) and link.get("href"):
                return link.get("href", "").strip()
    return None
