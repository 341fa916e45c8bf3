"""What the signs' screenshot stages share (the demo's shots and the view tests): grab, and close cleanly."""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtQuick import QQuickView


def grab_view(view: QQuickView, out: Path) -> Path:
    image = view.grabWindow()
    if image.isNull() or not image.save(str(out)):
        raise RuntimeError(f"could not grab the view into {out}")
    return out


def close_view(view: QQuickView) -> None:
    """The window closed and its QML unloaded (no view outlives its stage into the next one)."""
    view.close()
    view.setSource(QUrl())
    view.engine().clearComponentCache()
