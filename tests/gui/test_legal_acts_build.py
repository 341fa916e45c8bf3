"""The catalogue built as the runtime builds it (in the pool): real PDFs checked with QtPdf, feeds and
PDFs over loopback HTTP with ETag, offline from the cache, and every bad file listed, never shown."""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from common.clock import ManualClock
from media.acts.merge import HashLedger
from signs.legal_acts.build import build_catalogue
from signs.legal_acts.item import LegalActsItem
from signs.legal_acts.pdf_check import check_pdf
from signs.legal_acts.stage import context_for
from tests.support.http import Route
from tests.support.pdfs import bad_pdfs, write_pdf

NOW = datetime(2026, 7, 14, 10, 0, tzinfo=UTC)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def act_entry(act_id: str, src: str, sha256: str | None, pages: int | None = None, **changes) -> dict:
    entry = {"id": act_id, "category": "arretes_municipaux", "title": f"Arrêté {act_id}", "number": act_id,
             "author": {"first_name": "François", "name": "Bernardini", "capacity": "Maire"},
             "adopted_on": "2026-07-01", "online_on": "2026-07-02", "display": {"from": "2026-07-02", "until": "2026-09-30"},
             "pdf": {"src": src, "sha256": sha256, **({"pages": pages} if pages else {})},
             "website_url": f"https://www.istres.fr/actes/{act_id}"}
    entry.update(changes)
    return entry


def feed(*entries: dict) -> bytes:
    return json.dumps({"schema_version": 1, "acts": list(entries)}).encode()


@pytest.mark.parametrize("name", ["corrupt", "encrypted", "empty", "html", "garbage"])
def test_bad_files_are_refused_with_a_reason(qapp, tmp_path, name):
    pages, reason = check_pdf(bad_pdfs(tmp_path)[name])
    assert pages == 0 and reason


def test_a_2000_page_pdf_opens(qapp, tmp_path):
    assert check_pdf(write_pdf(tmp_path / "big.pdf", 2000, "Gros document")) == (2000, "")


def test_bundle_acts_every_state(qapp, tmp_path):
    good = write_pdf(tmp_path / "good.pdf", 3, "Bon")
    bad = bad_pdfs(tmp_path / "bad")
    (tmp_path / "acts.json").write_bytes(feed(
        act_entry("GOOD", "good.pdf", sha(good), 3),
        act_entry("WRONG-PAGES", "good.pdf", sha(good), 4),
        act_entry("WRONG-HASH", "good.pdf", "f" * 64),
        act_entry("ENCRYPTED", "bad/encrypted.pdf", sha(bad["encrypted"])),
        act_entry("MISSING", "nowhere.pdf", "e" * 64),
        act_entry("OVER", "good.pdf", sha(good), display={"from": "2026-05-01", "until": "2026-07-13"}),
    ))
    item = LegalActsItem.model_validate({"kind": "legal_acts", "acts_file": "acts.json"})
    build = build_catalogue(item, context_for(tmp_path, tmp_path / "cache"), NOW, HashLedger())
    by_id = {i.id: i for i in build.listings}
    assert "OVER" not in by_id  # its window ended yesterday
    assert by_id["GOOD"].status == "ready" and by_id["GOOD"].pages == 3 and by_id["GOOD"].pdf_url.endswith("good.pdf")
    assert by_id["GOOD"].qr_url.startswith("file://") and by_id["GOOD"].author == "François Bernardini, Maire"
    for act_id in ("WRONG-PAGES", "WRONG-HASH", "ENCRYPTED", "MISSING"):
        assert by_id[act_id].status == "unavailable" and by_id[act_id].pdf_url == "", act_id
        assert by_id[act_id].status_fr.startswith("Document indisponible")
    assert "mot de passe" in by_id["ENCRYPTED"].status_fr
    text = "\n".join(str(p) for p in build.problems)
    assert "act 'WRONG-HASH'" in text and "the act names ffff" in text and "the PDF has 3 pages, the act says 4" in text


