"""The visual checks on the existing legal-acts screens (catalogue list, an act open in the reader) in
normal, large text x1.5 and x2, and high-contrast modes. What they find is recorded in
``KNOWN`` below (reported to the legal-acts owners, not fixed here): a new finding fails, and so
does a known one that went away (then remove it from the list)."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from common.clock import ManualClock
from kiosk.accessibility import start_accessibility, watch_window
from signs.legal_acts.item import LegalActsItem
from signs.legal_acts.samples import write_sample_catalogue
from signs.legal_acts.stage import Stage, context_for
from tests.support.access_stage import AUDIO_NOISE, pulse_session
from tests.support.visual_checks import contrast_findings, cut_findings, describe

NOW = datetime(2026, 7, 14, 10, 0, tzinfo=UTC)
MODES = {"normal": "", "large-1.5": "; textScale: 1.5", "large-2": "; textScale: 2.0", "high-contrast": "; highContrast: true",
         "high-contrast-large-2": "; highContrast: true; textScale: 2.0"}
# Reported to the legal-acts owners (signs/legal_acts/qml), as measured on 2026-11-26:
# - TouchButton greys an unavailable button with its own ``enabledButton`` and opacity 0.55, not ``enabled``:
#   its label is 2.71:1 (6.16:1 in high contrast) and a screen reader is not told it is unavailable.
# (The reader at x2 had the "+" zoom button off the window and its facts panel overlapping and cut:
#  fixed at merge, a shorter back label and a facts panel whose texts scroll.)
GREYED_PAGER = {"contrast: '‹ Précédente'"}
GREYED_READER = {"contrast: '‹'", "contrast: '›'", "contrast: '−'"}
READER_X2 = GREYED_READER
KNOWN: dict[tuple[str, str], set[str]] = {  # (screen, mode) -> findings as "kind: item"
    **{("list", mode): GREYED_PAGER for mode in MODES},
    **{("reader", mode): GREYED_READER for mode in MODES},
    ("reader", "large-2"): READER_X2, ("reader", "high-contrast-large-2"): READER_X2,
}


def findings_of(stage: Stage, high_contrast: bool) -> tuple[set[str], str]:
    image = stage.view.grabWindow()
    found = cut_findings(stage.root) + contrast_findings(stage.root, image, level="AAA" if high_contrast else "AA",
                                                         minimum=7.0 if high_contrast else None)
    return {f"{f.kind}: {f.item}" for f in found}, describe(found)


@pytest.mark.parametrize("screen", ["list", "reader"])
@pytest.mark.parametrize("mode", list(MODES))
def test_legal_acts_screens(qtbot, tmp_path, screen, mode):
    write_sample_catalogue(tmp_path, count=12)
    item = LegalActsItem.model_validate({"kind": "legal_acts", "acts_file": "acts.json"})
    stage = Stage(item, context_for(tmp_path, tmp_path / "cache"), ManualClock(NOW), extra=MODES[mode])
    try:
        if screen == "reader":
            act = stage.catalogue.property("results")[0]
            stage.root.setProperty("openedId", act["id"])
            qtbot.waitUntil(lambda: stage.root.findChild(QQuickItem, "page-indicator") is not None, timeout=3000)
        qtbot.wait(300)
        found, text = findings_of(stage, "highContrast" in MODES[mode])
        stage.grab(tmp_path / f"acts-{screen}-{mode}.png")
        assert found == KNOWN.get((screen, mode), set()), text
    finally:
        stage.close()


@pytest.fixture(scope="session")
def pulse():
    yield from pulse_session()


@AUDIO_NOISE
def test_the_keypad_filter_keeps_the_legal_acts_keys(qtbot, tmp_path, pulse, jobs):
    """In the runtime the keypad filter sits on the window: the catalogue's arrows, Enter and Escape still work."""
    write_sample_catalogue(tmp_path, count=12)
    item = LegalActsItem.model_validate({"kind": "legal_acts", "acts_file": "acts.json"})
    stage = Stage(item, context_for(tmp_path, tmp_path / "cache"), ManualClock(NOW))
    access = start_accessibility(stage.view, jobs)
    back = []
    access.backRequested.connect(lambda: back.append(1))
    watch_window(access, stage.view)
    try:
        stage.view.requestActivate()
        results = stage.find("results-list")
        results.forceActiveFocus()
        start = results.property("currentIndex")
        QTest.keyClick(stage.view, Qt.Key.Key_Down)
        assert results.property("currentIndex") == start + 1  # the list took the arrow
        QTest.keyClick(stage.view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: stage.root.property("openedId") != "", timeout=3000)
        QTest.keyClick(stage.view, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: stage.root.property("openedId") == "", timeout=3000)
        assert back == []  # the reader's own Back, not the kiosk's
    finally:
        access.stopSpeech()
        stage.close()
