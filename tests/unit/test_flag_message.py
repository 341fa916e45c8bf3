"""The lifeguard post's flag message: known values only, who set it, a time within the window, in order."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from media.feeds.flag import FLAG_VALUES, Flag, FlagMessage, flag_is_news, parse_flag_message
from media.feeds.readings import PayloadRejected

NOW = datetime(2026, 7, 14, 13, 5, tzinfo=UTC)


def message(**fields) -> bytes:
    doc = {"flag": "yellow", "set_by": "Poste de secours", "set_at": "2026-07-14T15:00:00+02:00", **fields}
    return json.dumps({k: v for k, v in doc.items() if v is not ...}).encode()


def test_a_flag_message_becomes_a_flag():
    taken = parse_flag_message(message(flag=" RED "), NOW)
    assert taken == FlagMessage(Flag.RED, "Poste de secours", datetime(2026, 7, 14, 13, 0, tzinfo=UTC))
    assert taken.flag is Flag.RED and taken.flag == "red" and json.dumps(taken.flag) == '"red"'
    assert parse_flag_message(message(flag="none"), NOW).flag is Flag.NONE  # "no flag" must be said


@pytest.mark.parametrize(("fields", "cause"), [
    ({"flag": None}, "bad-flag"),  # null is not "no flag" (bathing not supervised)
    ({"flag": ...}, "bad-flag"),
    ({"flag": "orange"}, "bad-flag"),
    ({"flag": ["red"]}, "bad-flag"),
    ({"flag": True}, "bad-flag"),
    ({"set_by": None}, "missing-field"),
    ({"set_by": " \u202e\x1b "}, "missing-field"),
    ({"set_at": "2999-01-01T00:00:00Z"}, "bad-time"),
    ({"set_at": "2026-07-14T15:11:00+02:00"}, "from-the-future"),  # 6 minutes ahead
    ({"set_at": "2026-07-12T15:00:00+02:00"}, "too-old"),
    ({"set_at": "0001-01-01T00:00:00+01:00"}, "bad-time"),
    ({"set_at": 1784000000}, "bad-time"),  # epoch seconds are not the flag message's format
])
def test_bad_flag_messages_are_refused_with_a_cause(fields, cause):
    with pytest.raises(PayloadRejected) as caught:
        parse_flag_message(message(**fields), NOW)
    assert caught.value.cause == cause


@pytest.mark.parametrize(("payload", "cause"), [
    (b" " * (50 * 1024 * 1024), "too-large"),  # refused before any parsing
    (b'{"flag": "red", "flag": "green", "set_by": "x", "set_at": "2026-07-14T13:00:00Z"}', "duplicate-key"),
    (b'["red"]', "not-an-object"),
    (b'{"a": ' * 8_000 + b"1" + b"}" * 8_000, "too-deep"),
])
def test_hostile_flag_payloads_are_refused(payload, cause):
    with pytest.raises(PayloadRejected) as caught:
        parse_flag_message(payload, NOW)
    assert caught.value.cause == cause


def test_set_by_is_plain_words():
    taken = parse_flag_message(message(set_by="Poste\x1b[2J\r\n\u202eA  <b>x</b>" + "y" * 200), NOW)
    assert taken.set_by.startswith("Poste [2J A <b>x</b>yyy") and len(taken.set_by) == 80
    assert FlagMessage("green", "DSI\x07", NOW).set_by == "DSI"  # built by the management API: cleaned too


def test_only_a_newer_flag_replaces_the_one_shown():
    shown = parse_flag_message(message(), NOW)
    newer = parse_flag_message(message(flag="red", set_at="2026-07-14T15:01:00+02:00"), NOW)
    assert flag_is_news(shown, None) and flag_is_news(newer, shown)
    assert not flag_is_news(shown, shown)  # a retained message delivered again: nothing to do
    with pytest.raises(PayloadRejected, match="out-of-order"):
        flag_is_news(shown, newer)
    with pytest.raises(PayloadRejected, match="out-of-order"):  # same time, other content: which one is true?
        flag_is_news(parse_flag_message(message(flag="green"), NOW), shown)


def test_every_flag_value_is_known_in_one_place():
    assert FLAG_VALUES == ("green", "yellow", "red", "violet", "none")
    assert all(Flag(v).value == v for v in FLAG_VALUES)
    assert NOW - timedelta(hours=23) < parse_flag_message(message(set_at="2026-07-13T14:10:00Z"), NOW).set_at
