"""The catalogue built in the Jobs pool: acts read from the bundle and the feeds, each PDF checked.

A PDF is offered to the reader only when it is complete in the cache, its sha256 is the act's (or,
for SCDL acts that name none, the first one seen), and QtPdf opens it; otherwise the act is listed
as "en cours de récupération" (the fetch failed for now) or "indisponible" (with why). Feeds and
PDFs are fetched through the content cache: ETag revalidation, and the cached copy when offline.
"""

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from common.terminal import printable, quoted
from media.acts.feed_json import parse_acts_feed
from media.acts.merge import HashConflict, HashLedger, merge_acts
from media.acts.model import Act, Author, end_of_display
from media.acts.problems import ActProblem, FeedRefused
from media.acts.scdl import parse_scdl
from media.qr import render_qr_png
from media.sources import SourceUnavailable, is_url, obtain
from signs.legal_acts.display import status_text, until_text
from signs.legal_acts.item import LegalActsItem
from signs.legal_acts.model import Listing
from signs.legal_acts.pdf_check import check_pdf
from signs.resolution import ResolveContext, derived_file, file_url

FEED_MAX_BYTES = 16 * 1024 * 1024
PDF_FETCH_BUDGET_S = 60.0  # past it, the other PDFs wait for the next resolution ("en cours de récupération")
QR_PX = 360


@dataclass
class CatalogueBuild:
    listings: list[Listing] = field(default_factory=list)
    problems: list[ActProblem] = field(default_factory=list)
    conflicts: list[HashConflict] = field(default_factory=list)


def read_sources(item: LegalActsItem, ctx: ResolveContext) -> tuple[list[list[Act]], list[ActProblem]]:
    batches, problems = [], []
    author = Author(item.scdl_author.first_name, item.scdl_author.name, item.scdl_author.capacity)
    sources = ([("json", item.acts_file)] if item.acts_file else []) + [(f.format, f.url) for f in item.feeds]
    for kind, src in sources:
        try:
            local = obtain(src, ctx.base_dir, ctx.cache, ctx.protected, max_bytes=FEED_MAX_BYTES)
            body = local.path.read_bytes()
            acts, found = parse_scdl(body, src, author) if kind == "scdl" else parse_acts_feed(body, src)
        except (SourceUnavailable, FeedRefused, OSError) as exc:
            problems.append(ActProblem(printable(src, 200), str(exc)))
            continue
        batches.append(acts)
        problems += found
    return batches, problems


def build_catalogue(item: LegalActsItem, ctx: ResolveContext, now: datetime, ledger: HashLedger) -> CatalogueBuild:
    batches, problems = read_sources(item, ctx)
    acts, merge_problems, conflicts = merge_acts(batches)
    build = CatalogueBuild(problems=problems + merge_problems, conflicts=conflicts)
    zone = ZoneInfo(item.timezone)
    deadline = time.monotonic() + PDF_FETCH_BUDGET_S
    for act in acts:
        ends_at = end_of_display(act, zone)
        if ends_at is not None and now >= ends_at:
            continue  # its window is over: not listed (the catalogue journals the removal when it was)
        build.listings.append(_listing(act, ctx, ledger, build, zone, time.monotonic() < deadline))
    return build


def _document(act: Act, ctx: ResolveContext, may_fetch: bool) -> tuple[Path | None, str, str]:
    """(the file, its sha256, "") or (None, "pending"|"unavailable", reason)."""
    src = act.pdf.src
    if is_url(src) and not may_fetch:
        cached = ctx.cache.lookup_url(src)
        if cached is None:
            return None, "pending", ""
        return cached.path, cached.sha256, ""
    try:
        local = obtain(src, ctx.base_dir, ctx.cache, ctx.protected)
    except SourceUnavailable as exc:
        return None, "unavailable" if exc.permanent else "pending", str(exc) if exc.permanent else ""
    return local.path, local.sha256, ""


def _listing(act: Act, ctx: ResolveContext, ledger: HashLedger, build: CatalogueBuild, zone: ZoneInfo, may_fetch: bool) -> Listing:
    path, sha_or_status, reason = _document(act, ctx, may_fetch)
    status, sha, previous, pages = "ready", act.pdf.sha256 or "", "", 0
    where = f"{act.source}: act {quoted(act.id, 64)}"
    if path is None:
        status = sha_or_status
        if reason:
            build.problems.append(ActProblem(where, reason))
    else:
        got = sha_or_status
        conflict = ledger.check(act.id, got, act.source)
        if act.pdf.sha256 is not None and got != act.pdf.sha256:
            status, reason = "unavailable", "le fichier reçu ne correspond pas à l'acte"
            build.problems.append(ActProblem(where, f"the file has sha256 {got}, the act names {act.pdf.sha256}: not shown"))
        elif conflict is not None:
            status, reason, previous = "unavailable", "document modifié à la source", conflict.kept_sha256
            build.conflicts.append(conflict)
            build.problems.append(ActProblem(where, f"the file changed at the source after publication "
                                                    f"(sha256 {conflict.kept_sha256} then {got}): not shown"))
        sha = sha or got
        if status == "ready":
            pages, reason = check_pdf(path)
            if reason:
                status = "unavailable"
                build.problems.append(ActProblem(where, f"the PDF cannot be shown: {reason}"))
            elif act.pdf.pages is not None and act.pdf.pages != pages:
                status, reason = "unavailable", f"{pages} pages au lieu de {act.pdf.pages}"
                build.problems.append(ActProblem(where, f"the PDF has {pages} pages, the act says {act.pdf.pages}: not shown"))
    category = act.category_info
    fr, en = status_text(status, reason)
    until_fr, until_en = until_text(act)
    starts_at = datetime.combine(act.window.start, datetime.min.time(), zone)
    return Listing(
        id=act.id, category=act.category, category_fr=category.label_fr, category_en=category.label_en, title=act.title,
        number=act.number, author=act.author.line(), online_on=act.online_on, sha256=sha, status=status, status_fr=fr,
        status_en=en, pdf_url=file_url(path) if status == "ready" and path is not None else "", pages=pages,
        qr_url=_qr(act, ctx), website_url=act.website_url or "", until_fr=until_fr, until_en=until_en,
        starts_at=starts_at, ends_at=end_of_display(act, zone), previous_sha256=previous).with_search_text()


def _qr(act: Act, ctx: ResolveContext) -> str:
    if not act.website_url:
        return ""
    url = act.website_url
    path = derived_file(ctx.cache, f"qr:{url}:#000000:#ffffff:{QR_PX}",
                        lambda out: render_qr_png(url, out.with_suffix(".png"), QR_PX, "#000000", "#ffffff"), ctx.protected)
    return file_url(path)
