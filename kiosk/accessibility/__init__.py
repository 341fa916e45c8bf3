"""Shared accessibility services of the kiosk: the ``accessibility`` QML context object (settings,
palette, speech), the keypad filter, headphone detection and the ``Kiosk.Access`` QML module.

    access = start_accessibility(app, jobs)               # one per process
    engine.addImportPath(qml_import_path())   # then QML can ``import Kiosk.Access``
    context["accessibility"] = access
    watch_window(access, window)              # keypad keys, stop speech on any touch or key
"""

from importlib import resources

from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickWindow

from kiosk.accessibility.focus_speech import FocusSpeech
from kiosk.accessibility.headphones import HeadphoneWatcher
from kiosk.accessibility.keypad import KeypadFilter
from kiosk.accessibility.service import AccessibilityService
from kiosk.jobs import Jobs

__all__ = ["AccessibilityService", "qml_import_path", "start_accessibility", "watch_window"]

HEADPHONES_ON_MESSAGE = {"fr": "Casque branché : la lecture à voix haute est activée.",
                         "en": "Headphones plugged in: speech is on."}


def qml_import_path() -> str:
    """The folder holding ``Kiosk/Access`` (KioskButton, FocusRing, KioskInputPanel)."""
    return str(resources.files("kiosk.accessibility") / "qml")


def start_accessibility(parent: QObject, jobs: Jobs) -> AccessibilityService:
    access = AccessibilityService(jobs, parent)

    def plugged() -> None:
        access.setSpeechOn(True)
        access.say(HEADPHONES_ON_MESSAGE[access.property("language")])

    access.headphones = HeadphoneWatcher(plugged, access.speech.follow_default_output, access)
    return access


def watch_window(access: AccessibilityService, window: QQuickWindow) -> KeypadFilter:
    """The keypad keys and stop-on-any-action on this window, and its focused controls spoken."""
    keypad = KeypadFilter(access, access)
    keypad.watch(window)
    FocusSpeech(access, keypad).watch(window)
    return keypad
