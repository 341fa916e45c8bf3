"""The accessible controls on a real window: the keypad walks the focus (arrows), Enter acts on
release, Back and Help reach the signs, a tap acts on release inside and a slip off cancels, the
focused control says its name; in normal, large (x1.5, x2) and high-contrast modes no text is cut
and every text meets its contrast on the grabbed image. The checker itself finds planted faults."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QKeyEvent
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.accessibility import start_accessibility, watch_window
from tests.support.access_stage import AUDIO_NOISE, AccessStage, pulse_session
from tests.support.visual_checks import contrast_findings, cut_findings, describe

pytestmark = AUDIO_NOISE
LABELS = ["Démarches en ligne et compte citoyen", "Prendre rendez-vous", "Agenda", "Acceo : appeler avec un interprète"]
PAGE = """
Rectangle {
    id: page
    objectName: "page"
    color: accessibility.colors.background
    property string lastActivated: ""
    function nameOf(item) { return item ? item.Accessible.name : "" }
    Column {
        x: 40; y: 30; width: 520; spacing: 18
        KioskText { objectName: "heading"; width: parent.width; basePixelSize: 30; font.bold: true; text: "Mairie d'Istres" }
        KioskText { objectName: "intro"; width: parent.width; muted: true; basePixelSize: 18
                    text: "Touchez un service, ou utilisez les flèches et la touche Entrée." }
%s
    }
}
"""


def page_qml() -> str:
    buttons = "\n".join(f'        KioskButton {{ objectName: "b{i}"; width: parent.width; text: "{label}"; primary: {str(i != 3).lower()}\n'
                        f'                      onActivated: page.lastActivated = objectName }}' for i, label in enumerate(LABELS))
    return PAGE % buttons


@pytest.fixture(scope="session")
def pulse():
    yield from pulse_session()


@pytest.fixture
def stage(pulse, qapp, jobs, tmp_path):
    access = start_accessibility(qapp, jobs)
    made = AccessStage(page_qml(), access, tmp_path, size=(600, 1100))
    watch_window(access, made.view)
    made.access = access
    yield made
    access.stopSpeech()
    made.close()


def key(stage, k, kind=QEvent.Type.KeyPress):
    QGuiApplication.sendEvent(stage.view, QKeyEvent(kind, k, Qt.KeyboardModifier.NoModifier))


def focused(stage) -> str:
    item = stage.view.activeFocusItem()
    return item.objectName() if item is not None else ""


def test_keypad_walks_the_focus_and_acts_on_release(qtbot, stage):
    back, helped = [], []
    stage.access.backRequested.connect(lambda: back.append(1))
    stage.access.helpRequested.connect(lambda: helped.append(1))
    walk = []
    for _ in LABELS:
        key(stage, Qt.Key.Key_Down)
        walk.append(focused(stage))
        assert stage.root.nameOf(stage.view.activeFocusItem()) == LABELS[len(walk) - 1]  # what a screen reader says
    assert walk == ["b0", "b1", "b2", "b3"]
    key(stage, Qt.Key.Key_Up)
    assert focused(stage) == "b2"
    key(stage, Qt.Key.Key_Return)
    assert stage.root.property("lastActivated") == ""  # not on press
    key(stage, Qt.Key.Key_Return, QEvent.Type.KeyRelease)
    assert stage.root.property("lastActivated") == "b2"
    key(stage, Qt.Key.Key_Escape), key(stage, Qt.Key.Key_F1)
    assert back == [1] and helped == [1]


def test_focused_control_says_its_name_when_speech_is_on(qtbot, stage):
    key(stage, Qt.Key.Key_Down)
    assert stage.access.speech.last_utterances() == []  # speech off: silent
    stage.access.setSpeechOn(True)
    key(stage, Qt.Key.Key_Down)
    assert stage.access.speech.last_utterances() == [(f"{LABELS[1]}, bouton", "fr")]


def centre(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def test_tap_acts_on_release_inside_and_a_slip_off_cancels(qtbot, stage):
    b1, b2 = stage.find("b1"), stage.find("b2")
    QTest.mousePress(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(b1))
    assert stage.root.property("lastActivated") == ""
    QTest.mouseRelease(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(b1))
    assert stage.root.property("lastActivated") == "b1"
    stage.root.setProperty("lastActivated", "")
    QTest.mousePress(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(b2))
    QTest.mouseMove(stage.view, QPoint(590, 1090))
    QTest.mouseRelease(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(590, 1090))
    assert stage.root.property("lastActivated") == ""


MODES = {"normal": (1.0, False), "large-1.5": (1.5, False), "large-2": (2.0, False), "high-contrast": (1.0, True),
         "high-contrast-large-2": (2.0, True)}


@pytest.mark.parametrize("mode", list(MODES))
def test_no_cut_text_and_contrast_in_every_mode(qtbot, stage, mode):
    scale, contrast = MODES[mode]
    stage.access.setTextScale(scale)
    stage.access.setHighContrast(contrast)
    key(stage, Qt.Key.Key_Down)  # a focus ring on screen too
    qtbot.wait(50)
    for name in ("b0", "b1", "b2", "b3"):
        button = stage.find(name)
        assert button.width() >= 44 and button.height() >= 44
    image = stage.view.grabWindow()
    problems = cut_findings(stage.root) + contrast_findings(stage.root, image, minimum=7.0 if contrast else 4.5)
    assert not problems, describe(problems)
    assert stage.find("b0").height() > (60 if scale == 1.0 else 90)  # grown with the text, not cut


def test_the_checker_finds_planted_faults(qtbot, stage, tmp_path):
    planted = AccessStage("""
