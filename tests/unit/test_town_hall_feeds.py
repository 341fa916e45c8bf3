"""The agenda (iCalendar) and news (RSS/Atom) parsers: recurrences expanded in Europe/Paris, plain
text out, hostile documents refused with a reason (FeedRefused, nothing else), time bounded."""

import time
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from media.feeds.ical import MAX_OCCURRENCES, parse_agenda
from media.feeds.news import MAX_ENTRIES, FeedRefused, parse_news
from signs.town_hall.display import event_when
from signs.town_hall.samples import AGENDA, NEWS

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def ics(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\n" + "".join(events) + "END:VCALENDAR\r\n").encode()


def vevent(uid: str, lines: str) -> str:
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\n{lines}END:VEVENT\r\n"


def test_the_demo_agenda_expands_its_weekly_events_in_paris_time():
    events, skipped = parse_agenda(AGENDA.encode(), NOW)
    markets = [e for e in events if e.title == "Marché provençal"]
    assert skipped == 0 and len(markets) == 9 and all(e.recurring for e in markets)
    assert markets[0].starts.isoformat() == "2026-11-28T08:00:00+01:00" and markets[0].starts.weekday() == 5
    tales = [e.starts.date().isoformat() for e in events if e.title.startswith("Heure du conte")]
    assert "2026-12-02" not in tales and "2026-12-09" in tales  # EXDATE honoured
    christmas = next(e for e in events if e.title == "Village de Noël")
    assert christmas.all_day and event_when(christmas.starts, christmas.ends, True) == (
        "du samedi 12 décembre au mercredi 23 décembre", "Saturday 12 December to Wednesday 23 December")
    council = next(e for e in events if e.title == "Conseil municipal")
    assert event_when(council.starts, council.ends, False) == ("jeudi 3 décembre, 18 h – 21 h", "Thursday 3 December, 6 pm – 9 pm")
    assert [e.starts for e in events] == sorted(e.starts for e in events)


def test_summer_time_events_keep_their_paris_hour():
    events, _ = parse_agenda(ics(vevent("a", "DTSTART;TZID=Europe/Paris:20260101T180000\r\nRRULE:FREQ=MONTHLY\r\nSUMMARY:Permanence\r\n")),
                             datetime(2026, 3, 1, tzinfo=UTC))
    assert [e.starts.hour for e in events] == [18, 18] and events[1].starts.utcoffset().seconds == 7200


def test_a_rule_more_frequent_than_daily_is_skipped_and_the_rest_bounded():
    body = ics(vevent("fast", "DTSTART:20260101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:spam\r\n"),
               vevent("daily", "DTSTART:20260101T080000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Tous les jours\r\n"))
    started = time.monotonic()
    events, skipped = parse_agenda(body, NOW)
    assert skipped >= 1 and len(events) == MAX_OCCURRENCES and time.monotonic() - started < 2


def test_texts_are_plain_and_links_only_http():
    events, _ = parse_agenda(ics(vevent("x", "DTSTART:20261201T100000Z\r\nSUMMARY:<b>Bal</b>\\x1b[31m\r\n"
                                              "URL:javascript:alert(1)\r\nDESCRIPTION:a\\nb\r\n")), NOW)
    assert events[0].title == "Bal \\x1b[31m" and events[0].link == "" and "\n" not in events[0].summary


@pytest.mark.parametrize(("body", "reason"), [
    (b"BEGIN:VCALENDAR\r\n" + b"X" * (3 * 1024 * 1024), "over the"),
    (b"\xff\xfe BEGIN:VCALENDAR", "not UTF-8"),
    (b"<html>hello</html>", "does not start with BEGIN:VCALENDAR"),
    (b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\n" * 6000, "more than"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nEND:VCALENDAR\r\n", "iCalendar"),
])
def test_hostile_calendars_are_refused_with_a_reason(body, reason):
    with pytest.raises(FeedRefused, match=reason):
        parse_agenda(body, NOW)


def test_rss_and_atom_entries_newest_first_in_plain_text():
    feed = parse_news(NEWS.encode())
    assert feed.title == "Mon actu — Istres" and len(feed.entries) == 3
    assert feed.entries[0].summary.startswith("Du 30 novembre") and "<p>" not in feed.entries[0].summary
    atom = parse_news(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
                      b'<entry><title>Old</title><updated>2026-01-01T00:00:00Z</updated><link href="https://a.fr/1"/></entry>'
                      b'<entry><title>New</title><published>2026-06-01T10:00:00+02:00</published>'
                      b'<link rel="alternate" href="javascript:x"/><summary>s</summary></entry>'
                      b'<entry><title></title></entry></feed>')
    assert [e.title for e in atom.entries] == ["New", "Old"] and atom.skipped == 1
    assert atom.entries[0].link == "" and atom.entries[1].link == "https://a.fr/1"


def test_entries_are_bounded():
    items = "".join(f"<item><title>n{i}</title></item>" for i in range(200))
    feed = parse_news(f"<rss><channel><title>t</title>{items}</channel></rss>".encode())
    assert len(feed.entries) == MAX_ENTRIES and feed.skipped == 150


@pytest.mark.parametrize(("body", "reason"), [
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>', "DTD"),
    (b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>', "DTD"),
    (b"<rss><channel>", "not well-formed"),
    (b"<html/>", "must be <rss>"),
    (b"<rss/>", "no <channel>"),
    (b"<rss>" + b"<a>" * 60_000 + b"</a>" * 60_000 + b"</rss>", "elements|limit|XML"),
    (b"x" * (3 * 1024 * 1024), "over the"),
])
def test_hostile_news_is_refused_with_a_reason(body, reason):
    with pytest.raises(FeedRefused, match=reason):
        parse_news(body)


@given(st.binary(max_size=4000) | st.text(max_size=2000).map(lambda t: ("<rss><channel><item><title>" + t).encode()))
@settings(max_examples=200, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
def test_news_parser_only_refuses_with_feed_refused(body):
    try:
        parse_news(body)
    except FeedRefused:
        pass


ICAL_LINES = st.sampled_from(["DTSTART:20261201T100000Z", "DTSTART;VALUE=DATE:20261201", "DTSTART:99991231T000000Z", "DTEND:00010101T000000Z",
                              "RRULE:FREQ=DAILY;COUNT=999999999", "RRULE:FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=2", "RRULE:GARBAGE",
                              "EXDATE:20261202T100000Z", "RDATE:x", "SUMMARY:a", "DTSTART;TZID=Nowhere/Zone:20261201T100000",
                              "RECURRENCE-ID:20261203T100000Z", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VTIMEZONE", "X-\u0000:\u202e"])


@given(st.lists(ICAL_LINES | st.text(max_size=40), max_size=30))
@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
def test_agenda_parser_only_refuses_with_feed_refused(lines):
    body = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\n" + "\r\n".join(lines) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode("utf-8", "replace")
    started = time.monotonic()
    try:
        events, _ = parse_agenda(body, NOW)
        assert len(events) <= MAX_OCCURRENCES
    except FeedRefused:
        pass
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("rule", ["RRULE:FREQ=DAILY;BYMONTHDAY=31;BYMONTH=2", "RRULE:FREQ=MONTHLY;BYMONTHDAY=30,31;BYMONTH=2"])
def test_a_rule_that_never_occurs_is_refused_within_its_budget(rule):
    body = ics(*(vevent(f"e{i}", f"DTSTART:20261201T100000Z\r\n{rule}\r\nSUMMARY:never\r\n") for i in range(3)))
    started = time.monotonic()
    with pytest.raises(FeedRefused, match="take over"):
        parse_agenda(body, NOW)
    assert time.monotonic() - started < 2
