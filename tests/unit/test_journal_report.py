"""The per-act attestation on journals built minute by minute: every interruption and its cause."""

from datetime import timedelta
from pathlib import Path

import pytest

from journal.appender import Appender
from journal.report import act_report
from journal.report_html import render
from journal.store import JournalStore
from tests.support.journal import T0

ACT, SHA, SHA2 = "ARR-2026-042", "a" * 64, "b" * 64


class Screen:
    """A journal written as a screen would: a minute of time per step, the catalogue's heartbeats."""

    def __init__(self, path: Path) -> None:
        self.store = JournalStore(path)
        self.store.set_meta("screen", "hall-1")
        self.appender = Appender(self.store, "hall-1")
        self.now = T0

    def add(self, event: str, act_id: str = "", sha: str = "", detail: dict | None = None) -> None:
        self.appender.add(self.now, event, act_id, sha, detail)

    def minutes(self, count: int, acts: list | None = None, sha: str = SHA) -> None:
        for _ in range(count):
            self.now += timedelta(minutes=1)
            self.add("screen_on")
            self.add("heartbeat", detail={"acts": [{"id": ACT, "sha256": sha}] if acts is None else acts})

    def silent(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)

    def report(self, **kwargs) -> dict:
        self.appender.flush()
        return act_report([self.store], ACT, **kwargs)["screens"][0]


@pytest.fixture
def screen(tmp_path: Path):
    made = Screen(tmp_path / "j.sqlite")
    yield made
    made.store.close()


def test_a_power_cut_in_the_middle_is_an_interruption_with_its_cause(screen: Screen):
    screen.add("start")
    screen.add("act_listed", ACT, SHA)
    screen.minutes(60)
    screen.silent(47)  # the power went: no stop entry
    screen.add("crash_restart", detail={"last_entry_seq": 1})
    screen.add("start")
    screen.minutes(60)
    report = screen.report()
    assert report["displayed_from"] == "2026-07-14T08:00:00Z" and report["displayed_until"] == "2026-07-14T10:47:00Z"
    [cut] = report["interruptions"]
    assert (cut["from"], cut["until"], cut["duration_s"]) == ("2026-07-14T09:00:00Z", "2026-07-14T09:48:00Z", 2880.0)
    assert cut["cause"] == "process_down_unclean" and "coupure de courant" in cut["explanation"]
    assert cut["process_down"] == {"last_entry_before": "2026-07-14T09:00:00Z", "restarted_at": "2026-07-14T09:47:00Z"}
    assert report["span_s"] == 167 * 60 and report["shown_s"] == 167 * 60 - 2880 and not report["continuous"]


def test_each_cause_is_told_apart(screen: Screen):
    screen.minutes(5)
    screen.add("stop")
    screen.silent(10)
    screen.add("start")  # a clean restart (an update)
    screen.minutes(5)
    screen.add("screen_off")
    screen.silent(30)
    screen.add("screen_on")
    screen.minutes(5)
    screen.minutes(10, acts=[{"id": "OTHER", "sha256": SHA}])  # the act was not in the list
    screen.minutes(5)
    for _ in range(6):  # another layout on screen: the runtime beats, the catalogue does not
        screen.silent(1)
        screen.add("screen_on")
    screen.minutes(1)
    screen.add("feed_lost")
    screen.silent(20)
    screen.minutes(1)
    causes = [i["cause"] for i in screen.report()["interruptions"]]
    assert causes == ["process_stopped", "screen_off", "act_not_listed", "catalogue_not_shown", "feed_lost"]


def test_short_gaps_and_clock_jumps_are_not_interruptions(screen: Screen):
    screen.minutes(5)
    screen.silent(2)  # under the 3-minute threshold
    screen.minutes(5)
    screen.now -= timedelta(hours=2)  # the clock set back 2 h, the writer measured it
    screen.add("clock_jump", detail={"jump_s": -7200.0})
    screen.minutes(5)
    report = screen.report()
    assert report["continuous"] and report["clock_jumps"] == [{"at": "2026-07-14T06:12:00Z", "jump_s": -7200.0}]


def test_a_file_that_changed_keeps_both_hashes_and_is_a_problem(screen: Screen):
    screen.minutes(5, sha=SHA)
    screen.minutes(5, sha=SHA2)
    screen.add("act_removed", ACT, SHA2)
    screen.appender.flush()
    report = act_report([screen.store], ACT)
    assert report["sha256"] == [SHA, SHA2] and "a changé" in report["problems"][0]
    assert report["screens"][0]["removed_at"] == "2026-07-14T08:10:00Z"
    page = render(report, [{"ok": True, "first_seq": 1, "last_seq": 21, "covered_through": 21, "public_key": "ab"}],
                  "2026-07-15T09:00:00Z")
    assert "Certificat d'affichage" in page and SHA2 in page and "14/07/2026 10:01:00 (UTC+0200)" in page


def test_the_page_escapes_what_the_journal_holds(screen: Screen):
    screen.store.set_meta("screen", "<script>alert(1)</script>")
    screen.appender.screen = "<script>alert(1)</script>"
    screen.minutes(2)
    screen.appender.flush()
    report = act_report([screen.store], ACT)
    page = render(report, [{"ok": False, "problems": ["<b>x</b>"]}], "2026-07-15T09:00:00Z")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>x" not in page


def test_no_proof_at_all_is_said(screen: Screen):
    screen.minutes(3, acts=[])
    screen.appender.flush()
    report = act_report([screen.store], ACT)
    assert report["problems"] == ["aucune preuve d'affichage de cet acte dans le journal"]