Rectangle {
    color: "#ffffff"
    Text { objectName: "pale"; x: 10; y: 10; text: "Texte trop pâle"; color: "#aaaaaa"; font.pixelSize: 20 }
    Rectangle { objectName: "box"; x: 10; y: 60; width: 120; height: 40; color: "#dddddd"; clip: true
        Text { objectName: "cut"; width: 100; text: "Un libellé beaucoup trop long"; font.pixelSize: 20 } }
    Rectangle { x: 10; y: 120; width: 120; height: 40; color: "#0a5aa0"
        Text { objectName: "spill"; x: 6; text: "Déborde du bouton"; color: "white"; font.pixelSize: 20 } }
    Text { objectName: "lines"; x: 10; y: 200; width: 200; text: "une deux trois quatre cinq six sept huit"; wrapMode: Text.Wrap
           maximumLineCount: 1; font.pixelSize: 20 }
    Text { objectName: "edge"; x: 700; y: 300; text: "Hors de l'écran"; font.pixelSize: 20 }
    Text { objectName: "under"; x: 300; y: 20; text: "Dessous"; font.pixelSize: 20 }
    Text { objectName: "over"; x: 310; y: 26; text: "Dessus"; font.pixelSize: 20 }
}""", stage.access, tmp_path, size=(760, 400))
    image = planted.view.grabWindow()
    kinds = {(f.kind, f.item) for f in cut_findings(planted.root) + contrast_findings(planted.root, image)}
    assert {("contrast", "pale"), ("overflow", "cut"), ("clipped", "cut"), ("spills", "spill"), ("truncated", "lines"),
            ("off-window", "edge"), ("overlap", "over")} <= kinds, kinds
    planted.close()


def test_any_named_control_is_spoken_with_its_kind_and_state(qtbot, stage, tmp_path):
    """Not only KioskButton: a sign's own control with an accessible name and role is said on focus."""
    other = AccessStage("""
Rectangle {
    Rectangle { objectName: "toggle"; width: 200; height: 60; activeFocusOnTab: true
        Accessible.role: Accessible.CheckBox; Accessible.name: "Contraste élevé"; Accessible.checkable: true; Accessible.checked: true }
    Item { objectName: "silent"; y: 80; width: 200; height: 60; activeFocusOnTab: true }
}""", stage.access, tmp_path, size=(300, 200))
    watch_window(stage.access, other.view)
    other.view.requestActivate()
    qtbot.waitUntil(other.view.isActive, timeout=2000)
    stage.access.setSpeechOn(True)
    stage.access.setLanguage("en")
    key(other, Qt.Key.Key_Down)
    assert focused(other) == "toggle", focused(other)
    assert stage.access.speech.last_utterances() == [("Contraste élevé, check box, checked", "en")]
    key(other, Qt.Key.Key_Down)  # an unnamed item says nothing (and the previous words stay the last)
    assert focused(other) == "silent" and len(stage.access.speech.last_utterances()) == 1
    other.close()


def test_a_control_that_uses_the_arrows_keeps_them(qtbot, stage, tmp_path):
    """A list (the legal-acts results, a reader's pages) moves with the arrows; at its end the arrow moves the focus on."""
    other = AccessStage("""
Rectangle {
    ListView { objectName: "list"; width: 200; height: 150; model: 3; focus: true; activeFocusOnTab: true; keyNavigationWraps: false
        delegate: Text { text: "ligne " + index; height: 40 } }
    KioskButton { objectName: "after"; y: 170; width: 200; text: "Suite" }
}""", stage.access, tmp_path, size=(300, 260))
    watch_window(stage.access, other.view)
    other.view.requestActivate()
    qtbot.waitUntil(other.view.isActive, timeout=2000)
    listing = other.find("list")
    listing.forceActiveFocus()
    key(other, Qt.Key.Key_Down), key(other, Qt.Key.Key_Down)
    assert listing.property("currentIndex") == 2 and listing.hasActiveFocus()
    key(other, Qt.Key.Key_Down)  # the list's end: nobody took it, the focus moves on
    assert focused(other) == "after"
    other.close()


def test_a_view_with_its_own_escape_keeps_it(qtbot, stage, tmp_path):
    back = []
    stage.access.backRequested.connect(lambda: back.append(1))
    other = AccessStage("""
FocusScope {
    property int closed: 0
    Keys.onEscapePressed: closed += 1
    KioskButton { objectName: "inside"; width: 200; text: "Lire" }
}""", stage.access, tmp_path, size=(300, 200))
    watch_window(stage.access, other.view)
    other.view.requestActivate()
    qtbot.waitUntil(other.view.isActive, timeout=2000)
    other.find("inside").forceActiveFocus()
    key(other, Qt.Key.Key_Escape)
    assert other.root.property("closed") == 1 and back == []  # the view's own Back (the legal-acts reader closes)
    other.close()


@pytest.mark.parametrize("mode", ["normal", "large-2", "high-contrast", "high-contrast-large-2"])
def test_the_text_field_in_every_mode(qtbot, stage, tmp_path, mode):
    scale, contrast = MODES[mode]
    stage.access.setTextScale(scale)
    stage.access.setHighContrast(contrast)
    other = AccessStage("""
Rectangle {
    color: accessibility.colors.background
    KioskTextField { objectName: "field"; x: 20; y: 20; width: 460; label: "Rechercher un acte"; text: "Délibération du conseil municipal" }
}""", stage.access, tmp_path, size=(500, 200))
    other.find("field").forceActiveFocus()
    qtbot.wait(50)
    image = other.view.grabWindow()
    problems = cut_findings(other.root) + contrast_findings(other.root, image, minimum=7.0 if contrast else 4.5)
    assert not problems, describe(problems)
    field = other.find("field")
    assert field.height() >= 64
    assert QAccessible.queryAccessibleInterface(field).text(QAccessible.Text.Name) == "Rechercher un acte"
    other.close()
