"""One region's playback: the item on screen, the one prepared beneath it (two QML slots; it comes
forward only once it can draw: no blank frame), and when to swap. Stale QML reports are dropped by
token. An interactive item holds the region while a visitor uses it, then its view forgets them and
the playlist (the attract loop) goes on; a touch on the attract loop opens the interactive item at
once. An item alone in its playlist is shown anew when it was resolved again with other content.
"""

import itertools
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, Qt, QTimer, Signal, Slot

from kiosk.logs import OncePerCause, event
from kiosk.region_place import RegionPlace
from kiosk.visitor_session import VisitorSession
from layouts.model import Region
from signs.resolution import Resolution

if TYPE_CHECKING:
    from kiosk.player import Scene

log = logging.getLogger("kiosk.player")
_tokens = itertools.count(1)

RESOLVE_GRACE_S = 3.0  # an item still downloading after this is skipped for this round
RUNTIME_FAILURE_BACKOFF_S = 60.0  # a view that failed (bad video, page never loaded) rests this long
PLACEHOLDER_AFTER_S = 8.0  # nothing playable this long: show the branded placeholder


@dataclass(slots=True)
class _Showing:
    index: int
    token: int
    slot: int
    idle_timeout_ms: int = 0  # > 0: interactive
    ready: bool = False
    descriptor: dict[str, Any] | None = None  # what it was loaded from: a refreshed resolution differs
    opened_by_touch: bool = False  # a visitor touched the attract loop for it: their session starts with it


