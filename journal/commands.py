"""What ``kiosk journal`` (on the screen) and ``kioskctl journal`` (on a pulled copy) print.

Exit codes: 0 verified (a report: and the act's display proven with one file), 1 the journal has
problems (a report: or the act has no proof of display, or its file changed), 2 it cannot be read.
Everything from the journal is outside input when printed: escaped (``printable``).
"""

import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common.terminal import printable
from journal import JournalError
from journal.checkpoint import Checkpoint
from journal.report import DEFAULT_THRESHOLD_S, act_report
from journal.report_html import render
from journal.store import JournalStore
from journal.verify import verify


@dataclass(frozen=True, slots=True)
class Source:
    """One screen's journal: the file, the exported checkpoint to hold it to, the device key."""

    path: Path
    checkpoint: Checkpoint | None = None
    key: bytes | None = None


def print_verify(source: Source, as_json: bool) -> int:
    try:
        with JournalStore(source.path, readonly=True) as store:
            verdict = verify(store, source.checkpoint, source.key)
    except JournalError as exc:
        print(f"journal: {printable(exc, 500)}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(verdict.as_json(), indent=2))
    else:
        state = "verified" if verdict.ok else f"{verdict.problem_count} PROBLEM(S)"
        print(f"{printable(source.path, 500)}: {state}: entries {verdict.first_seq}..{verdict.last_seq} ({verdict.entries}), "
              f"signed through seq {verdict.covered_through}, key {verdict.public_key[:16] or '-'}")
        for problem in verdict.problems:
            print(f"  problem: {printable(problem, 500)}")
        for warning in verdict.warnings:
            print(f"  warning: {printable(warning, 500)}")
        if source.key is None:
            print("  warning: no device certificate given: compare the key above with the screen's fingerprint")
    return 0 if verdict.ok else 1


def print_report(sources: list[Source], act_id: str, threshold_s: float = DEFAULT_THRESHOLD_S, as_json: bool = False,
                 html_out: Path | None = None) -> int:
    stores, verdicts = [], []
    try:
        for source in sources:
            store = JournalStore(source.path, readonly=True)
            stores.append(store)
            verdicts.append(verify(store, source.checkpoint, source.key).as_json())
        report = act_report(stores, act_id, threshold_s)
    except JournalError as exc:
        print(f"journal: {printable(exc, 500)}", file=sys.stderr)
        return 2
    finally:
        for store in stores:
            store.close()
    generated = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    report = {**report, "generated_utc": generated, "journals": verdicts}
    if html_out is not None:
        html_out.write_text(render(report, verdicts, generated), encoding="utf-8")
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=True))
    else:
        _print_text(report)
    return 0 if all(v["ok"] for v in verdicts) and not report["problems"] else 1


def _print_text(report: dict[str, Any]) -> None:
    print(f"act {printable(report['act_id'])}: sha256 {', '.join(report['sha256']) or '-'}")
    for problem in report["problems"]:
        print(f"  problem: {printable(problem, 500)}")
    for screen, verdict in zip(report["screens"], report["journals"], strict=False):
        print(f"screen {printable(screen['screen'])}: journal {'verified' if verdict['ok'] else 'NOT VERIFIED'}; "
              f"displayed {screen['displayed_from'] or '-'} .. {screen['displayed_until'] or '-'}, "
              f"{len(screen['interruptions'])} interruption(s)")
        rows = screen["interruptions"] + ([screen["after_last_proof"]] if screen["after_last_proof"] else [])
        for row in rows:
            print(f"  {row['from']} .. {row['until']} ({row['duration_s']:g} s): {row['cause']}")
