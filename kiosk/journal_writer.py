"""The journal's writer: its own thread, a bounded queue, batched commits (see ``journal``).

``record(event, act_id="", act_sha256="", detail=None)`` is what every part calls, from any thread:
it stamps the time, puts the record on the queue and returns (about a microsecond; it never blocks
and never raises). A full queue drops the record and counts it; the writer then journals a
``journal_overflow`` entry with how many and when: a gap is always said, never silent.

The writer's own entries: ``crash_restart`` (the previous run left no ``stop``) and ``start`` when it
begins, ``screen_on`` every minute (with the age of the GUI thread's last beat: a stalled GUI shows),
``clock_jump`` when the wall clock moves against the monotonic one, checkpoints signed with the
device key every N entries or M minutes, pruning after exports, and ``stop`` at the end.
"""

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from common.clock import Clock
from common.events import event
from journal.appender import Appender
from journal.checkpoint import DeviceSigner
from journal.entry import utc_text
from journal.heartbeat import HeartbeatCompactor
from journal.retention import Bounds, prune
from journal.store import JournalStore

log = logging.getLogger("kiosk.journal")
DeviceKeys = Callable[[], tuple[str, DeviceSigner | None]]  # (screen id, signer), called in the writer thread
_STOP = object()


@dataclass(frozen=True, slots=True)
class WriterSettings:
    queue_size: int = 10_000
    batch_max: int = 1000
    flush_every_s: float = 1.0  # what a SIGKILL can lose at most: the records of the last second
    heartbeat_every_s: float = 60.0
    checkpoint_every_entries: int = 1000
    checkpoint_every_s: float = 600.0
    clock_jump_threshold_s: float = 2.0
    prune_every_s: float = 3600.0
    bounds: Bounds = Bounds()


