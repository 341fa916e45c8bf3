"""The GUI-stall probe: a handler that holds the loop is logged with its name; summaries add up.

The probe's clock is injected: the "slow" handler moves it on instead of sleeping.
"""

import logging

from PySide6.QtCore import QCoreApplication, QTimer

from kiosk.stall_probe import StallProbe


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _events(caplog, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", "") == name]


def test_a_slow_handler_is_named_and_the_summary_counts_every_tick(qtbot, caplog):
    clock = FakeClock()
    probe = StallProbe(QCoreApplication.instance(), clock).start()
    slow = QTimer(objectName="slow-thing", singleShot=True, interval=30)
    slow.timeout.connect(lambda: setattr(clock, "now", clock.now + 0.2))  # holds the loop 200 ms, as the probe sees it
    quick = QTimer(objectName="quick-thing", interval=1)
    quick.timeout.connect(lambda: setattr(clock, "now", clock.now + 0.002))  # 2 ms each, never a stall alone
    with caplog.at_level(logging.INFO, logger="kiosk.stall_probe"):
        slow.start()
        quick.start()
        qtbot.waitUntil(lambda: len(_events(caplog, "gui_stall")) >= 1 and len(_events(caplog, "gui_lateness")) >= 1,
                        timeout=5000)
        quick.stop()
        probe.stop()
    stall = _events(caplog, "gui_stall")[0]
    assert stall.during == "Timer -> QTimer('slow-thing')" and stall.during_events == 1
    assert 150 <= stall.lateness_ms <= 300 and stall.during_ms == 200.0
    summary = _events(caplog, "gui_lateness")[0]
    assert sum(summary.hist.values()) == summary.ticks > 1
    assert summary.max_ms >= stall.lateness_ms and summary.stalls >= 1
    assert summary.hist.get("100", 0) >= 1  # 100 ms and over share the top bucket
    logged = len(caplog.records)
    clock.now += 5  # stopped: no tick, no filter, nothing logged
    qtbot.wait(50)
    assert len(caplog.records) == logged


def test_many_quick_events_in_a_row_are_named_with_their_count(qtbot, caplog):
    clock = FakeClock()
    probe = StallProbe(QCoreApplication.instance(), clock).start()
    burst = QTimer(objectName="burst", singleShot=True, interval=20)

    def post_many() -> None:
        # 100 queued calls of 1 ms each: no single one is slow, together they hold the loop 100 ms.
        for _ in range(100):
            QTimer.singleShot(0, probe, lambda: setattr(clock, "now", clock.now + 0.001))

    burst.timeout.connect(post_many)
    with caplog.at_level(logging.INFO, logger="kiosk.stall_probe"):
        burst.start()
        qtbot.waitUntil(lambda: len(_events(caplog, "gui_stall")) >= 1, timeout=5000)
        probe.stop()
    stall = _events(caplog, "gui_stall")[0]
    assert stall.during_events >= 50 and stall.during_ms >= 50, (stall.during, stall.during_events, stall.during_ms)
