"""Speech stop latency: from a touch on the window to the end of the sound (target p99 < 150 ms).

The real stack: espeak-ng renders in the Jobs pool, QtMultimedia plays into a private PulseAudio
server's null sink (there is no sound card here), and ``parec`` records the sink's monitor in 10 ms
chunks. Each repetition starts speech, waits until sound comes out of the monitor, lets it run a
random 100-500 ms, then sends a mouse press to the window (the event filter stops speech). Measured:
- ``api_ms``: the press until the player reports Stopped (the press is delivered synchronously);
- ``audible_ms``: the press until the last 10 ms chunk with sound arrives from the monitor (it
  includes the monitor's own recording latency, so it is an upper bound of when sound stopped);
- ``synthesis_ms``: espeak-ng rendering one sentence (20 sentences, each new);
- ``say_to_sound_ms``: ``say()`` until sound is first seen at the monitor (the first rendered, then
  replayed from the cache, as "répéter" does; includes the sink's buffering).
``PULSE_LATENCY_MSEC`` (libpulse's client buffer) is reported: the audio buffered before the stop is
what a listener can still hear.

    .venv/bin/python bench/speech_stop.py [--repetitions 100]
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _harness import ROOT

sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from tests.support.pulse import PulseServer, Recorder  # noqa: E402

SENTENCE = "Bienvenue à l'hôtel de ville d'Istres. Touchez une tuile pour choisir un service, ou demandez de l'aide à l'accueil."


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def spin_until(predicate, timeout_s: float) -> bool:  # noqa: ANN001
    from PySide6.QtCore import QCoreApplication

    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        QCoreApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.002)
    return False


def measure(repetitions: int, recorder: Recorder) -> dict:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QMediaPlayer
    from PySide6.QtTest import QTest

    from kiosk.accessibility import start_accessibility, watch_window
    from kiosk.accessibility.synth import synthesise
    from kiosk.jobs import Jobs
    from tests.support.access_stage import AccessStage

    app = QGuiApplication(sys.argv[:1])
    jobs = Jobs()
    access = start_accessibility(app, jobs)
    stage = AccessStage('Rectangle { color: "white" }', access, Path(tempfile.mkdtemp(prefix="bench-speech-")))
    watch_window(access, stage.view)
    access.setSpeechOn(True)
    api, audible, first_sound, missed = [], [], [], 0
    for _ in range(repetitions):
        started = time.perf_counter()
        access.say(SENTENCE)
        if not spin_until(lambda s=started: recorder.last_sound_after(s) is not None, 5.0):
            missed += 1
            access.stopSpeech()
            continue
        first_sound.append((time.perf_counter() - started) * 1000)
        spin_until(lambda: False, random.uniform(0.1, 0.5))
        pressed = time.perf_counter()
        QTest.mousePress(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))
        stopped = time.perf_counter()
        assert access.speech.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
        QTest.mouseRelease(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))
        api.append((stopped - pressed) * 1000)
        spin_until(lambda: False, 0.8)  # long enough for any sound still buffered to come out
        last = recorder.last_sound_after(pressed)
        audible.append(max(0.0, (last - pressed) * 1000) if last is not None else 0.0)
    synthesis = []
    for i in range(20):
        t = time.perf_counter()
        synthesise(f"{SENTENCE} Phrase {i}.", "fr")
        synthesis.append((time.perf_counter() - t) * 1000)
    stage.close()
    jobs.stop(2000)
    figures = {"repetitions": len(api), "no_sound_runs": missed, "pulse_latency_msec": os.environ.get("PULSE_LATENCY_MSEC", "default")}
    for name, values in (("api_ms", api), ("audible_ms", audible), ("synthesis_ms", synthesis), ("say_to_sound_ms", first_sound)):
        figures[name] = {"p50": round(statistics.median(values), 2), "p99": round(percentile(values, 0.99), 2),
                         "max": round(max(values), 2)}
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=100)
    args = parser.parse_args()
    pulse = PulseServer()
    pulse.use()
    recorder = Recorder(pulse)
    try:
        figures = measure(max(1, min(args.repetitions, 1000)), recorder)
    finally:
        recorder.stop()
        pulse.stop()
    print(json.dumps(figures, indent=2))
    target_met = figures["api_ms"]["p99"] < 150 and figures["audible_ms"]["p99"] < 150
    print("target p99 < 150 ms:", "met" if target_met else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