class JournalWriter:
    def __init__(self, path: Path, device_keys: DeviceKeys, clock: Clock, settings: WriterSettings = WriterSettings(),
                 start_detail: dict[str, Any] | None = None) -> None:
        self.path, self._device_keys, self._clock, self.settings = path, device_keys, clock, settings
        self._start_detail = start_detail or {}
        self._queue: queue.Queue = queue.Queue(settings.queue_size)
        self._lock = threading.Lock()
        self._dropped: list = [0, None, None]  # not yet journaled: count, first, last (UTC datetimes)
        self._dropped_total = 0
        self._stopping = False
        self._gui_beat_s = clock.monotonic()
        self._created_at = clock.now()  # the start entry's time: before any record queued while the device key loads
        self.written = 0
        self.failed: str | None = None
        self._thread = threading.Thread(target=self._run, name="journal-writer", daemon=True)

    def start(self) -> "JournalWriter":
        if self._thread.ident is None:  # once: the runtime starts it after the first frame, or stop() does
            self._thread.start()
        return self

    def record(self, event: str, act_id: str = "", act_sha256: str = "", detail: dict | None = None) -> None:
        """Thread-safe, non-blocking; checked in the writer thread (a bad record is journaled as refused)."""
        when = self._clock.now()
        if self._stopping:
            return
        try:
            self._queue.put_nowait((when, event, act_id, act_sha256, detail))
        except queue.Full:
            self._count_drop(when)

    def _count_drop(self, when: datetime, count: int = 1) -> None:
        with self._lock:
            self._dropped[0] += count
            self._dropped[1] = self._dropped[1] or when
            self._dropped[2] = when
            self._dropped_total += count

    def gui_beat(self) -> None:
        """The GUI thread calls this from a timer: ``screen_on`` entries carry how long ago it last did."""
        self._gui_beat_s = self._clock.monotonic()

    @property
    def dropped(self) -> int:
        """Records dropped since the start (queue full, journal full, a failed write)."""
        with self._lock:
            return self._dropped_total

    def stop(self, timeout_s: float = 1.0) -> bool:
        """Journals ``stop`` after what is queued, signs a last checkpoint, closes; False past the bound."""
        self._stopping = True
        self.start()  # a run that ends before its first frame still journals its start and stop
        try:
            self._queue.put(_STOP, timeout=max(0.0, timeout_s / 2))
        except queue.Full:
            pass  # the writer is stuck; leaving anyway (the next start records a crash_restart)
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def wait_written(self, count: int, timeout_s: float = 5.0) -> bool:
        """Tests: until ``count`` entries are committed (polling the thread's counter, bounded)."""
        done = threading.Event()
        for _ in range(max(1, int(timeout_s / 0.01))):
            if self.written >= count or not self._thread.is_alive():
                break
            done.wait(0.01)
        return self.written >= count

    def _run(self) -> None:
        try:
            self._open()
        except Exception as exc:  # noqa: BLE001 - the screen plays on without its journal; say so loudly
            self.failed = f"{type(exc).__name__}: {exc}"
            event(log, "journal_failed", logging.ERROR, self.failed, path=str(self.path))
            return
        try:
            while not self._cycle():
                pass
            self._add(self._clock.now(), "stop", detail={"dropped_total": self.dropped})
            self._flush()
            self._checkpoint(force=True)
        except Exception as exc:  # noqa: BLE001
            self.failed = f"{type(exc).__name__}: {exc}"
            event(log, "journal_failed", logging.ERROR, self.failed, path=str(self.path), exc_info=True)
        finally:
            self.store.close()

    def _open(self) -> None:
        screen, self._signer = self._device_keys()
        self.store = JournalStore(self.path)
        if self.store.meta("screen") is None:
            self.store.set_meta("screen", screen)
        self.appender = Appender(self.store, screen)
        self._compactor = HeartbeatCompactor()
        self._count = self.store.count()
        mono, now = self._clock.monotonic(), self._created_at
        self._last_wall, self._last_mono = self._clock.now(), mono
        self._heartbeat_s = self._checkpoint_s = self._prune_s = mono
        self._since_checkpoint, self._full = 0, False
        last = self.store.last_entry()
        if last is not None and last.event != "stop":
            self._add(now, "crash_restart", detail={"last_entry_seq": last.seq, "last_entry_utc": last.utc,
                                                     **self._start_detail.get("previous_run", {})})
        if last is not None and last.utc > utc_text(now):
            self._add(now, "clock_jump", detail={"behind_last_entry": True, "last_entry_utc": last.utc})
        self._add(now, "start", detail={k: v for k, v in self._start_detail.items() if k != "previous_run"})
        self._flush()
        event(log, "journal_started", path=str(self.path), entries=self._count, screen=screen)

    def _cycle(self) -> bool:
        """One batch: what is queued (waiting at most ``flush_every_s``), the writer's own duties, a commit."""
        stop, items = False, []
        try:
            items.append(self._queue.get(timeout=self.settings.flush_every_s))
            while len(items) < self.settings.batch_max:
                items.append(self._queue.get_nowait())
        except queue.Empty:
            pass
        for item in items:
            if item is _STOP:
                stop = True
            else:
                self._add(*item)
        self._duties()
        self._flush()
        self._checkpoint()
        return stop

    def _add(self, when: datetime, event_name: str, act_id: str = "", act_sha256: str = "", detail: Any = None) -> None:
        if self._full and event_name not in ("stop", "journal_overflow", "journal_full"):
            self._count_drop(when)
            return
        if event_name == "heartbeat":
            detail = self._compactor.compact(detail, self._clock.monotonic())
        self.appender.add(when, event_name, act_id, act_sha256, detail)
        if not self._full and self._count + len(self.appender.pending) >= self.settings.bounds.max_entries:
            self._become_full(when)

    def _become_full(self, when: datetime) -> None:
        self._full = True
        self.appender.add(when, "journal_full", detail={"entries": self._count + len(self.appender.pending),
                                                        "action": "export the journal to make room"})
        event(log, "journal_full", logging.ERROR, "journal full: export it (kiosk journal export, kioskctl journal pull)")

    def _duties(self) -> None:
        mono, now = self._clock.monotonic(), self._clock.now()
        drift_s = (now - self._last_wall).total_seconds() - (mono - self._last_mono)
        if abs(drift_s) > self.settings.clock_jump_threshold_s:
            self._add(now, "clock_jump", detail={"jump_s": round(drift_s, 3), "wall_before_utc": utc_text(self._last_wall)})
        self._last_wall, self._last_mono = now, mono
        if mono - self._heartbeat_s >= self.settings.heartbeat_every_s:
            self._heartbeat_s = mono
            self._add(now, "screen_on", detail={"gui_beat_age_s": round(mono - self._gui_beat_s, 1)})
        dropped = 0
        if not self._full:  # while full, the count grows and is said once there is room again
            with self._lock:
                dropped, first, last = self._dropped
                self._dropped = [0, None, None]
        if dropped:
            self._add(now, "journal_overflow", detail={"dropped": dropped, "first_dropped_utc": utc_text(first),
                                                       "last_dropped_utc": utc_text(last),
                                                       "reason": "journal full" if self._full else "queue full"})
        if mono - self._prune_s >= self.settings.prune_every_s:
            self._prune_s = mono
            self._count -= prune(self.store, now, self.settings.bounds)
        bounds = self.settings.bounds  # (the count kept in memory: COUNT(*) over millions of rows each second is not free)
        full = self._count + len(self.appender.pending) >= bounds.max_entries or self.store.size_bytes() >= bounds.max_bytes
        if full and not self._full:
            self._become_full(now)
        self._full = full

    def _flush(self) -> None:
        pending = len(self.appender.pending)
        try:
            written = self.appender.flush()
        except Exception as exc:  # noqa: BLE001 - counted as a gap, said in the next overflow entry
            event(log, "journal_write_failed", logging.ERROR, f"{type(exc).__name__}: {exc}", entries=pending)
            self._count_drop(self._clock.now(), pending)
            return
        self.written += written
        self._count += written
        self._since_checkpoint += written

    def _checkpoint(self, force: bool = False) -> None:
        due = (self._since_checkpoint >= self.settings.checkpoint_every_entries
               or self._clock.monotonic() - self._checkpoint_s >= self.settings.checkpoint_every_s)
        if not (force or due) or self._since_checkpoint == 0:
            return
        if self._signer is None:
            self._signer = self._device_keys()[1]
            if self._signer is None:
                return
        self.appender.checkpoint(self._signer, self._clock.now())
        self._since_checkpoint, self._checkpoint_s = 0, self._clock.monotonic()
