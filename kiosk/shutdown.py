"""Ordered, bounded shutdown: parts register a named stop step with a time bound; steps run once, in
the order they were added, and a stuck or failing step is logged and skipped.

Why ordered: a periodic screenshot that fired after the window began to close grabbed a torn-down
window and crashed the process (exit 139, 3 of 5 runs). Timers stop first, then what feeds the scene
(feeds, API), then the scene, then the engine. Why bounded: systemd (and the person at the screen)
expect the process gone within seconds of SIGTERM, whatever a broker or a download is doing.

A step runs in the calling thread (Qt objects must be stopped in their own thread; the time it took
is checked against its bound afterwards), or in a thread of its own that is waited for at most its
bound (blocking calls that take no timeout: server shutdowns, thread joins). Behind all of it,
``arm_deadline`` makes the process exit on its own, with every thread's stack written to the crash
log, if the whole sequence and the interpreter's exit still overran.
"""

import faulthandler
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn, TextIO

from kiosk.logs import event

log = logging.getLogger("kiosk.shutdown")
STOP_BUDGET_S = 2.2  # all steps together; the deadline below leaves the rest for the engine and exit
DEADLINE_S = 2.6  # from the stop request to the process gone, under systemd's and our 3 s promise


@dataclass(frozen=True, slots=True)
class StopStep:
    name: str
    stop: Callable[[], object]
    bound_s: float
    own_thread: bool = False


@dataclass(frozen=True, slots=True)
class StepOutcome:
    name: str
    took_s: float
    status: str  # "ok", "slow" (done, over its bound), "stuck" (abandoned at its bound), "failed"


class Shutdown:
    def __init__(self, budget_s: float = STOP_BUDGET_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._steps: list[StopStep] = []
        self._next = 0
        self._budget_s = budget_s
        self._clock = clock
        self._started_at: float | None = None
        self.reason = ""
        self.outcomes: list[StepOutcome] = []

    @property
    def started(self) -> bool:
        return self._started_at is not None

    def add(self, name: str, stop: Callable[[], object], bound_s: float, own_thread: bool = False) -> None:
        self._steps.append(StopStep(name, stop, bound_s, own_thread))

    def begin(self, reason: str) -> bool:
        """The first stop request starts the clock (True); later ones (a second SIGTERM) change nothing."""
        if self._started_at is not None:
            return False
        self._started_at = self._clock()
        self.reason = reason
        event(log, "stopping", reason=reason)
        return True

    def run(self, through: str | None = None) -> list[StepOutcome]:
        """Runs the steps not run yet, in order, up to and including ``through`` (all when None)."""
        if self._started_at is None:
            self.begin("shutdown")
        done: list[StepOutcome] = []
        while self._next < len(self._steps):
            step = self._steps[self._next]
            self._next += 1
            done.append(self._run_step(step))
            if step.name == through:
                break
        self.outcomes.extend(done)
        return done

    def _run_step(self, step: StopStep) -> StepOutcome:
        assert self._started_at is not None
        left_s = self._budget_s - (self._clock() - self._started_at)
        bound_s = max(0.0, min(step.bound_s, left_s))
        started = self._clock()
        status = _run_in_thread(step, bound_s) if step.own_thread else _run_here(step)
        took_s = self._clock() - started
        if status == "ok" and took_s > bound_s:
            status = "slow"
        level = logging.INFO if status == "ok" else logging.WARNING
        event(log, "stop_step", level, step=step.name, status=status, took_ms=round(took_s * 1000, 1),
              bound_ms=round(bound_s * 1000))
        return StepOutcome(step.name, took_s, status)


def _run_here(step: StopStep) -> str:
    try:
        step.stop()
    except TimeoutError:  # a step waiting on another thread's future gave up at its bound
        return "stuck"
    except Exception as exc:  # noqa: BLE001 - leaving anyway; say what did not stop cleanly
        event(log, "stop_step_failed", logging.WARNING, f"{type(exc).__name__}: {exc}", step=step.name)
        return "failed"
    return "ok"


def _run_in_thread(step: StopStep, bound_s: float) -> str:
    result: dict[str, str] = {}

    def target() -> None:
        result["status"] = _run_here(step)

    # A daemon thread: a step still stuck when the process exits must not hold the exit up.
    worker = threading.Thread(target=target, name=f"stop-{step.name}", daemon=True)
    worker.start()
    worker.join(bound_s)
    return result.get("status", "stuck")


_armed = threading.Event()


def arm_deadline(file: TextIO | None, seconds: float = DEADLINE_S) -> None:
    """After ``seconds``, write every thread's stack to ``file`` (the crash log) and exit with status 1.

    faulthandler's watchdog is a C thread that needs no GIL: it still fires when the GUI thread is
    stuck in C++ (a pool waiting for a download, a driver) or the interpreter is tearing down. The
    first call counts: a later one would move the deadline back.
    """
    if _armed.is_set():
        return
    _armed.set()
    faulthandler.dump_traceback_later(seconds, exit=True, file=file if file is not None else sys.stderr)


def arm_deadline_on_delivery(file: TextIO | None, signums: tuple[signal.Signals, ...]) -> None:
    """The deadline starts when a stop signal arrives, not when the GUI thread gets round to it.

    Replaces the Python-level handlers (which only have to exist for the wakeup fd to be written:
    ``UnixSignals`` still gets the signal); this one runs at the next bytecode of the main thread,
    so a GUI thread busy in Python (a burst of queued calls) still arms it at once.
    """
    for signum in signums:
        signal.signal(signum, lambda *_: arm_deadline(file))


def exit_now(code: int) -> NoReturn:
    """Leave once the runtime's stop sequence has run, skipping the C++ teardown at interpreter exit.

    Measured under Xvfb: after the sequence and the engine were done, Qt's and QtWebEngine's global
    teardown at interpreter exit took 0.5-1.2 s, over 2.6 s on a loaded machine (the deadline fired,
    the main thread in C++ with no Python frame), and is where exit-time crashes live. Nothing in it
    is seen outside the process: the steps closed the API, withdrew the advertisement, disconnected
    the feeds and finished the writes; the web engine's helper processes end with their parent.
    """
    logging.shutdown()  # flushes the JSON log lines
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe: nothing more can be said anyway
    os._exit(code)
