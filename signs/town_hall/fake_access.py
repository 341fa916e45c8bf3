"""A stand-in for the runtime's ``accessibility`` object, with its properties and slots: tests,
screenshots and the demo drive the view's large-text, high-contrast and low layouts with it before
the shared services are merged (it speaks nothing; it records what it was asked to say)."""

from PySide6.QtCore import Property, QObject, Signal, Slot


class StandInAccessibility(QObject):
    changed = Signal()
    sessionReset = Signal()  # noqa: N815 - QML's name

    def __init__(self, text_scale: float = 1.0, high_contrast: bool = False, low_layout: bool = False, language: str = "fr",
                 timeout_factor: float = 1.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._defaults = (text_scale, high_contrast, low_layout, language, timeout_factor)
        self._scale, self._contrast, self._low, self._language, self._factor = self._defaults
        self.said: list[str] = []
        self.resets = 0

    textScale = Property(float, lambda self: self._scale, notify=changed)  # noqa: N815
    highContrast = Property(bool, lambda self: self._contrast, notify=changed)  # noqa: N815
    lowLayout = Property(bool, lambda self: self._low, notify=changed)  # noqa: N815
    language = Property(str, lambda self: self._language, notify=changed)
    timeoutFactor = Property(float, lambda self: self._factor, notify=changed)  # noqa: N815

    @Slot(str)
    def say(self, text: str) -> None:
        self.said = (self.said + [text])[-50:]

    @Slot(str)
    def setLanguage(self, language: str) -> None:  # noqa: N802
        self._language = "en" if language == "en" else "fr"
        self.changed.emit()

    @Slot(float)
    def setTextScale(self, scale: float) -> None:  # noqa: N802
        self._scale = scale if scale in (1.0, 1.5, 2.0) else 1.0
        self.changed.emit()

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:  # noqa: N802
        self._contrast = bool(on)
        self.changed.emit()

    @Slot()
    def resetSession(self) -> None:  # noqa: N802
        self.resets += 1
        self._scale, self._contrast, self._low, self._language, self._factor = self._defaults
        self.changed.emit()
        self.sessionReset.emit()
