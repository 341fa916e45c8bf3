"""The Player: turns a layout into a Scene of playing regions and swaps scenes without a blank frame.

A new layout is built as a second scene beneath the one on screen; it comes to the front only
when every region has drawn its first item (or given up), so a reload never shows a gap.
"""

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQuick import QQuickWindow

from kiosk import web_engine
from kiosk.jobs import Jobs
from kiosk.live_data import LiveData
from kiosk.logs import event
from kiosk.region import RegionController
from kiosk.resolver import Resolution, ResolveContext, Resolver
from layouts.model import Layout
from signs.kinds import KindMissing, kind_for

log = logging.getLogger("kiosk.player")
FrameCallback = Callable[[float], None]


class FrameClock(QObject):
    """Runs callbacks once the frame that contains the current scene state has been swapped.

    Callbacks registered now are bound to the next frame at its ``afterAnimating`` (GUI thread,
    just before the scene graph syncs) and run when that frame's ``frameSwapped`` reaches the GUI
    thread. No Python runs on the render thread: it would need the GIL while the GUI thread,
    holding it, waits for the render thread (a grab, a sync): a deadlock seen under Xvfb.
    """

    def __init__(self, window: QQuickWindow) -> None:
        super().__init__(window)
        self.setObjectName("frame-clock")
        self._window = window
        self._waiting: list[FrameCallback] = []
        self._in_frame: list[FrameCallback] = []
        window.afterAnimating.connect(self._on_window_after_animating)
        window.frameSwapped.connect(self._on_window_frame_swapped)

    def after_next_frame(self, callback: FrameCallback) -> None:
        self._waiting.append(callback)
        self._window.update()

    def _on_window_after_animating(self) -> None:
        self._in_frame.extend(self._waiting)
        self._waiting.clear()

    def _on_window_frame_swapped(self) -> None:
        drawn_at = time.monotonic()
        batch, self._in_frame = self._in_frame, []
        for callback in batch:
            callback(drawn_at)
        if self._waiting:
            self._window.update()


class Scene(QObject):
    """One layout on screen (or being prepared beneath the one on screen)."""

    settled = Signal(object)  # self: every region drew an item or gave up

    def __init__(self, player: "Player", layout: Layout, base_dir: Path, ctx: ResolveContext) -> None:
        super().__init__(player)
        self.setObjectName(f"scene-{layout.name}")
        self.layout = layout
        self.base_dir = base_dir
        self._player = player
        self._resolver = Resolver(player.jobs, layout, ctx)
        self._regions = [RegionController(self, i, r, layout.background) for i, r in enumerate(layout.regions)]
        self._settled = False
        self._live_keys: list[str] = []

    background = Property(str, lambda self: self.layout.background, constant=True)
    width = Property(int, lambda self: self.layout.screen.width, constant=True)
    height = Property(int, lambda self: self.layout.screen.height, constant=True)
    rotation = Property(int, lambda self: {"landscape": 0, "portrait": 90, "landscape-flipped": 180,
                                           "portrait-flipped": 270}[self.layout.screen.orientation], constant=True)
    regions = Property("QVariantList", lambda self: list(self._regions), constant=True)

    @property
    def region_controllers(self) -> list[RegionController]:
        return self._regions

    def start(self) -> None:
        # Live sources start with the scene, not when shown: data is there when the item comes up.
        for region in self.layout.regions:
            for item in region.playlist:
                try:
                    live = kind_for(item).live
                except KindMissing:
                    continue  # the item is skipped with its reason when its turn comes
                if live is not None:
                    self._acquire_live(live, item)
        for region in self._regions:
            region.start()

    def _acquire_live(self, live: Callable, item: object) -> None:
        try:
            spec = live(item, self.base_dir)
        except (ValueError, OSError) as exc:  # a source the runtime cannot use: the view shows its values as unavailable
            event(log, "live_source_failed", logging.ERROR, f"{type(exc).__name__}: {exc}", kind=getattr(item, "kind", "?"))
            return
        self._live_keys.append(self._player.live_data.acquire(spec))

    def stop(self) -> None:
        self._resolver.closed = True
        for region in self._regions:
            region.stop()
        for key in self._live_keys:
            self._player.live_data.release(key)
        self._live_keys.clear()

    # -- used by the regions ---------------------------------------------------------------
    def request_resolution(self, region_index: int, item_index: int) -> None:
        region = self.layout.regions[region_index]
        self._resolver.request((region_index, item_index), (region.width, region.height), self._on_resolved)

    def resolution(self, region_index: int, item_index: int) -> Resolution | None:
        return self._resolver.result((region_index, item_index))

    def requested_at(self, region_index: int, item_index: int) -> float | None:
        return self._resolver.requested_at((region_index, item_index))

    def after_next_frame(self, callback: FrameCallback) -> None:
        self._player.frame_clock.after_next_frame(callback)

    def region_drew_item(self, region: RegionController) -> None:
        self._player.note_item_drawn()
        self._check_settled()

    def _on_resolved(self, key: tuple[int, int], resolution: Resolution) -> None:
        self._regions[key[0]].on_resolved(key[1], resolution)
        self._check_settled()

    def _check_settled(self) -> None:
        if not self._settled and all(r.has_shown or r.gave_up for r in self._regions):
            self._settled = True
            self.settled.emit(self)

    @property
    def is_settled(self) -> bool:
        return self._settled

    @property
    def drew_anything(self) -> bool:
        return any(r.has_shown for r in self._regions)

    def region_check(self) -> None:
        self._check_settled()


