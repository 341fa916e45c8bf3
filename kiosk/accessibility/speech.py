"""Speech with a real stop path: espeak-ng renders a WAV in the Jobs pool, QtMultimedia plays it.

``stop()`` drops what is queued, makes every synthesis still running stale (its result is thrown
away) and stops the player at once (``QMediaPlayer.stop`` is synchronous). ``repeat()`` replays the
last utterance from a small cache of rendered WAV files (a private temporary folder, at most
CACHE_ENTRIES files, removed with the object). GUI thread only.

WORKAROUND (PySide6 6.12, FFmpeg backend): a QMediaPlayer/QAudioOutput created from Python deadlocked
in ``stop()``: the main thread, holding the GIL, waits for the audio renderer thread, which destroys
an object connected to the Python-made QAudioOutput and so needs the GIL for its wrapper's
``disconnectNotify``. Made by QML, the two objects have no Python wrapper hooks, and sources are
files (no Python-made QIODevice either).
"""

import hashlib
import logging
import shutil
import tempfile
import weakref
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import Property, QByteArray, QObject, QUrl, Signal
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtQml import QQmlComponent, QQmlEngine

from kiosk.accessibility.synth import clean_text, synthesise
from kiosk.jobs import Jobs
from kiosk.logs import event

log = logging.getLogger("kiosk.speech")
CACHE_ENTRIES = 16
PLAYER_QML = b"import QtMultimedia\nMediaPlayer { audioOutput: AudioOutput {} }\n"
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
        self._cache: OrderedDict[tuple[str, str, bool], Path] = OrderedDict()
        self._speaking = False
        self.slow = False
        self._folder = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
        weakref.finalize(self, shutil.rmtree, self._folder, True)
        self._engine = QQmlEngine(self)
        component = QQmlComponent(self._engine)
        component.setData(QByteArray(PLAYER_QML), QUrl("speech-player.qml"))
        self._player: QMediaPlayer = component.create()
        if self._player is None:
            raise RuntimeError(f"the speech player did not load: {[e.toString() for e in component.errors()]}")
        self._player.setParent(self)
        self._output = self._player.audioOutput()
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(lambda _e, message: self._fail(f"playback: {message}"))

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
        path = self._folder / (hashlib.sha256(repr(key).encode()).hexdigest()[:24] + ".wav")
        self._jobs.submit(lambda: _render_to(path, text, lang, key[2]), lambda done, error: self._on_rendered(generation, key, done, error))

    def _on_rendered(self, generation: int, key: tuple[str, str, bool], path: Path | None, error: BaseException | None) -> None:
        if error is not None or path is None:
            self._fail(str(error))
            return
        self._cache[key] = path
        while len(self._cache) > CACHE_ENTRIES:
            self._cache.popitem(last=False)[1].unlink(missing_ok=True)  # a file still playing stays readable
        if generation == self._generation:  # not stopped or replaced meanwhile
            self._play(path)

    def _play(self, path: Path) -> None:
        self._player.setSource(QUrl.fromLocalFile(str(path)))
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

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._folder, ignore_errors=True)

    def follow_default_output(self) -> None:
        """A new default output (headphones plugged or unplugged): speech goes there."""
        from PySide6.QtMultimedia import QMediaDevices

        self._output.setDevice(QMediaDevices.defaultAudioOutput())


def _render_to(path: Path, text: str, lang: str, slow: bool) -> Path:
    """In the pool: the WAV written beside, then renamed (a reader never sees half a file)."""
    partial = path.with_suffix(".part")
    partial.write_bytes(synthesise(text, lang, slow))
    partial.replace(path)
    return path
