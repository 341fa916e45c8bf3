"""Diagnostics: after each frame, check whether a region that has played shows only its background.

Enabled with ``kiosk run --probe-blank-frames`` (the transitions benchmark uses it). It grabs the
window once per frame, which costs a render: never on in production.
"""

import logging

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.logs import event
from kiosk.player import Player

log = logging.getLogger("kiosk.frame_probe")
MAX_LOGGED_BLANKS = 50


def region_is_blank(image: QImage, rect: QRect, background: QColor) -> bool:
    """Every pixel of ``rect`` is the background colour (compared row by row as bytes)."""
    rect = rect.intersected(image.rect())
    if rect.isEmpty():
        return False
    row_of_background = background.rgba().to_bytes(4, "little") * rect.width()
    bits = image.constBits()
    stride = image.bytesPerLine()
    start_x = rect.x() * 4
    for y in range(rect.y(), rect.y() + rect.height()):
        offset = y * stride + start_x
        if bytes(bits[offset: offset + rect.width() * 4]) != row_of_background:
            return False
    return True


class FrameProbe(QObject):
    def __init__(self, window: QQuickWindow, player: Player) -> None:
        super().__init__(window)
        self.setObjectName("frame-probe")
        self._window, self._player = window, player
        self.frames_checked = 0
        self.blank_frames = 0
        self._queued = False
        window.frameSwapped.connect(self._on_window_frame_swapped, Qt.ConnectionType.QueuedConnection)

    def _on_window_frame_swapped(self) -> None:
        if not self._queued:
            self._queued = True
            QTimer.singleShot(0, self._check)

    def _check(self) -> None:
        self._queued = False
        scene = self._player.front_scene
        if scene is None or self._window.width() != scene.layout.screen.width:
            return  # only meaningful unscaled (windowed at the layout's size)
        image = self._window.grabWindow().convertToFormat(QImage.Format.Format_ARGB32)
        self.frames_checked += 1
        for region in scene.region_controllers:
            if not region.has_shown:
                continue
            rect = QRect(region.x, region.y, region.width, region.height)
            if region_is_blank(image, rect, QColor(region.background)):
                self.blank_frames += 1
                if self.blank_frames <= MAX_LOGGED_BLANKS:
                    event(log, "blank_frame", logging.WARNING, region=region.region_id, item=region.shown_item_id())

    def report(self) -> None:
        event(log, "frame_probe", frames_checked=self.frames_checked, blank_frames=self.blank_frames)
