"""Polls a live source's HTTP documents on their own periods, in the Jobs pool (never the GUI
thread), with ETag / If-Modified-Since: an unchanged document costs a 304 and nothing else. The
document is parsed in the pool too, by the sign's parse function; only its batch comes back.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from common.clock import Clock
from kiosk.jobs import Jobs
from media.fetch import FetchOutcome, Validators, fetch_document
from signs.live import HttpPoll

Deliver = Callable[[Any], None]
Fail = Callable[[str, str], None]  # url, error


class HttpPoller(QObject):
    def __init__(self, polls: tuple[HttpPoll, ...], jobs: Jobs, clock: Clock, deliver: Deliver, fail: Fail,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("http-poller")
        self._jobs, self._clock, self._deliver, self._fail = jobs, clock, deliver, fail
        self._validators: dict[int, Validators] = {}
        self._busy: set[int] = set()
        self._timers: list[QTimer] = []
        self._polls = polls
        self._stopped = False
        for index, poll in enumerate(polls):
            timer = QTimer(self, objectName=f"poll-{index}", interval=round(poll.every_s * 1000))
            timer.timeout.connect(lambda i=index: self._poll(i))
            self._timers.append(timer)

    def start(self) -> None:
        for index, timer in enumerate(self._timers):
            timer.start()
            self._poll(index)  # the first value now, not one period later

    def stop(self) -> None:
        self._stopped = True
        for timer in self._timers:
            timer.stop()

    def _poll(self, index: int) -> None:
        if index in self._busy:
            return  # a slow server never piles requests up
        self._busy.add(index)
        poll = self._polls[index]
        known = self._validators.get(index, Validators())
        clock = self._clock

        def fetch_and_parse() -> tuple[Validators | None, Any, str | None]:
            result = fetch_document(poll.url, known)
            if result.outcome is FetchOutcome.FETCHED and result.body is not None:
                return result.validators, poll.parse(result.body, clock.now()), None
            if result.outcome is FetchOutcome.FAILED:
                return None, None, result.error or "failed"
            return None, None, None  # not modified

        self._jobs.submit(fetch_and_parse, lambda result, error: self._on_fetched(index, result, error))

    def _on_fetched(self, index: int, result: tuple[Validators | None, Any, str | None] | None,
                    error: BaseException | None) -> None:
        self._busy.discard(index)
        if self._stopped:
            return
        url = self._polls[index].url
        if error is not None or result is None:
            self._fail(url, f"{type(error).__name__}: {error}")
            return
        validators, batch, failure = result
        if failure is not None:
            self._fail(url, failure)
        elif batch is not None:
            if validators is not None:
                self._validators[index] = validators
            self._deliver(batch)
