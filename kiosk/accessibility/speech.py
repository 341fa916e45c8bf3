"""Speech with a real stop path: espeak-ng renders in the Jobs pool, QtMultimedia plays from memory.

``stop()`` drops what is queued, makes every synthesis still running stale (its result is thrown
away) and stops the player at once (``QMediaPlayer.stop`` is synchronous). ``repeat()`` replays the
last utterance from a small cache of rendered WAVs. GUI thread only.
"""

import logging
from collections import OrderedDict

from PySide6.QtCore import Property, QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from kiosk.accessibility.synth import clean_text, synthesise
from kiosk.jobs import Jobs
from kiosk.logs import event

log = logging.getLogger("kiosk.speech")
CACHE_ENTRIES = 16
Utterance = tuple[str, str]  # (text, lang)


class Speech(QObject):
    speakingChanged = Signal()
    failed = Signal(str)

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._generation = 0  # bumped by every say/stop: older syntheses are stale
        self._queue: list[Utterance] = []
        self._last: list[Utterance] = []
        self._cache: OrderedDict[tuple[str, str, bool], bytes] = OrderedDict()
        self._speaking = False
        self.slow = False
        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(lambda _e, message: self._fail(f"playback: {message}"))
        self._buffer: QBuffer | None = None

    speaking = Property(bool, lambda self: self._speaking, notify=speakingChanged)

    @property
    def player(self) -> QMediaPlayer:
        return self._player

    def set_gain(self, gain: float) -> None:
        self._output.setVolume(max(0.0, min(1.0, float(gain))))

    def gain(self) -> float:
        return float(self._output.volume())

    def say(self, text: str, lang: str) -> None:
        self.say_all([(text, lang)])

    def say_all(self, utterances: list[Utterance]) -> None:
        """Interrupts whatever is spoken and says these one after the other."""
        cleaned = [(clean_text(text), lang) for text, lang in utterances[:4]]
        cleaned = [(text, lang) for text, lang in cleaned if text]
        self.stop()
        if not cleaned:
            return
        self._last = list(cleaned)
        self._queue = list(cleaned)
        self._next()

    def repeat(self) -> None:
        if self._last:
            self.say_all(list(self._last))

    def stop(self) -> None:
        self._generation += 1
        self._queue.clear()
        if self._player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            self._player.stop()
        self._set_speaking(False)

    def last_utterances(self) -> list[Utterance]:
        return list(self._last)

    def _next(self) -> None:
        if not self._queue:
            self._set_speaking(False)
            return
        text, lang = self._queue.pop(0)
        key = (text, lang, self.slow)
        self._set_speaking(True)
        if key in self._cache:
            self._cache.move_to_end(key)
            self._play(self._cache[key])
            return
        generation = self._generation
        slow = self.slow
        self._jobs.submit(lambda: synthesise(text, lang, slow), lambda wav, error: self._on_rendered(generation, key, wav, error))

    def _on_rendered(self, generation: int, key: tuple[str, str, bool], wav: bytes | None, error: BaseException | None) -> None:
        if error is not None or wav is None:
            self._fail(str(error))
            return
        self._cache[key] = wav
        while len(self._cache) > CACHE_ENTRIES:
            self._cache.popitem(last=False)
        if generation == self._generation:  # not stopped or replaced meanwhile
            self._play(wav)

    def _play(self, wav: bytes) -> None:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(wav))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._player.setSourceDevice(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._player.play()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._speaking:
            self._next()

    def _fail(self, message: str) -> None:
        event(log, "speech_failed", logging.WARNING, message[:300])
        self._queue.clear()
        self._set_speaking(False)
        self.failed.emit(message[:300])

    def _set_speaking(self, value: bool) -> None:
        if value != self._speaking:
            self._speaking = value
            self.speakingChanged.emit()

    def follow_default_output(self) -> None:
        """A new default output (headphones plugged or unplugged): speech goes there."""
        from PySide6.QtMultimedia import QMediaDevices

        self._output.setDevice(QMediaDevices.defaultAudioOutput())
