"""A QML snippet on a window of its own with the ``accessibility`` object and ``import Kiosk.Access``:
for the tests and screenshots of the accessible components (and any sign that uses them)."""

import atexit
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtQuick import QQuickItem, QQuickView

from kiosk.accessibility import qml_import_path

# Headless runs: QtMultimedia says it has no VA-API, PipeWire or PulseAudio here (platform noise, not QML).
AUDIO_NOISE = pytest.mark.qt_log_ignore("^Couldn't (load|resolve) ", "^PulseAudioService", "^No audio device detected",
                                        "^Using Qt multimedia with FFmpeg")


_SERVERS: list = []  # one PulseAudio server per test process, whichever module asks first


def pulse_session():
    """For a session-scoped fixture (``yield from pulse_session()``): the private PulseAudio server with
    its null sink, one per process (Qt connects once, to the first), stopped at exit. Without a device,
    QtMultimedia warns from its audio thread on every play, and pytest-qt's handler, swapped between
    tests, was seen to crash the process on such a warning."""
    from tests.support.pulse import PulseServer

    if not _SERVERS:
        try:
            server = PulseServer()
        except RuntimeError as exc:
            pytest.skip(str(exc))
        server.use()
        atexit.register(server.stop)
        _SERVERS.append(server)
    yield _SERVERS[0]


class AccessStage:
    def __init__(self, qml_body: str, access: object, folder: Path, size: tuple[int, int] = (800, 600)) -> None:
        self.view = QQuickView()
        self.view.engine().addImportPath(qml_import_path())
        self.view.rootContext().setContextProperty("accessibility", access)
        self.view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
        self.view.resize(*size)
        source = folder / f"stage-{id(self)}.qml"
        source.write_text("import QtQuick\nimport QtQuick.Controls.Basic\nimport Kiosk.Access\n" + qml_body, encoding="utf-8")
        self.view.setSource(QUrl.fromLocalFile(str(source)))
        if self.view.status() != QQuickView.Status.Ready:
            raise RuntimeError(f"the stage did not load: {[e.toString() for e in self.view.errors()]}")
        self.root: QQuickItem = self.view.rootObject()
        self.view.show()

    def find(self, name: str) -> QQuickItem:
        found = self.root if self.root.objectName() == name else self.root.findChild(QQuickItem, name)
        if found is None:
            raise LookupError(f"no item named {name!r}")
        return found

    def close(self) -> None:
        self.view.close()
        self.view.setSource(QUrl())
