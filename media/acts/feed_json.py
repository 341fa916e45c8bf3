"""Reads a JSON acts feed into acts and problems: each entry checked on its own, the good ones kept."""

import json
from datetime import date
from typing import Any

from pydantic import ValidationError

from common.terminal import quoted
from media.acts.feed_schema import ActEntry, ActsFeed, DocumentEntry
from media.acts.model import Act, Author, Document, Window, window_problems
from media.acts.problems import ActProblem, FeedRefused

MAX_FEED_BYTES = 16 * 1024 * 1024


def parse_acts_feed(body: bytes, source: str) -> tuple[list[Act], list[ActProblem]]:
    """Raises FeedRefused only when the document as a whole cannot be read."""
    if len(body) > MAX_FEED_BYTES:
        raise FeedRefused(f"{source}: the feed is {len(body)} bytes, over the {MAX_FEED_BYTES}-byte limit")
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FeedRefused(f"{source}: not a JSON document ({type(exc).__name__}: {str(exc)[:200]})") from None
    try:
        feed = ActsFeed.model_validate(document)
    except (ValidationError, RecursionError) as exc:
        raise FeedRefused(f"{source}: not an acts feed: {_first_error(exc)}") from None
    acts, problems = [], []
    for index, raw in enumerate(feed.acts):
        where = f"{source}: $.acts[{index}]"
        try:
            entry = ActEntry.model_validate(raw)
        except (ValidationError, RecursionError) as exc:
            problems += _entry_problems(where, exc)
            continue
        act = act_from_entry(entry, source)
        found = window_problems(act, f"{where} (act {quoted(act.id, 64)})")
        if not found and act.pdf.sha256 is None:
            found.append(ActProblem(where, "the pdf needs its sha256: a screen shows only the file the act names"))
        problems += found
        if not found:
            acts.append(act)
    return acts, problems


def _document(entry: DocumentEntry) -> Document:
    return Document(entry.src, entry.sha256, entry.pages, entry.title)


def act_from_entry(entry: ActEntry, source: str) -> Act:
    display = entry.display
    until = display.until if isinstance(display.until, date) else None
    return Act(id=entry.id, category=entry.category, title=entry.title, number=entry.number,
               author=Author(entry.author.first_name, entry.author.name, entry.author.capacity),
               adopted_on=entry.adopted_on, online_on=entry.online_on, window=Window(display.from_, until, display.decided_on),
               pdf=_document(entry.pdf), annexes=tuple(_document(a) for a in entry.annexes),
               website_url=entry.website_url, source=source)


def _location(loc: tuple[Any, ...]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def _entry_problems(where: str, exc: Exception) -> list[ActProblem]:
    if not isinstance(exc, ValidationError):
        return [ActProblem(where, "nested too deeply")]
    return [ActProblem(f"{where}{_location(e['loc'])}", e["msg"]) for e in exc.errors(include_url=False)[:10]]


def _first_error(exc: Exception) -> str:
    if not isinstance(exc, ValidationError):
        return "nested too deeply"
    error = exc.errors(include_url=False)[0]
    return f"${_location(error['loc'])}: {error['msg']}"