class Player(QObject):
    scenes_changed = Signal()
    recovering_changed = Signal()
    layout_applied = Signal(object)  # the Scene now in front
    layout_failed = Signal(object)  # a Scene none of whose regions could play (the old one stays)
    first_frame_drawn = Signal()  # once: the first frame with an item was swapped
    web_engine_needed = Signal()  # a layout with web items came, and this run did not load the engine

    def __init__(self, jobs: Jobs, context_for: Callable[[Layout, Path], ResolveContext], live_data: LiveData,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self.jobs = jobs
        self.live_data = live_data
        self._context_for = context_for
        self.frame_clock: FrameClock | None = None
        self._slots: list[Scene | None] = [None, None]
        self._front = 0
        self._recovering = False
        self._first_frame_logged = False

    scene0 = Property(QObject, lambda self: self._slots[0], notify=scenes_changed)
    scene1 = Property(QObject, lambda self: self._slots[1], notify=scenes_changed)
    front = Property(int, lambda self: self._front, notify=scenes_changed)
    recovering = Property(bool, lambda self: self._recovering, notify=recovering_changed)

    def attach(self, window: QQuickWindow) -> None:
        self.frame_clock = FrameClock(window)

    @property
    def front_scene(self) -> Scene | None:
        return self._slots[self._front]

    def show_layout(self, layout: Layout, base_dir: Path) -> "Scene":
        """Prepare ``layout`` beneath what is on screen; it comes to the front once settled."""
        if not web_engine.loaded() and web_engine.layout_needs_web(layout):
            return self._refuse_for_web(layout, base_dir)
        back = 1 - self._front if self._slots[self._front] is not None else self._front
        if self._slots[back] is not None:
            self._retire(back)  # a layout still preparing is replaced by the newer one
        scene = Scene(self, layout, base_dir, self._context_for(layout, base_dir))
        scene.settled.connect(self._on_scene_settled)
        self._slots[back] = scene
        self.scenes_changed.emit()
        scene.start()
        return scene

    def _refuse_for_web(self, layout: Layout, base_dir: Path) -> "Scene":
        """Never built: a web view without the engine would not draw. It fails (the old layout stays)
        and the runtime restarts with the engine (kiosk.web_engine)."""
        scene = Scene(self, layout, base_dir, self._context_for(layout, base_dir))
        event(log, "web_engine_needed", logging.WARNING, "the layout has web items and this run did not load "
              "the web engine: restarting with it", layout=layout.name)

        def report() -> None:
            self.layout_failed.emit(scene)
            self.web_engine_needed.emit()
            scene.deleteLater()

        QTimer.singleShot(0, report)
        return scene

    def set_recovering(self, on: bool, reason: str = "") -> None:
        if on != self._recovering:
            self._recovering = on
            if on:
                event(log, "recovery_screen", logging.ERROR, reason)
            self.recovering_changed.emit()

    def note_item_drawn(self) -> None:
        if not self._first_frame_logged:
            self._first_frame_logged = True
            event(log, "first_frame")
            self.first_frame_drawn.emit()

    def stop(self) -> None:
        for index in (0, 1):
            if self._slots[index] is not None:
                self._slots[index].stop()

    def _on_scene_settled(self, scene: Scene) -> None:
        index = self._slots.index(scene) if scene in self._slots else None
        if index is None:
            return
        old = self._slots[1 - index]
        if not scene.drew_anything and old is not None and old.drew_anything:
            event(log, "layout_failed", logging.ERROR, "no region of the new layout could play; keeping the old one",
                  layout=scene.layout.name)
            self._retire(index)
            self.layout_failed.emit(scene)
            return
        self._front = index
        self.set_recovering(False)
        self.scenes_changed.emit()
        if old is not None:
            self._retire(1 - index)
        event(log, "layout_applied", layout=scene.layout.name, regions=len(scene.region_controllers),
              playing=sum(r.has_shown for r in scene.region_controllers))
        self.layout_applied.emit(scene)

    def _retire(self, index: int) -> None:
        scene = self._slots[index]
        self._slots[index] = None
        self.scenes_changed.emit()
        if scene is not None:
            scene.stop()
            scene.deleteLater()