class RegionController(RegionPlace):
    load_requested = Signal(int, "QVariantMap")  # slot, descriptor
    show_requested = Signal(int, str, int)  # slot, transition kind, transition ms
    unload_requested = Signal(int)  # slot
    placeholder_changed = Signal()
    session_ended = Signal(int)  # slot: its view forgets the visitor (their data, their page)
    opens_on_touch_changed = Signal()

    def __init__(self, scene: "Scene", region_index: int, region: Region, background: str) -> None:
        super().__init__(region, background, scene)
        self._scene = scene
        self._index = region_index
        self._current: _Showing | None = None
        self._pending: _Showing | None = None
        self._deadline_passed = False
        self._transitioning = False
        self._fading_out: _Showing | None = None
        self._placeholder = False
        self._drawn = False
        self._runtime_failures: dict[int, float] = {}
        self._started_at = time.monotonic()
        self._once = OncePerCause(log)
        self._deadline = QTimer(self, objectName=f"deadline-{region.id}", singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._deadline.timeout.connect(self._on_deadline_timeout)
        self._watch = QTimer(self, objectName=f"watch-{region.id}", interval=1000)
        self._watch.timeout.connect(self._on_watch_timeout)
        self._session = VisitorSession(region.id, self)
        self._session.ended.connect(self._on_session_ended)
        self._deadline_held = False  # the item's time ran out during a session: it moves on when the session ends

    placeholder = Property(bool, lambda self: self._placeholder, notify=placeholder_changed)
    opensOnTouch = Property(bool, lambda self: self._current is not None and self._current.idle_timeout_ms == 0
                            and self._interactive_index() is not None, notify=opens_on_touch_changed)

    has_shown = property(lambda self: self._drawn, doc="an item of this region reached the screen (its frame was swapped)")
    gave_up = property(lambda self: self._placeholder)

    def shown_item_id(self) -> str | None:
        return self._item_name(self._current.index) if self._current else None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        for i in range(len(self._region.playlist)):
            self._scene.request_resolution(self._index, i)
        self._watch.start()
        self._prepare_next()

    def stop(self) -> None:
        self._deadline.stop()
        self._watch.stop()
        self._session.stop()

    def on_resolved(self, item_index: int, resolution: Resolution) -> None:
        name = self._item_name(item_index)
        if resolution.descriptor is None:
            self._log_skipped(item_index, resolution.error or "unknown error", resolution.permanent)
        elif resolution.note:
            self._once.warn((name, "note"), "item_from_cache", resolution.note, region=self._region.id, item=name)
        else:
            self._once.forget(name)  # it is fine again: a new failure will be news
        self.opens_on_touch_changed.emit()  # the interactive item may have become playable
        if self._pending is None and not self._transitioning:
            self._prepare_next()

    # -- reports from QML ------------------------------------------------------------------
    @Slot(int, int)
    def report_ready(self, slot: int, token: int) -> None:
        pending = self._pending
        if pending is None or pending.token != token:
            return
        pending.ready = True
        if self._runtime_failures.pop(pending.index, None) is not None:
            self._once.forget(self._item_name(pending.index))
        if self._current is None or self._deadline_passed:
            self._swap()

    @Slot(int, int)
    def report_interaction(self, slot: int, token: int) -> None:
        """The visitor touched the item on screen: a session starts, or lasts another idle timeout."""
        current = self._current
        if current is not None and current.token == token and current.idle_timeout_ms > 0:
            self._session.touched(self._item_name(current.index), current.idle_timeout_ms)

    def _on_session_ended(self) -> None:
        if self._current is not None:
            self.session_ended.emit(self._current.slot)
        if self._deadline_held:
            self._deadline_held = False
            self._on_deadline_timeout()

    @Slot(int, int, str)
    def report_failed(self, slot: int, token: int, reason: str) -> None:
        current = self._current
        if current is not None and current.token == token and not self._transitioning:
            # It broke on screen (a web renderer crashed): rest it and move on as soon as possible.
            self._deadline_held = False
            self._session.end("failed")
            self._log_skipped(current.index, reason, permanent=False)
            self._runtime_failures[current.index] = time.monotonic()
            self._deadline.stop()
            self._on_deadline_timeout()
            return
        pending = self._pending
        if pending is None or pending.token != token:
            return
        self._log_skipped(pending.index, reason, permanent=False)
        self._runtime_failures[pending.index] = time.monotonic()
        self._pending = None
        self.unload_requested.emit(slot)
        self._prepare_next()

    @Slot(int)
    def report_transition_finished(self, token: int) -> None:
        """QML finished a crossfade: the old item is gone from the next frame on."""
        if not self._transitioning or self._current is None or self._current.token != token:
            return
        fading = self._fading_out
        if fading is not None:
            self._scene.after_next_frame(lambda drawn_at: self._log_hidden(fading, drawn_at))
        self._finish_transition()

    # -- the playback cycle ----------------------------------------------------------------
    def _log_skipped(self, index: int, reason: str, permanent: bool) -> None:
        """Once per item and cause (a warning), then at debug: every cycle would flood the journal."""
        name = self._item_name(index)
        self._once.warn((name, reason), "item_skipped", reason, region=self._region.id, item=name, permanent=permanent)

    def _playable(self, index: int) -> dict[str, Any] | None:
        failed_at = self._runtime_failures.get(index)
        if failed_at is not None and time.monotonic() - failed_at < RUNTIME_FAILURE_BACKOFF_S:
            return None
        result = self._scene.resolution(self._index, index)
        return result.descriptor if result else None

    def _next_index(self) -> int | None:
        """The next item to prepare, waiting a little for one that is still being fetched."""
        count = len(self._region.playlist)
        start = (self._current.index + 1) if self._current else 0
        for step in range(count):
            index = (start + step) % count
            if self._playable(index) is not None:
                return index
            self._scene.request_resolution(self._index, index)
            requested = self._scene.requested_at(self._index, index)
            result = self._scene.resolution(self._index, index)
            still_coming = result is None and requested is not None and time.monotonic() - requested < RESOLVE_GRACE_S
            if still_coming:
                return None  # keep the order: wait for it rather than jump over it
        return None

    def _prepare_next(self) -> None:
        if self._pending is not None or self._transitioning:
            return
        index = self._next_index()
        if index is None:
            return
        descriptor = self._playable(index)
        assert descriptor is not None
        self._scene.request_resolution(self._index, index)  # re-checks a URL (ETag) once it is old
        if self._current is not None and index == self._current.index and not self._refreshed(descriptor):
            return  # a playlist of one (or one playable item): it simply stays
        self._load(index, descriptor)

    def _load(self, index: int, descriptor: dict[str, Any], opened_by_touch: bool = False) -> None:
        slot, token = 0 if self._current is None else 1 - self._current.slot, next(_tokens)
        self._pending = _Showing(index, token, slot, int(descriptor.get("idle_timeout_ms") or 0), descriptor=descriptor,
                                 opened_by_touch=opened_by_touch)
        self.load_requested.emit(slot, {**descriptor, "token": token, "item": self._item_name(index)})

    def _interactive_index(self) -> int | None:
        return next((i for i in range(len(self._region.playlist)) if int((self._playable(i) or {}).get("idle_timeout_ms") or 0)), None)

    @Slot()
    def touched_attract(self) -> None:
        """A touch on the attract loop: the interactive item (a kiosk's home) comes forward as soon as it can draw."""
        index = self._interactive_index()
        if index is None or self._transitioning or self._current is None or self._current.idle_timeout_ms > 0:
            return
        self._load(index, self._playable(index) or {}, opened_by_touch=True)
        self._deadline_passed = True

    def _refreshed(self, descriptor: dict[str, Any]) -> bool:
        """Resolved again with other content: prepared beneath as any item, never under a visitor's hand."""
        shown = self._current.descriptor if self._current else None
        return bool(shown) and descriptor is not shown and descriptor != shown and not self._session.active

    def _swap(self) -> None:
        incoming = self._pending
        assert incoming is not None and incoming.ready
        outgoing, self._pending, self._current = self._current, None, incoming
        self._deadline_passed = False
        item = self._region.playlist[incoming.index]
        transition = item.transition if outgoing is not None else None
        kind = transition.kind if transition else "cut"
        duration_ms = transition.duration_ms if transition and kind == "crossfade" else 0
        self._transitioning = True
        self._fading_out = outgoing if duration_ms > 0 else None
        self._set_placeholder(False)
        self.show_requested.emit(incoming.slot, kind, duration_ms)
        self.opens_on_touch_changed.emit()
        self._scene.after_next_frame(lambda drawn_at: self._on_incoming_drawn(incoming, outgoing, duration_ms, drawn_at))

    def _on_incoming_drawn(self, incoming: _Showing, outgoing: _Showing | None, duration_ms: int, shown_at: float) -> None:
        self._drawn = True
        event(log, "item_shown", region=self._region.id, item=self._item_name(incoming.index),
              kind=self._region.playlist[incoming.index].kind, t=round(shown_at, 4))
        if duration_ms == 0:
            if outgoing is not None:
                self._log_hidden(outgoing, shown_at)
            self._finish_transition()
        # else: the old item fades out until QML reports the transition finished.
        self._scene.region_drew_item(self)
        if incoming.opened_by_touch:
            self._session.touched(self._item_name(incoming.index), incoming.idle_timeout_ms)
        duration_s = self._region.playlist[incoming.index].duration_s
        self._deadline.start(max(0, round(duration_s * 1000 - (time.monotonic() - shown_at) * 1000)))

    def _finish_transition(self) -> None:
        assert self._current is not None
        self._transitioning = False
        self._fading_out = None
        self.unload_requested.emit(1 - self._current.slot)
        self._prepare_next()

    def _log_hidden(self, outgoing: _Showing, hidden_at: float) -> None:
        event(log, "item_hidden", region=self._region.id, item=self._item_name(outgoing.index), t=round(hidden_at, 4))

    def _on_deadline_timeout(self) -> None:
        if self._session.active:
            self._deadline_held = True  # a visitor is using it: it stays until they leave it idle
            return
        if self._pending is not None and self._pending.ready and not self._transitioning:
            self._swap()
            return
        self._deadline_passed = True
        if self._pending is None:
            self._prepare_next()
            if self._pending is None and self._current is not None:
                # Nothing else can play yet: keep the current item for another round.
                self._deadline_passed = False
                self._deadline.start(round(self._region.playlist[self._current.index].duration_s * 1000))

    def _on_watch_timeout(self) -> None:
        if self._pending is None and not self._transitioning:
            self._prepare_next()
        if self._current is None and self._pending is None:
            waited_s = time.monotonic() - self._started_at
            self._set_placeholder(waited_s > PLACEHOLDER_AFTER_S)

    def _set_placeholder(self, on: bool) -> None:
        if on != self._placeholder:
            self._placeholder = on
            if on:
                event(log, "region_placeholder", logging.WARNING, "no item of this region can play", region=self._region.id)
            self.placeholder_changed.emit()
            self._scene.region_check()
