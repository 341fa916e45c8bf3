"""An attestation for one act, from one journal per screen: which file (sha256), where, from when to
when it was on display, and every interruption longer than a threshold with its cause.

On display at a moment = a catalogue heartbeat listing the act, or the act opened, paged or listed.
Between two such proofs more than ``threshold_s`` apart is an interruption, and what the journal
holds in between says why: a start with no stop before it (power cut, crash), a clean stop and
start, the screen off, the acts feed lost, journal entries lost, the act missing from the list, or
another content on screen. Clock jumps recorded in between are taken out of the durations.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from journal.entry import parse_utc
from journal.heartbeat import ActsReader
from journal.store import JournalStore

DEFAULT_THRESHOLD_S = 180.0  # three missed one-minute heartbeats
EVIDENCE_EVENTS = ("act_listed", "act_opened", "page_shown", "heartbeat")
# (what the journal holds between two proofs, cause code, what a clerk reads), first match wins.
CAUSES = (
    ("crash_restart", "process_down_unclean",
     "logiciel arrêté sans arrêt propre (coupure de courant, plantage ou redémarrage forcé), puis redémarré"),
    ("start_without_stop", "process_down_unclean",
     "logiciel arrêté sans arrêt propre (coupure de courant, plantage ou redémarrage forcé), puis redémarré"),
    ("stop", "process_stopped", "logiciel arrêté proprement (mise à jour, redémarrage planifié ou manuel)"),
    ("screen_off", "screen_off", "écran éteint"),
    ("feed_lost", "feed_lost", "source des actes injoignable (flux perdu)"),
    ("journal_overflow", "journal_gap", "entrées du journal perdues (file d'écriture pleine) : période non prouvée"),
    ("journal_full", "journal_gap", "journal plein (non exporté) : période non prouvée"),
    ("act_removed", "act_removed", "acte retiré puis remis en affichage"),
    ("act_not_listed", "act_not_listed", "l'acte ne figurait pas dans la liste affichée"),
    ("acts_unknown", "acts_unknown", "liste des actes affichés illisible dans le journal"),
    ("screen_on", "catalogue_not_shown", "le catalogue des actes n'était pas à l'écran (autre contenu affiché)"),
)
NO_RECORD = ("no_record", "aucune entrée dans le journal (logiciel bloqué ou journal non écrit)")


@dataclass
class _Screen:
    screen: str
    hashes: dict[str, list[str]] = field(default_factory=dict)  # sha256 -> [first seen, last seen]
    first: datetime | None = None
    last: datetime | None = None
    removed_at: datetime | None = None
    opened: int = 0
    pages_shown: int = 0
    interruptions: list[dict[str, Any]] = field(default_factory=list)
    clock_jumps: list[dict[str, Any]] = field(default_factory=list)
    since: set[str] = field(default_factory=set)  # what happened since the last proof
    jumped_s: float = 0.0  # clock jumps since the last proof
    down: list[str] = field(default_factory=list)  # [last entry before a restart, the start]
    previous: datetime | None = None  # the entry before the current one


def act_report(stores: list[JournalStore], act_id: str, threshold_s: float = DEFAULT_THRESHOLD_S) -> dict[str, Any]:
    screens = [_scan(store, act_id, threshold_s) for store in stores]
    hashes = sorted({sha for s in screens for sha in s["hashes"]})
    problems = []
    if len(hashes) > 1:
        problems.append(f"le fichier de l'acte a changé pendant l'affichage : {len(hashes)} empreintes sha256 différentes")
    if not any(s["displayed_from"] for s in screens):
        problems.append("aucune preuve d'affichage de cet acte dans le journal")
    return {"act_id": act_id, "threshold_s": threshold_s, "sha256": hashes, "screens": screens, "problems": problems}


def _scan(store: JournalStore, act_id: str, threshold_s: float) -> dict[str, Any]:
    state = _Screen(store.meta("screen") or "")
    reader = ActsReader()
    journal_end = None
    for entry in store.entries():
        when = parse_utc(entry.utc)
        if when is None:
            continue
        journal_end = when
        state.screen = state.screen or entry.screen
        if entry.act_id == act_id and entry.event in EVIDENCE_EVENTS + ("act_removed",):
            _proof(state, when, entry.act_sha256, threshold_s)
            state.opened += entry.event == "act_opened"
            state.pages_shown += entry.event == "page_shown"
            state.removed_at = when if entry.event == "act_removed" else None
            if entry.event == "act_removed":
                state.since.add("act_removed")
        elif entry.event == "heartbeat" and not entry.act_id:
            acts = reader.acts_of(entry.detail_object())
            if acts is not None and act_id in acts:
                _proof(state, when, acts[act_id], threshold_s)
                state.removed_at = None
            else:
                state.since.add("acts_unknown" if acts is None else "act_not_listed")
        else:
            _other(state, entry.event, entry.detail_object(), when)
        state.previous = when
    return _summary(state, journal_end, threshold_s)


def _other(state: _Screen, event: str, detail: dict[str, Any], when: datetime) -> None:
    if event in ("start", "crash_restart") and not state.down and state.previous is not None:
        state.down = [_text(state.previous), _text(when)]
    if event == "start" and "stop" not in state.since and "crash_restart" not in state.since and state.previous is not None:
        state.since.add("start_without_stop")
    if event == "clock_jump":
        jump = detail.get("jump_s")
        if isinstance(jump, int | float) and not isinstance(jump, bool) and abs(jump) < 1e9:
            state.jumped_s += float(jump)
            state.clock_jumps.append({"at": _text(when), "jump_s": round(float(jump), 3)})
    state.since.add(event)


def _proof(state: _Screen, when: datetime, sha256: str, threshold_s: float) -> None:
    if sha256:
        seen = state.hashes.setdefault(sha256, [_text(when), _text(when)])
        seen[1] = _text(when)
    if state.first is None:
        state.first = when
    elif state.last is not None:
        gap_s = (when - state.last).total_seconds() - state.jumped_s
        if gap_s > threshold_s:
            state.interruptions.append(_interruption(state, state.last, when, gap_s))
    state.last, state.since, state.jumped_s, state.down = when, set(), 0.0, []


def _interruption(state: _Screen, start: datetime, end: datetime, gap_s: float) -> dict[str, Any]:
    code, why = next(((code, why) for seen, code, why in CAUSES if seen in state.since), NO_RECORD)
    found = {"from": _text(start), "until": _text(end), "duration_s": round(gap_s, 1), "cause": code, "explanation": why,
             "events": sorted(state.since)}
    if state.down and code.startswith("process"):
        found["process_down"] = {"last_entry_before": state.down[0], "restarted_at": state.down[1]}
    return found


def _summary(state: _Screen, journal_end: datetime | None, threshold_s: float) -> dict[str, Any]:
    until = state.removed_at or state.last
    span_s = (until - state.first).total_seconds() if state.first and until else 0.0
    interrupted_s = sum(i["duration_s"] for i in state.interruptions)
    after = None
    if state.last is not None and state.removed_at is None and journal_end is not None:
        silent_s = (journal_end - state.last).total_seconds() - state.jumped_s
        if silent_s > threshold_s:
            after = _interruption(state, state.last, journal_end, silent_s)
    return {"screen": state.screen, "displayed_from": _text(state.first), "displayed_until": _text(until),
            "removed_at": _text(state.removed_at), "span_s": round(span_s, 1),
            "shown_s": round(max(0.0, span_s - interrupted_s), 1), "continuous": state.first is not None and not state.interruptions,
            "interruptions": state.interruptions, "after_last_proof": after, "clock_jumps": state.clock_jumps,
            "hashes": {sha: {"first_seen": seen[0], "last_seen": seen[1]} for sha, seen in state.hashes.items()},
            "opened": state.opened, "pages_shown": state.pages_shown}


def _text(when: datetime | None) -> str | None:
    return when.isoformat(timespec="seconds").replace("+00:00", "Z") if when else None