def test_feed_and_pdfs_over_http_with_etag_then_offline(qapp, tmp_path, http_server):
    good = write_pdf(tmp_path / "good.pdf", 2, "Bon")
    http_server.routes["/acts.json"] = Route(feed(act_entry("HTTP", f"{http_server.url}/a.pdf", sha(good), 2),
                                                  act_entry("LATER", f"{http_server.url}/late.pdf", "d" * 64)))
    http_server.routes["/a.pdf"] = Route(good.read_bytes())
    http_server.routes["/late.pdf"] = Route(b"", status=503)
    item = LegalActsItem.model_validate({"kind": "legal_acts", "feeds": [{"format": "json", "url": f"{http_server.url}/acts.json"}]})
    ctx = context_for(tmp_path, tmp_path / "cache")
    first = {i.id: i for i in build_catalogue(item, ctx, NOW, HashLedger()).listings}
    assert first["HTTP"].status == "ready" and first["LATER"].status == "pending"
    assert first["LATER"].status_fr == "Document en cours de récupération"
    second = build_catalogue(item, ctx, NOW, HashLedger())  # polled again: the server answers 304
    conditional = [h for path, h in http_server.stats.requests if path == "/acts.json"][-1]
    assert "If-None-Match" in conditional and second.listings[0].status == "ready"
    http_server.stop()  # offline: the cached feed and PDF keep the catalogue
    offline = {i.id: i for i in build_catalogue(item, ctx, NOW, HashLedger()).listings}
    assert offline["HTTP"].status == "ready" and offline["LATER"].status == "pending"


def test_a_file_changed_at_the_source_is_a_problem_and_both_hashes_kept(qapp, tmp_path, http_server):
    old, new = write_pdf(tmp_path / "old.pdf", 1, "Version 1"), write_pdf(tmp_path / "new.pdf", 1, "Version 2 modifiée")
    http_server.routes["/delib.csv"] = Route(
        b"DELIB_ID,DELIB_DATE,DELIB_OBJET,DELIB_URL\nDEL-1,2026-07-10,Budget," + f"{http_server.url}/d.pdf\n".encode())
    http_server.routes["/d.pdf"] = Route(old.read_bytes())
    item = LegalActsItem.model_validate({"kind": "legal_acts", "feeds": [{"format": "scdl", "url": f"{http_server.url}/delib.csv"}]})
    ctx, ledger = context_for(tmp_path, tmp_path / "cache"), HashLedger()
    assert build_catalogue(item, ctx, NOW, ledger).listings[0].status == "ready"
    http_server.routes["/d.pdf"] = Route(new.read_bytes())
    build = build_catalogue(item, ctx, NOW, ledger)
    listing = build.listings[0]
    assert listing.status == "unavailable" and "modifié à la source" in listing.status_fr and listing.pdf_url == ""
    assert listing.previous_sha256 == sha(old) and listing.sha256 == sha(new)
    assert (build.conflicts[0].kept_sha256, build.conflicts[0].other_sha256) == (sha(old), sha(new))


def test_an_unreachable_feed_is_a_problem_not_a_crash(qapp, tmp_path):
    item = LegalActsItem.model_validate({"kind": "legal_acts", "feeds": [{"format": "json", "url": "http://127.0.0.1:9/acts.json"}]})
    build = build_catalogue(item, context_for(tmp_path, tmp_path / "cache"), NOW, HashLedger())
    assert build.listings == [] and "cannot download" in str(build.problems[0])


def test_the_handmade_demo_pdfs_open_in_qtpdf(qapp, tmp_path):
    from signs.legal_acts.handmade_pdf import handmade_pdf

    path = tmp_path / "demo.pdf"
    path.write_bytes(handmade_pdf(3, "Arrêté (n° 12) \\ été", "Ligne un\nLigne deux : « accents » é à ç œ"))
    assert check_pdf(path) == (3, "")


def test_a_duplicate_id_with_another_file_is_journaled_with_both_hashes(qapp, tmp_path, http_server):
    from signs.legal_acts import kind as acts_kind
    from signs.legal_acts.journal_port import MemoryJournal

    first, other = write_pdf(tmp_path / "a.pdf", 1, "A"), write_pdf(tmp_path / "b.pdf", 1, "B")
    (tmp_path / "acts.json").write_bytes(feed(act_entry("SAME", "a.pdf", sha(first))))
    http_server.routes["/acts.json"] = Route(feed(act_entry("SAME", f"{http_server.url}/b.pdf", sha(other))))
    item = LegalActsItem.model_validate({"kind": "legal_acts", "acts_file": "acts.json",
                                         "feeds": [{"format": "json", "url": f"{http_server.url}/acts.json"}]})
    journal = MemoryJournal()
    acts_kind.set_display_journal(journal)
    try:
        resolution = acts_kind.resolve(item, (1920, 1080), context_for(tmp_path, tmp_path / "cache"), ManualClock(NOW))
    finally:
        acts_kind.set_display_journal(acts_kind.NoJournal())
    build = acts_kind.take_build(resolution.descriptor["catalogue"])
    assert [(i.id, i.sha256, i.status) for i in build.listings] == [("SAME", sha(first), "ready")]  # the bundle's is kept
    (event, act_id, act_sha, detail), = journal.named("act_problem")
    assert (act_id, act_sha, detail["kept_sha256"], detail["reason"]) == ("SAME", sha(other), sha(first), "duplicate-id")
