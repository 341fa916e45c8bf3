"""The legal_acts kind: the catalogue is built in the pool (resolve), shown by its QML views, and
its state lives in a ``Catalogue`` the views get from the ``legalActs`` context object."""

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from common.atomic import write_atomically
from common.clock import Clock, SystemClock
from common.events import OncePerCause
from media.acts.merge import HashLedger
from signs.kinds import ItemKind
from signs.legal_acts.build import CatalogueBuild, build_catalogue
from signs.legal_acts.item import LegalActsItem
from signs.legal_acts.journal_port import DisplayJournal, NoJournal
from signs.legal_acts.previews import with_previews
from signs.resolution import Descriptor, Resolution, ResolveContext

log = logging.getLogger("signs.legal_acts")
VIEW = Path(__file__).parent / "qml" / "LegalActsView.qml"
IDLE_TIMEOUT_S = 90.0
LEDGER_FILE = "legal-acts-hashes.json"
KEPT_BUILDS = 16

_lock = threading.Lock()
_builds: "OrderedDict[str, CatalogueBuild]" = OrderedDict()
_journal: list[DisplayJournal] = [NoJournal()]
_once = OncePerCause(log)


def set_display_journal(journal: DisplayJournal) -> None:
    """The runtime wires the proof-of-display journal here (the default keeps nothing)."""
    _journal[0] = journal


take_display_journal = set_display_journal  # found by signs.kinds.display_journal_takers


def display_journal() -> DisplayJournal:
    return _journal[0]


def take_build(token: str) -> CatalogueBuild | None:
    with _lock:
        return _builds.get(token)


def _ledger_path(ctx: ResolveContext) -> Path:
    return ctx.cache.root / LEDGER_FILE


def _load_ledger(path: Path) -> HashLedger:
    try:
        known = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return HashLedger()
    if not isinstance(known, dict):
        return HashLedger()
    return HashLedger({k: v for k, v in known.items() if isinstance(k, str) and isinstance(v, str)})


def resolve(item: LegalActsItem, size_px: tuple[int, int], ctx: ResolveContext, clock: Clock | None = None) -> Resolution:
    with _lock:  # one build at a time reads and writes the ledger of hashes
        ledger = _load_ledger(_ledger_path(ctx))
        build = build_catalogue(item, ctx, (clock or SystemClock()).now(), ledger)
        build.listings = with_previews(build.listings, ctx, size_px)
        write_atomically(_ledger_path(ctx), json.dumps(ledger.snapshot()).encode())
        # Named by its content: a refresh that found nothing new gives the same descriptor, so the
        # catalogue on screen is not shown anew (kiosk.region shows a changed one, never the same).
        token = f"{item.id}:{hashlib.sha256(repr((build.listings, build.problems)).encode()).hexdigest()[:32]}"
        _builds.pop(token, None)
        _builds[token] = build
        # Bounded: the newest two builds of each item (the one on screen and the one coming), at most
        # KEPT_BUILDS in all; an older build's view already made its catalogue.
        same_item = [t for t in _builds if t.startswith(f"{item.id}:")]
        for old in same_item[:-2]:
            del _builds[old]
        while len(_builds) > KEPT_BUILDS:
            _builds.popitem(last=False)
    for problem in build.problems:
        _once.warn(("problem", str(problem)), "act_refused", str(problem), item=item.id)
    for conflict in build.conflicts:
        display_journal().record("act_problem", conflict.act_id, conflict.other_sha256,
                                 {"reason": conflict.reason, "kept_sha256": conflict.kept_sha256,
                                  "other_sha256": conflict.other_sha256, "source": conflict.where})
    descriptor: Descriptor = {
        "catalogue": token, "title": item.title, "mode": item.mode, "page_size": item.page_size,
        "outdoor_page_ms": round(item.outdoor_page_s * 1000), "bilingual": item.languages == "fr+en",
        "paper_fr": item.paper_copy_fr, "paper_en": item.paper_copy_en, "font_family": ctx.font_family,
        "problems": len(build.problems), "tour": item.attract_tour}
    return Resolution(descriptor)


def qml_context(parent: Any) -> dict[str, Any]:
    from signs.legal_acts.service import LegalActsService

    return {"legalActs": LegalActsService(parent)}


KINDS = [ItemKind("legal_acts", VIEW, resolve=resolve, refreshes=lambda item: bool(item.feeds), idle_timeout_s=IDLE_TIMEOUT_S)]
