"""The shutdown sequence: steps run once, in order, each bounded; a stuck or failing step is logged
and skipped; the whole sequence keeps within its budget."""

import logging
import threading
import time

from kiosk.shutdown import Shutdown


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_steps_run_once_in_order_and_the_loop_part_first():
    ran: list[str] = []
    shutdown = Shutdown()
    for name in ("timers", "feeds", "api", "scene"):
        shutdown.add(name, lambda name=name: ran.append(name), 0.5)
    assert shutdown.begin("SIGTERM") and not shutdown.begin("SIGTERM")  # a second request changes nothing
    assert [o.name for o in shutdown.run(through="timers")] == ["timers"]
    assert [o.status for o in shutdown.run()] == ["ok", "ok", "ok"]
    assert shutdown.run() == []
    assert ran == ["timers", "feeds", "api", "scene"] and shutdown.reason == "SIGTERM"


def test_a_stuck_step_is_abandoned_at_its_bound_and_the_next_ones_still_run(caplog):
    release = threading.Event()
    ran: list[str] = []
    shutdown = Shutdown(budget_s=5.0)
    shutdown.add("stuck", release.wait, 0.05, own_thread=True)
    shutdown.add("failing", lambda: 1 / 0, 0.5)
    shutdown.add("after", lambda: ran.append("after"), 0.5)
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="kiosk.shutdown"):
        outcomes = shutdown.run()
    release.set()
    assert time.monotonic() - started < 1.0
    assert [(o.name, o.status) for o in outcomes] == [("stuck", "stuck"), ("failing", "failed"), ("after", "ok")]
    assert ran == ["after"]
    assert any(getattr(r, "event", "") == "stop_step_failed" and "ZeroDivisionError" in r.getMessage() for r in caplog.records)
    assert any(getattr(r, "event", "") == "stop_step" and getattr(r, "status", "") == "stuck" for r in caplog.records)


def test_a_future_that_times_out_is_stuck_and_a_slow_step_is_reported():
    clock = FakeClock()
    shutdown = Shutdown(budget_s=2.0, clock=clock)

    def slow() -> None:
        clock.now += 0.3

    def waits_on_a_future() -> None:
        raise TimeoutError

    shutdown.add("slow", slow, 0.1)
    shutdown.add("future", waits_on_a_future, 0.5)
    assert [(o.name, o.status) for o in shutdown.run()] == [("slow", "slow"), ("future", "stuck")]


def test_the_budget_shrinks_the_bounds_of_the_last_steps():
    clock = FakeClock()
    shutdown = Shutdown(budget_s=1.0, clock=clock)
    shutdown.begin("test")

    def eats(seconds: float):
        def step() -> None:
            clock.now += seconds
        return step

    shutdown.add("first", eats(0.9), 2.0)
    shutdown.add("second", eats(0.2), 0.5)
    shutdown.add("third", eats(0.0), 0.5)
    # 0.1 s were left for the second step: it overran; nothing was left for the third, which took nothing.
    assert [o.status for o in shutdown.run()] == ["ok", "slow", "ok"]
