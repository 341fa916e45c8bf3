"""Plugging headphones switches speech on (EN 301 549 5.1.3.x, the EZ Access habit).

The decision is pure (``headphones_plugged``) and tested; the watcher feeds it Qt's audio device list
when ``QMediaDevices.audioOutputsChanged`` fires. That only happens where the audio system reports
the jack as a device of its own (PipeWire/PulseAudio often report a port change on the same sink
instead, which Qt does not signal): on such hardware a keypad key or the on-screen control is the way in.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QMediaDevices

Device = tuple[str, str]  # (id, description)
WORDS = ("headphone", "headset", "casque", "écouteur", "ecouteur", "earphone", "earbud", "jack")


def looks_like_headphones(device: Device) -> bool:
    text = f"{device[0]} {device[1]}".lower()
    return any(word in text for word in WORDS)


def headphones_plugged(before: list[Device], after: list[Device], default_after: Device | None = None) -> bool:
    """True when an output that looks like headphones appeared, or became the default output."""
    before_ids = {device_id for device_id, _ in before}
    appeared = [device for device in after if device[0] not in before_ids]
    if any(looks_like_headphones(device) for device in appeared):
        return True
    return default_after is not None and default_after[0] not in before_ids and looks_like_headphones(default_after)


def _outputs() -> list[Device]:
    return [(bytes(d.id().data()).decode("utf-8", "replace"), d.description()) for d in QMediaDevices.audioOutputs()]


class HeadphoneWatcher(QObject):
    """Calls ``on_plugged()`` when headphones appear; ``on_outputs_changed()`` on every change."""

    def __init__(self, on_plugged: Callable[[], None], on_outputs_changed: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._devices = QMediaDevices(self)
        self._known = _outputs()
        self._on_plugged, self._on_changed = on_plugged, on_outputs_changed
        self._devices.audioOutputsChanged.connect(self._changed)

    def _changed(self) -> None:
        after = _outputs()
        default = QMediaDevices.defaultAudioOutput()
        default_device = None if default.isNull() else (bytes(default.id().data()).decode("utf-8", "replace"), default.description())
        plugged = headphones_plugged(self._known, after, default_device)
        self._known = after
        self._on_changed()
        if plugged:
            self._on_plugged()
