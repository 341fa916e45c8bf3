"""Any sequence of Alerts, Updates, Cancels, Acks, replays and clock moves: the store stays bounded and
consistent (nothing lifted comes back, what is shown is current and ordered, nothing raises)."""

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.clock import ManualClock
from kiosk.alerts_store import AlertStore
from media.feeds.cap import parse_cap
from media.feeds.cap_area import ScreenPlace
from tests.support.cap import cap, stamp

T0 = datetime(2026, 7, 14, 13, 0, tzinfo=UTC)
IDS = [f"a{i}" for i in range(8)]
SEVERITIES = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"]

steps = st.lists(st.one_of(
    st.tuples(st.just("message"), st.sampled_from(["Alert", "Update", "Cancel", "Ack"]), st.sampled_from(IDS),
              st.lists(st.sampled_from(IDS), max_size=3, unique=True), st.sampled_from(SEVERITIES),
              st.integers(-600, 7200), st.sampled_from(["Actual", "Exercise", "System"])),
    st.tuples(st.just("advance"), st.integers(0, 3600)),
    st.tuples(st.just("cancel"), st.sampled_from(IDS)),
), max_size=40)


@settings(max_examples=200, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
@given(steps, st.booleans())
def test_any_sequence_keeps_the_store_consistent(sequence, exercises):
    clock = ManualClock(T0)
    store = AlertStore(ScreenPlace(), clock, exercises, max_alerts=4)
    ever_lifted: set[str] = set()
    for step in sequence:
        if step[0] == "advance":
            clock.advance(step[1])
            changes = store.expire()
        elif step[0] == "cancel":
            changes = store.cancel(step[1], "admin")
        else:
            _kind, msg_type, identifier, refs, severity, lasts_s, status = step
            refs = [r for r in refs if r != identifier]
            if msg_type in ("Update", "Cancel", "Ack") and not refs:
                continue
            now = clock.now()
            raw = cap(identifier, sent=now, expires=now + timedelta(seconds=lasts_s), msg_type=msg_type, severity=severity,
                      status=status, references=" ".join(f"securite-civile@istres.fr,{r},{stamp(now)}" for r in refs))
            changes = store.receive(parse_cap(raw), raw)
        ever_lifted |= {c.alert_id for c in changes if c.kind == "lifted"}
        held = {h.alert.identifier for h in store.held()}
        assert len(held) <= 4
        assert not (held & ever_lifted), "a lifted alert came back"
        now = clock.now()
        shown = store.showing()
        assert all(h.expires_at > now for h in shown)
        assert [h.order for h in shown] == sorted(h.order for h in shown)
        assert all(h.alert.status in (("Actual", "Exercise") if exercises else ("Actual",)) for h in shown)
