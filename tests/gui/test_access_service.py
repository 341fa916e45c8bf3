"""The accessibility object and speech, on real espeak-ng and QtMultimedia: settings and their reset,
speech that plays, stops on any touch or key (not on the volume keys), repeats, and alerts spoken
in French then English. Offscreen there is no sound card: QtMultimedia plays on its own clock."""

import shutil
import time

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest

from kiosk.accessibility import settings as S
from kiosk.accessibility import start_accessibility, watch_window
from kiosk.accessibility.alert_speech import alert_speaker
from kiosk.accessibility.palette import HIGH_CONTRAST, NORMAL
from tests.support.access_stage import AUDIO_NOISE, AccessStage, pulse_session

pytestmark = [pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (scripts/bootstrap.sh)"),
              AUDIO_NOISE]
PLAYING = QMediaPlayer.PlaybackState.PlayingState


@pytest.fixture(scope="session")
def pulse():
    yield from pulse_session()


@pytest.fixture
def access(pulse, qapp, jobs):
    service = start_accessibility(qapp, jobs)
    yield service
    service.stopSpeech()
    service.deleteLater()


def playing(access) -> bool:
    return access.speech.player.playbackState() == PLAYING


def test_settings_change_and_reset_to_defaults(qtbot, access):
    resets = []
    access.sessionReset.connect(lambda: resets.append(1))
    access.setTextScale(2.0), access.setHighContrast(True), access.setSlowMode(True), access.setLowLayout(True)
    access.setSpeechOn(True), access.setLanguage("en"), access.volumeUp(), access.volumeUp()
    assert access.property("colors") == HIGH_CONTRAST and access.property("timeoutFactor") == 2.0
    assert access.property("volumeStep") == S.DEFAULT_VOLUME_STEP + 2 and access.property("language") == "en"
    access.setLanguage("de"), access.setTextScale(float("nan"))  # refused: nothing changes but the scale's default
    assert access.property("language") == "en"
    access.resetSession()
    assert resets == [1]
    assert [access.property(n) for n in ("textScale", "highContrast", "slowMode", "lowLayout", "speechOn", "language", "volumeStep")] == [
        1.0, False, False, False, False, "fr", S.DEFAULT_VOLUME_STEP]
    assert access.property("colors") == NORMAL and access.property("timeoutFactor") == 1.0
    assert access.speech.gain() == pytest.approx(S.volume_gain(S.DEFAULT_VOLUME_STEP), rel=1e-3)


def test_say_is_silent_until_speech_is_on(qtbot, access):
    access.say("Bonjour")
    qtbot.wait(300)
    assert not playing(access) and access.speech.last_utterances() == []


def test_speech_plays_stops_at_once_and_repeats(qtbot, access):
    access.setSpeechOn(True)
    access.say("Bienvenue à l'hôtel de ville d'Istres. Touchez l'écran pour commencer.")
    qtbot.waitUntil(lambda: playing(access), timeout=5000)
    qtbot.waitUntil(lambda: access.speech.player.position() > 0, timeout=3000)  # the null sink buffers ~0.6 s
    started = time.perf_counter()
    access.stopSpeech()
    assert not playing(access) and time.perf_counter() - started < 0.15
    assert not access.property("speaking")
    pending = access.speech._jobs.pending_count()
    access.repeat()  # from the cache of rendered speech: no new synthesis
    assert access.property("speaking") and access.speech._jobs.pending_count() == pending
    qtbot.waitUntil(lambda: playing(access), timeout=1000)
    assert access.speech.last_utterances()[0][1] == "fr"


def test_any_touch_or_key_stops_speech_but_not_the_volume_keys(qtbot, access, tmp_path):
    stage = AccessStage('Rectangle { color: "white" }', access, tmp_path)
    watch_window(access, stage.view)
    access.setSpeechOn(True)
    access.say("Une phrase assez longue pour être encore en cours quand on touche l'écran.")
    qtbot.waitUntil(lambda: playing(access), timeout=5000)
    step = access.property("volumeStep")
    QGuiApplication.sendEvent(stage.view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_VolumeUp, Qt.KeyboardModifier.NoModifier))
    assert playing(access) and access.property("volumeStep") == step + 1
    QTest.mousePress(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPointF(100, 100).toPoint())
    assert not playing(access)
    QTest.mouseRelease(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPointF(100, 100).toPoint())
    access.repeat()
    qtbot.waitUntil(lambda: playing(access), timeout=1000)
    QTest.keyClick(stage.view, Qt.Key.Key_A)
    assert not playing(access)
    stage.close()


def test_plugging_headphones_switches_speech_on(qtbot, access, pulse):
    """The audio system reports a new output (a USB headset: PulseAudio adds a sink for it)."""
    assert not access.property("speechOn")
    module = pulse.ctl("load-module", "module-null-sink", "sink_name=usb_headset", "sink_properties=device.description=USB-Headset").strip()
    try:
        qtbot.waitUntil(lambda: bool(access.property("speechOn")), timeout=5000)
        assert "Casque" in access.speech.last_utterances()[0][0]
    finally:
        pulse.ctl("unload-module", module)


def test_alerts_are_spoken_in_french_then_english_even_with_speech_off(qtbot, access):
    class Info:
        def __init__(self, lang): self.lang = lang  # noqa: E704

    spoken: list = []
    access.say_now = spoken.append  # what the alert centre hands over, checked before it is played
    held = []
    speak = alert_speaker(access, lambda: held)
    speak("Plage fermée. Suivez les consignes.", "fr")  # nothing held: the centre's own text, French
    assert spoken[-1] == [("Plage fermée. Suivez les consignes.", "fr")]
    del access.say_now
    access.say_now([("Alerte. Plage fermée.", "fr"), ("Alert. Beach closed.", "en")])
    qtbot.waitUntil(lambda: playing(access), timeout=5000)
    assert access.speech.last_utterances() == [("Alerte. Plage fermée.", "fr"), ("Alert. Beach closed.", "en")]
    qtbot.waitUntil(lambda: access.speech.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia or not access.property("speaking"),
                    timeout=8000)
