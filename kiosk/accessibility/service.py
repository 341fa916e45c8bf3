"""The ``accessibility`` context object every view reads: the visitor's settings, the palette, speech.

One instance per process (``kiosk.app`` puts it in the QML root context). Every setting goes back to
its default on ``resetSession()`` (the end of a visitor session), which also stops speech and emits
``sessionReset`` so the views and the virtual keyboard drop what they remember.
"""

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.accessibility import settings as S
from kiosk.accessibility.palette import palette
from kiosk.accessibility.speech import Speech
from kiosk.jobs import Jobs

DEFAULTS = {"textScale": 1.0, "highContrast": False, "slowMode": False, "lowLayout": False, "speechOn": False,
            "language": S.DEFAULT_LANGUAGE, "volumeStep": S.DEFAULT_VOLUME_STEP}


def _prop(name: str, kind: type, notify: Signal) -> Property:
    return Property(kind, lambda self: self._values[name], notify=notify)


class AccessibilityService(QObject):
    changed = Signal()
    sessionReset = Signal()
    backRequested = Signal()   # the keypad's Back key (Escape/Backspace) outside text fields
    helpRequested = Signal()   # the keypad's Help key (F1, '?')
    speakingChanged = Signal()

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessibility")
        self._values = dict(DEFAULTS)
        self.speech = Speech(jobs, self)
        self.speech.speakingChanged.connect(self.speakingChanged)
        self._apply_volume()

    textScale = _prop("textScale", float, changed)
    highContrast = _prop("highContrast", bool, changed)
    slowMode = _prop("slowMode", bool, changed)
    lowLayout = _prop("lowLayout", bool, changed)
    speechOn = _prop("speechOn", bool, changed)
    language = _prop("language", str, changed)
    volumeStep = _prop("volumeStep", int, changed)
    volumeSteps = Property(int, lambda self: S.VOLUME_STEPS, constant=True)
    volumeDb = Property(float, lambda self: S.volume_db(self._values["volumeStep"]), notify=changed)
    timeoutFactor = Property(float, lambda self: S.SLOW_TIMEOUT_FACTOR if self._values["slowMode"] else 1.0, notify=changed)
    colors = Property("QVariantMap", lambda self: palette(self._values["highContrast"]), notify=changed)
    speaking = Property(bool, lambda self: self.speech.speaking, notify=speakingChanged)

    def _set(self, name: str, value: object) -> None:
        if self._values[name] != value:
            self._values[name] = value
            if name == "slowMode":
                self.speech.slow = bool(value)
            self.changed.emit()

    @Slot(str)
    def say(self, text: str) -> None:
        """Speaks ``text`` in the screen's language when speech is on; interrupts what was said."""
        if self._values["speechOn"]:
            self.speech.say(text, self._values["language"])

    def say_now(self, utterances: list[tuple[str, str]]) -> None:
        """Speaks whether or not speech is on: for safety content (alerts) only."""
        self.speech.say_all(utterances)

    @Slot()
    def stopSpeech(self) -> None:
        self.speech.stop()

    @Slot()
    def repeat(self) -> None:
        self.speech.repeat()

    @Slot()
    def volumeUp(self) -> None:
        self._set("volumeStep", S.clamp_step(self._values["volumeStep"] + 1))
        self._apply_volume()

    @Slot()
    def volumeDown(self) -> None:
        self._set("volumeStep", S.clamp_step(self._values["volumeStep"] - 1))
        self._apply_volume()

    @Slot(str)
    def setLanguage(self, lang: str) -> None:
        checked = S.checked_language(lang)
        if checked is not None:
            self._set("language", checked)

    @Slot(float)
    def setTextScale(self, scale: float) -> None:
        self._set("textScale", S.nearest_scale(scale))

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:
        self._set("highContrast", on is True)

    @Slot(bool)
    def setSlowMode(self, on: bool) -> None:
        self._set("slowMode", on is True)

    @Slot(bool)
    def setLowLayout(self, on: bool) -> None:
        self._set("lowLayout", on is True)

    @Slot(bool)
    def setSpeechOn(self, on: bool) -> None:
        self._set("speechOn", on is True)
        if on is not True:
            self.speech.stop()

    @Slot(float, float, float, result="QVariantMap")
    def reachBand(self, window_height_px: float, screen_bottom_m: float, screen_height_m: float) -> dict:
        """``{top, bottom}`` px of the band 0.90-1.30 m from the floor (empty when unknown): in
        ``lowLayout`` a sign keeps its controls there."""
        band = S.reach_band_px(window_height_px, screen_bottom_m, screen_height_m)
        return {} if band is None else {"top": band[0], "bottom": band[1]}

    @Slot()
    def resetSession(self) -> None:
        self.speech.stop()
        for name, value in DEFAULTS.items():
            self._values[name] = value
        self.speech.slow = False
        self._apply_volume()
        self.changed.emit()
        self.sessionReset.emit()

    def _apply_volume(self) -> None:
        self.speech.set_gain(S.volume_gain(self._values["volumeStep"]))
