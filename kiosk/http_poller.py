"""Polls a beach panel's HTTP sources on their own periods, in the Jobs pool (never the GUI thread),
with ETag / If-Modified-Since: an unchanged document costs a 304 and nothing else.
"""

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer

from kiosk.jobs import Jobs
from layouts.beach import HttpSource
from media.fetch import DocumentResult, FetchOutcome, Validators, fetch_document

Deliver = Callable[[HttpSource, bytes, datetime], None]
Fail = Callable[[HttpSource, str], None]


class HttpPoller(QObject):
    def __init__(self, sources: list[HttpSource], jobs: Jobs, deliver: Deliver, fail: Fail, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("http-poller")
        self._jobs, self._deliver, self._fail = jobs, deliver, fail
        self._validators: dict[int, Validators] = {}
        self._busy: set[int] = set()
        self._timers = []
        self._sources = sources
        self._stopped = False
        for index, source in enumerate(sources):
            timer = QTimer(self, objectName=f"poll-{index}", interval=round(source.every_s * 1000))
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
        source = self._sources[index]
        known = self._validators.get(index, Validators())
        self._jobs.submit(lambda: fetch_document(source.url, known), lambda result, error: self._on_fetched(index, result, error))

    def _on_fetched(self, index: int, result: DocumentResult | None, error: BaseException | None) -> None:
        self._busy.discard(index)
        if self._stopped:
            return
        source = self._sources[index]
        if error is not None or result is None:
            self._fail(source, f"{type(error).__name__}: {error}")
        elif result.outcome is FetchOutcome.FETCHED and result.body is not None:
            self._validators[index] = result.validators
            self._deliver(source, result.body, datetime.now(UTC))
        elif result.outcome is FetchOutcome.FAILED:
            self._fail(source, result.error or "failed")
