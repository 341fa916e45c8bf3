"""Jobs: one long-lived QObject owning a thread pool for blocking work (downloads, Pillow, PDF).

Results come back to the GUI thread through one private queued signal. Each QRunnable carries no
signals object of its own: that pattern lost results and crashed under load.

At most ``max_threads`` jobs compute at once (Pillow decodes and PDF renders take memory and cores).
A job waiting on the network gives its compute slot back (``media.network_wait``) and waits on one of
``network_threads`` extra threads, so slow servers (each bounded by its fetch deadline) cannot stall
image preparation, other downloads or layout promotion behind them.
"""

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from kiosk.logs import event
from media.network_wait import running_job

log = logging.getLogger("kiosk.jobs")
Callback = Callable[[Any, BaseException | None], None]


class _Runnable(QRunnable):
    def __init__(self, jobs: "Jobs", job_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._jobs, self._job_id, self._work = jobs, job_id, work

    def run(self) -> None:
        compute = self._jobs._compute
        compute.acquire()
        try:
            with running_job(release=compute.release, reacquire=compute.acquire):
                result, error = self._work(), None
        except BaseException as exc:  # delivered to the callback, which decides what it means
            result, error = None, exc
        finally:
            compute.release()
        self._jobs._finished.emit(self._job_id, result, error)


class Jobs(QObject):
    _finished = Signal(int, object, object)

    def __init__(self, max_threads: int = 3, parent: QObject | None = None, *, network_threads: int = 4) -> None:
        super().__init__(parent)
        self.setObjectName("jobs")
        self._compute = threading.Semaphore(max_threads)  # jobs computing at once; network waits excluded
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads + network_threads)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, Callback] = {}
        self._lock = threading.Lock()
        self._finished.connect(self._on_job_finished, Qt.ConnectionType.QueuedConnection)

    def submit(self, work: Callable[[], Any], callback: Callback) -> int:
        job_id = next(self._ids)
        with self._lock:
            self._callbacks[job_id] = callback
        self._pool.start(_Runnable(self, job_id, work))
        return job_id

    def pending_count(self) -> int:
        with self._lock:
            return len(self._callbacks)

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def stop(self, timeout_ms: int = 500) -> bool:
        """Shutdown: drop the work not started yet, wait at most ``timeout_ms`` for the running jobs.

        A running job (a download within its own time limit) cannot be interrupted; past the bound the
        process leaves without it rather than wait for it. Results that arrive later are not delivered.
        """
        self._pool.clear()
        with self._lock:
            self._callbacks.clear()
        return self._pool.waitForDone(timeout_ms)

    def _on_job_finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        with self._lock:
            callback = self._callbacks.pop(job_id, None)
        if callback is None:
            return
        try:
            callback(result, error)
        except Exception:
            event(log, "job_callback_failed", logging.ERROR, exc_info=True, job_id=job_id)
