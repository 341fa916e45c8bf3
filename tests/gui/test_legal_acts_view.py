"""The catalogue on screen with real QtPdf: search as you type on a keyboard, lists and reader driven
by keys, every page reachable, bad documents said plainly, the journal told what was shown, windows
kept on the injected clock, outdoor mode paging itself. No QML warning."""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from common.clock import ManualClock
from signs.legal_acts import kind as acts_kind
from signs.legal_acts.item import LegalActsItem
from signs.legal_acts.journal_port import MemoryJournal
from signs.legal_acts.samples import write_sample_catalogue
from signs.legal_acts.stage import Stage, context_for
from tests.support.pdfs import bad_pdfs, write_pdf

NOW = datetime(2026, 7, 14, 10, 0, tzinfo=UTC)




@pytest.fixture
def journal():
    memory = MemoryJournal()
    acts_kind.set_display_journal(memory)
    yield memory
    acts_kind.set_display_journal(acts_kind.NoJournal())


@pytest.fixture
def stage_for(qapp, tmp_path):
    made: list[Stage] = []

    def make(item: dict, clock: ManualClock, extra: str = "") -> Stage:
        stage = Stage(LegalActsItem.model_validate({"kind": "legal_acts", **item}), context_for(tmp_path, tmp_path / "cache"),
                      clock, extra=extra)
        made.append(stage)
        return stage

    yield make
    for stage in made:
        stage.close()


