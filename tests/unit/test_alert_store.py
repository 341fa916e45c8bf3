"""The alert store's decisions on the injected clock: show, update, cancel, expire, order, bounds."""

from datetime import UTC, datetime, timedelta

from common.clock import ManualClock
from kiosk.alerts_store import MAX_ALERTS, AlertStore
from media.feeds.cap import parse_cap
from media.feeds.cap_area import ScreenPlace
from tests.support.cap import ROMANIQUETTE, TOWN_HALL, cap, stamp

T0 = datetime(2026, 7, 14, 13, 0, tzinfo=UTC)
SENDER = "securite-civile@istres.fr"


BEACH = ScreenPlace(ROMANIQUETTE)


def store(place: ScreenPlace = BEACH, exercises: bool = False, **kwargs) -> tuple[AlertStore, ManualClock]:
    clock = ManualClock(T0)
    return AlertStore(place, clock, exercises, **kwargs), clock


def receive(s: AlertStore, raw: bytes) -> list[tuple[str, str]]:
    return [(c.kind, c.alert_id) for c in s.receive(parse_cap(raw), raw)]


def msg(identifier: str, hours: float = 2, **kwargs) -> bytes:
    return cap(identifier, sent=T0, expires=T0 + timedelta(hours=hours), **kwargs)


def ref(identifier: str) -> str:
    return f"{SENDER},{identifier},{stamp(T0)}"


def test_alert_update_cancel():
    s, clock = store()
    assert receive(s, msg("a1")) == [("shown", "a1")]
    assert [h.alert.identifier for h in s.showing()] == ["a1"]
    clock.advance(60)
    assert receive(s, msg("a2", msg_type="Update", references=ref("a1"), headline="Plage fermée jusqu'à demain")) == [
        ("lifted", "a1"), ("updated", "a2")]
    assert [h.alert.identifier for h in s.showing()] == ["a2"]
    assert receive(s, msg("a3", msg_type="Cancel", references=ref("a2"))) == [("lifted", "a2")]
    assert s.showing() == []


def test_expiry_on_the_clock_and_the_next_change():
    s, clock = store()
    receive(s, msg("short", hours=1))
    receive(s, msg("long", hours=3))
    assert s.next_change_at() == T0 + timedelta(hours=1)
    clock.advance(3599)
    assert s.expire() == []
    clock.advance(1)
    assert [(c.kind, c.alert_id, c.detail["reason"]) for c in s.expire()] == [("lifted", "short", "expired")]
    assert s.next_change_at() == T0 + timedelta(hours=3)


def test_onset_in_the_future_waits():
    s, clock = store()
    receive(s, cap("later", sent=T0, onset=T0 + timedelta(minutes=30), expires=T0 + timedelta(hours=2)))
    assert s.showing() == [] and s.next_change_at() == T0 + timedelta(minutes=30)
    clock.advance(1800)
    assert [h.alert.identifier for h in s.showing()] == ["later"]


def test_several_at_once_ordered_by_severity():
    s, _clock = store()
    for identifier, severity in (("minor", "Minor"), ("extreme", "Extreme"), ("moderate", "Moderate"), ("severe", "Severe")):
        receive(s, msg(identifier, severity=severity))
    assert [h.alert.identifier for h in s.showing()] == ["extreme", "severe", "moderate", "minor"]


def test_refusals_and_ignored_messages():
    s, _clock = store()
    assert receive(s, cap("old", sent=T0 - timedelta(hours=3), expires=T0 - timedelta(minutes=1))) == [("refused", "old")]
    assert receive(s, msg("c", msg_type="Cancel", references=ref("never-seen"))) == [("ignored", "never-seen")]
    assert receive(s, msg("never-seen")) == [("refused", "never-seen")], "an alert cancelled before it arrived stays lifted"
    assert receive(s, msg("ex", status="Exercise")) == [("ignored", "ex")]
    assert receive(s, msg("sys", status="System")) == [("ignored", "sys")]
    assert receive(s, msg("far", area="<circle>48.85,2.35 5</circle>")) == [("ignored", "far")]
    assert receive(s, msg("x")) == [("shown", "x")]
    assert receive(s, msg("x")) == [("ignored", "x")]
    assert s.cancel("nobody", "admin")[0].kind == "ignored"
    assert [h.alert.identifier for h in s.showing()] == ["x"], "nothing held was lost"


def test_reference_loops_cannot_bring_a_lifted_alert_back():
    s, _clock = store()
    receive(s, msg("A"))
    assert receive(s, msg("B", msg_type="Update", references=ref("A"))) == [("lifted", "A"), ("updated", "B")]
    assert receive(s, msg("A", msg_type="Update", references=ref("B"))) == [("refused", "A")]
    assert [h.alert.identifier for h in s.showing()] == ["B"]


def test_exercises_on_screens_that_show_them():
    s, _clock = store(exercises=True)
    assert receive(s, msg("ex", status="Exercise")) == [("shown", "ex")]
    assert s.showing()[0].alert.is_exercise


def test_a_flood_is_bounded_and_keeps_what_is_held():
    s, _clock = store(ScreenPlace(TOWN_HALL, frozenset({"13047"})))
    zone = "<geocode><valueName>INSEE</valueName><value>13047</value></geocode>"
    receive(s, msg("evacuate", severity="Extreme", area=zone))
    kinds = [receive(s, msg(f"flood-{i}", severity="Minor", area=zone))[0][0] for i in range(1000)]
    assert len(s.held()) == MAX_ALERTS and kinds.count("shown") == MAX_ALERTS - 1 and kinds.count("refused") == 1000 - MAX_ALERTS + 1
    assert s.showing()[0].alert.identifier == "evacuate"
    assert receive(s, msg("severe", severity="Severe", area=zone))[-1] == ("shown", "severe"), \
        "a more severe alert pushes out a minor one when full"
    assert len(s.held()) == MAX_ALERTS


def test_restore_takes_back_only_what_is_current():
    s, clock = store()
    raw = msg("kept", hours=2)
    assert s.restore(parse_cap(raw), raw, T0)
    clock.advance(3 * 3600)
    assert not s.restore(parse_cap(msg("gone", hours=2)), b"", T0)
