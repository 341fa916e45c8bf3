"""Video for Qt Quick's software renderer (offscreen snapshots, machines without OpenGL).

``VideoOutput`` draws through the GPU scene graph only; under the software renderer it stays
black. This item takes frames from its own ``QVideoSink`` and paints them with QPainter: a CPU
copy per frame, acceptable for snapshots and tests, never used when OpenGL is there.
"""

from PySide6.QtCore import Property, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickPaintedItem

QML_IMPORT_NAME = "Kiosk.Video"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class SoftwareVideoOutput(QQuickPaintedItem):
    frame_arrived = Signal()

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QML constructs it
        super().__init__(parent)
        self._sink = QVideoSink(self)
        self._image = QImage()
        self._sink.videoFrameChanged.connect(self._on_sink_video_frame_changed)

    def _get_sink(self) -> QVideoSink:
        return self._sink

    videoSink = Property(QObject, _get_sink, constant=True)  # noqa: N815 - mirrors VideoOutput.videoSink

    def _on_sink_video_frame_changed(self, frame: QVideoFrame) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self._image = image
        self.update()
        self.frame_arrived.emit()

    def paint(self, painter: QPainter) -> None:
        if self._image.isNull():
            return
        target = QRectF(0, 0, self.width(), self.height())
        size = self._image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (target.width() - size.width()) / 2
        y = (target.height() - size.height()) / 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(x, y, size.width(), size.height()), self._image)
