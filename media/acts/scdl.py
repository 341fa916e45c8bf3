"""Reads the SCDL "Délibérations" CSV (schema.data.gouv.fr, v2.1) into acts, row by row.

Real files vary: comma or semicolon, UTF-8 with or without a BOM or Windows-1252/Latin-1, extra
columns, empty optional cells, quoted newlines, dates written 2026-06-25 or 25/06/2026. Every row
that cannot be used is reported with the file, its line, its column and why; the others are kept.

SCDL has no author and no sha256: the author is the item's (the mayor, by default) and the PDF is
checked against the hash first seen (a later change is reported by the catalogue). Without a
PUBLICATION_DATE column, "mis en ligne le" is the prefecture date (PREF_DATE), else the council's.
"""

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

from media.acts.categories import CATEGORIES
from media.acts.model import Act, Author, Document, Window, impossible_date
from media.acts.problems import ActProblem, FeedRefused

MAX_BYTES = 16 * 1024 * 1024
MAX_ROWS = 20_000
MAX_CELL_CHARS = 4000
REQUIRED = ("DELIB_ID", "DELIB_DATE", "DELIB_OBJET", "DELIB_URL")
# NATURE_ACTE codes of the ACTES nomenclature (extra column some towns add).
NATURES = {"DE": "deliberations", "AR": "arretes_municipaux", "AI": "arretes_municipaux", "CC": "marches",
           "BF": "deliberations"}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]{0,63}")
_URL = re.compile(r"https?://[^\s]{1,2040}")


class _RowProblem(Exception):
    def __init__(self, column: str, reason: str) -> None:
        self.column, self.reason = column, reason


def decode(body: bytes) -> str:
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError:
        return body.decode("latin-1")  # never fails: every byte is a character


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the row, cells), the separator taken from the header line."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line = 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1


def _date(value: str, column: str) -> date:
    value = value.strip()
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value) or re.fullmatch(r"([0-9]{2})/([0-9]{2})/([0-9]{4})", value)
    if not match:
        raise _RowProblem(column, f"{value[:40]!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)" if value else "missing date")
    parts = [int(p) for p in match.groups()]
    year, month, day = parts if len(match.group(1)) == 4 else parts[::-1]
    try:
        found = date(year, month, day)
    except ValueError:
        raise _RowProblem(column, f"impossible date {value!r}") from None
    if impossible_date(found):
        raise _RowProblem(column, f"impossible date {value!r} for an act on display")
    return found


def parse_scdl(body: bytes, source: str, author: Author) -> tuple[list[Act], list[ActProblem]]:
    """Raises FeedRefused only when the file as a whole cannot be read (no header, columns missing)."""
    if len(body) > MAX_BYTES:
        raise FeedRefused(f"{source}: the file is {len(body)} bytes, over the {MAX_BYTES}-byte limit")
    rows = _rows(decode(body))
    try:
        _, header = next(rows)
    except (StopIteration, csv.Error):
        raise FeedRefused(f"{source}: empty file, no SCDL header line") from None
    columns = [h.strip().upper() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise FeedRefused(f"{source}:1: not an SCDL Délibérations file: missing column(s) {', '.join(missing)}")
    acts: list[Act] = []
    problems: list[ActProblem] = []
    seen = 0
    try:
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue  # blank line
            seen += 1
            if seen > MAX_ROWS:
                problems.append(ActProblem(f"{source}:{line}", f"more than {MAX_ROWS} rows: the rest is not read"))
                break
            try:
                acts.append(_act(dict(zip(columns, cells, strict=False)), len(cells), len(columns), source, author))
            except _RowProblem as problem:
                problems.append(ActProblem(f"{source}:{line}:{problem.column}", problem.reason))
    except csv.Error as exc:
        problems.append(ActProblem(f"{source}", f"unreadable CSV from here on ({exc}); the rows before are kept"))
    return acts, problems


def _cell(row: dict[str, str], column: str, required: bool = True) -> str:
    value = (row.get(column) or "").strip()
    if len(value) > MAX_CELL_CHARS:
        raise _RowProblem(column, f"cell of {len(value)} characters, over {MAX_CELL_CHARS}")
    if required and not value:
        raise _RowProblem(column, "empty, but required")
    return value


def _act(row: dict[str, str], cell_count: int, column_count: int, source: str, author: Author) -> Act:
    if cell_count < len(REQUIRED):
        raise _RowProblem("-", f"{cell_count} cell(s) where the header has {column_count}")
    act_id = _cell(row, "DELIB_ID")
    if not _ID.fullmatch(act_id):
        raise _RowProblem("DELIB_ID", f"{act_id[:40]!r} is not an id (letters, digits, _ . - /, at most 64)")
    adopted = _date(_cell(row, "DELIB_DATE"), "DELIB_DATE")
    online_column = next((c for c in ("PUBLICATION_DATE", "PREF_DATE") if _cell(row, c, False)), "DELIB_DATE")
    online = _date(_cell(row, online_column), online_column)
    nature = _cell(row, "NATURE_ACTE", False).upper()
    if nature and nature not in NATURES:
        raise _RowProblem("NATURE_ACTE", f"unknown category {nature[:20]!r} (known: {', '.join(sorted(NATURES))})")
    category = NATURES.get(nature, "deliberations")
    url = _cell(row, "DELIB_URL")
    if not _URL.fullmatch(url):
        raise _RowProblem("DELIB_URL", f"{url[:60]!r} is not an http(s) URL")
    if online < adopted:
        raise _RowProblem(online_column, f"put online ({online}) before it was adopted ({adopted})")
    until = CATEGORIES[category].earliest_end(online)
    extra = {k: _cell(row, k, False) for k in ("DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM") if _cell(row, k, False)}
    return Act(id=act_id, category=category, title=_cell(row, "DELIB_OBJET"), number=act_id, author=author,
               adopted_on=adopted, online_on=online, window=Window(online, until), pdf=Document(url),
               website_url=url, source=source, extra=extra)