def type_text(window, text: str) -> None:
    """Typed on a hardware keyboard, key by key (each press and release goes through the window)."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QGuiApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def text_of(stage: Stage, name: str) -> str:
    return stage.find(name).property("text")


def test_search_as_you_type_and_read_with_the_keyboard(qtbot, tmp_path, stage_for, journal, qml_warnings):
    write_sample_catalogue(tmp_path, count=20)
    stage = stage_for({"acts_file": "acts.json"}, ManualClock(NOW))
    catalogue = stage.catalogue
    assert catalogue.property("total") == 20 and text_of(stage, "results-heading") == "Derniers actes publiés"
    field = stage.find("search-field")
    field.forceActiveFocus()
    type_text(stage.view, "STATIONNEMENT helene")  # no accent, upper case: still found
    qtbot.waitUntil(lambda: catalogue.property("matchCount") == 1, timeout=3000)
    assert text_of(stage, "results-heading") == "1 résultat"
    act = catalogue.property("results")[0]
    QTest.keyClick(stage.view, Qt.Key.Key_Down)  # into the results
    assert stage.find("results-list").hasActiveFocus()
    QTest.keyClick(stage.view, Qt.Key.Key_Return)  # opens the act
    qtbot.waitUntil(lambda: stage.root.findChild(QQuickItem, "page-indicator") is not None, timeout=3000)
    qtbot.waitUntil(lambda: text_of(stage, "page-indicator") == f"page 1 / {act['pages']}", timeout=5000)
    assert text_of(stage, "online-date") == f"Mis en ligne le {act['online_fr']}"
    assert text_of(stage, "author") == f"Auteur : {act['author']}"
    QTest.keyClick(stage.view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: ("page_shown", act["id"], 2) in [(e, i, d["page"]) for e, i, _, d in journal.named("page_shown")],
                    timeout=5000)
    assert journal.named("act_opened")[0][1:3] == (act["id"], act_sha(tmp_path, act["id"]))
    QTest.keyClick(stage.view, Qt.Key.Key_Escape)  # back to the list in one key
    qtbot.waitUntil(lambda: stage.root.findChild(QQuickItem, "page-indicator") is None, timeout=3000)
    assert stage.find("results-list").hasActiveFocus()
    stage.root.metaObject().invokeMethod(stage.root, "resetSession")  # the idle timeout
    assert field.property("text") == "" and catalogue.property("matchCount") == 20
    assert not qml_warnings, qml_warnings


def act_sha(folder: Path, act_id: str) -> str:
    entry = next(a for a in json.loads((folder / "acts.json").read_text())["acts"] if a["id"] == act_id)
    return entry["pdf"]["sha256"]


def one_act_feed(folder: Path, pdf: Path, pages: int | None, until: str = "2026-09-30") -> None:
    entry = {"id": "A-1", "category": "arretes_municipaux", "title": "Un acte", "number": "1",
             "author": {"first_name": "François", "name": "Bernardini", "capacity": "Maire"}, "adopted_on": "2026-07-01",
             "online_on": "2026-07-01", "display": {"from": "2026-07-01", "until": until},
             "pdf": {"src": pdf.name, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(), **({"pages": pages} if pages else {})}}
    (folder / "acts.json").write_text(json.dumps({"schema_version": 1, "acts": [entry]}))


def test_every_page_of_a_2000_page_pdf_is_reachable(qtbot, tmp_path, stage_for, journal, qml_warnings):
    one_act_feed(tmp_path, write_pdf(tmp_path / "big.pdf", 2000, "Registre"), 2000)
    stage = stage_for({"acts_file": "acts.json"}, ManualClock(NOW))
    stage.root.setProperty("openedId", "A-1")
    qtbot.waitUntil(lambda: stage.root.findChild(QQuickItem, "page-indicator") is not None, timeout=3000)
    qtbot.waitUntil(lambda: text_of(stage, "page-indicator") == "page 1 / 2000", timeout=5000)
    stage.view.requestActivate()
    for _ in range(3):
        QTest.keyClick(stage.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: text_of(stage, "page-indicator") == "page 4 / 2000", timeout=3000)
    stage.find("reader").setProperty("page", 2000)
    qtbot.waitUntil(lambda: [d["page"] for *_, d in journal.named("page_shown")][-1:] == [2000], timeout=5000)
    assert stage.find("pdf-page").property("currentFrame") == 1999  # drawn: page_shown is journaled once the image is ready
    assert not qml_warnings, qml_warnings


@pytest.mark.parametrize("name", ["corrupt", "encrypted", "html"])
def test_a_bad_document_is_said_and_the_screen_keeps_working(qtbot, tmp_path, stage_for, name, qml_warnings):
    one_act_feed(tmp_path, bad_pdfs(tmp_path / "bad")[name].rename(tmp_path / f"{name}.pdf"), None)
    stage = stage_for({"acts_file": "acts.json"}, ManualClock(NOW))
    listed = stage.catalogue.property("results")[0]
    assert listed["status"] == "unavailable" and listed["pdf"] == ""
    stage.root.setProperty("openedId", "A-1")
    qtbot.waitUntil(lambda: stage.root.findChild(QQuickItem, "reader-message") is not None, timeout=3000)
    message = stage.find("reader-message")
    assert message.property("visible") and message.property("text").startswith("Document indisponible")
    stage.find("back-button")  # the way back is there
    stage.root.setProperty("openedId", "")
    assert stage.catalogue.property("total") == 1
    assert not qml_warnings, qml_warnings


def test_windows_end_on_the_clock_and_the_journal_hears_of_it(qtbot, tmp_path, stage_for, journal):
    one_act_feed(tmp_path, write_pdf(tmp_path / "a.pdf", 1, "Un"), 1, until="2026-09-01")
    clock = ManualClock(NOW)
    stage = stage_for({"acts_file": "acts.json"}, clock)
    catalogue = stage.catalogue
    catalogue.setOnScreen(True)
    assert [e[1] for e in journal.named("act_listed")] == ["A-1"]
    beats = journal.named("heartbeat")
    assert len(beats) == 1 and beats[0][3]["acts"] == [{"id": "A-1", "sha256": hashlib.sha256((tmp_path / "a.pdf").read_bytes()).hexdigest()}]
    clock.advance(59)
    catalogue.tick()
    assert len(journal.named("heartbeat")) == 1
    clock.advance(2)
    catalogue.tick()
    assert len(journal.named("heartbeat")) == 2
    clock.set_wall(datetime(2026, 9, 1, 21, 59, tzinfo=UTC))  # 23:59 in Istres on its last day
    catalogue.tick()
    assert catalogue.property("total") == 1 and journal.named("act_removed") == []
    clock.set_wall(datetime(2026, 9, 1, 22, 0, tzinfo=UTC))
    catalogue.tick()
    assert catalogue.property("total") == 0
    assert [(e[1], e[3]["ends_at"]) for e in journal.named("act_removed")] == [("A-1", "2026-09-02T00:00:00+02:00")]


def test_outdoor_mode_pages_itself(qtbot, tmp_path, stage_for, qml_warnings):
    write_sample_catalogue(tmp_path, count=6)
    stage = stage_for({"acts_file": "acts.json", "mode": "outdoor"}, ManualClock(NOW))
    facts = stage.find("outdoor-facts")
    outdoor = facts.parentItem().parentItem()
    seen = {facts.property("act")["id"]}
    outdoor.setProperty("pageMs", 100)
    qtbot.waitUntil(lambda: seen.add(facts.property("act").get("id")) or len(seen) >= 4, timeout=5000)
    assert not qml_warnings, qml_warnings
