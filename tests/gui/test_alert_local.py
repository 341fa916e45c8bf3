"""A local trigger (as the beach panel's H2S threshold would use) takes the same path as any alert."""

from datetime import UTC, datetime

from common.clock import ManualClock
from kiosk.alerts import AlertCenter
from kiosk.alerts_local import LocalAlerts
from media.feeds.cap import parse_cap
from media.feeds.cap_area import ScreenPlace
from media.feeds.cap_local import LocalAlert, local_message

H2S = LocalAlert("h2s-romaniquette", "Hydrogène sulfuré", "Plage de la Romaniquette fermée : H₂S au-dessus de 1 ppm",
                 "Quittez la plage.", "Romaniquette beach closed: H₂S above 1 ppm", "Leave the beach.", severity="Severe",
                 category="Health", sender_name="Capteur H₂S de la Romaniquette", area="Plage de la Romaniquette")


def test_local_messages_are_valid_cap():
    now = datetime(2026, 7, 14, 13, 0, tzinfo=UTC)
    alert = parse_cap(local_message(H2S, 7, now))
    assert alert.identifier == "local-h2s-romaniquette-7" and alert.info("en").headline.startswith("Romaniquette")
    assert parse_cap(local_message(H2S, 8, now, "local-h2s-romaniquette-7")).msg_type == "Update"
    assert parse_cap(local_message(H2S, 9, now, "local-h2s-romaniquette-8", cancel=True)).msg_type == "Cancel"


def test_raise_update_lift(qtbot, tmp_path):
    clock = ManualClock(datetime(2026, 7, 14, 13, 0, tzinfo=UTC))
    journal: list[tuple[str, str]] = []
    center = AlertCenter(ScreenPlace((43.5151, 4.9895), frozenset({"13047"})), clock, tmp_path,
                         on_alert_event=lambda kind, alert_id, _detail: journal.append((kind, alert_id)))
    local = LocalAlerts(center, clock)
    first = local.raise_alert(H2S)
    qtbot.waitUntil(lambda: center.display["active"], timeout=2000)
    assert center.display["alertId"] == first, "a local alert applies to the screen that raised it, wherever it is"
    second = local.raise_alert(H2S)
    qtbot.waitUntil(lambda: center.display["alertId"] == second, timeout=2000)
    local.lift(H2S)
    qtbot.waitUntil(lambda: not center.display["active"], timeout=2000)
    assert [k for k, _ in journal] == ["shown", "lifted", "updated", "lifted"]
    center.stop()
