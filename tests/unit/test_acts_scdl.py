"""The SCDL Délibérations CSV as real files come: separators, encodings, extra columns, quoted newlines;
every unusable row reported with file, line, column and reason, the others kept."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from media.acts.model import Author
from media.acts.problems import FeedRefused
from media.acts.scdl import parse_scdl

FIXTURE = Path("/work/shared/fixtures/scdl-deliberations.csv")
MAYOR = Author("François", "Bernardini", "Maire d'Istres")
HEADER = "COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,PREF_DATE,DELIB_URL"


def row(delib_id="DEL-1", when="2026-06-25", objet="Budget", pref="2026-06-27", url="https://www.istres.fr/a.pdf") -> str:
    return f"Ville d'Istres,21130047800019,{delib_id},{when},7.1,finances,{objet},{pref},{url}"


def parse(text: str, encoding: str = "utf-8", name: str = "delib.csv"):
    return parse_scdl(text.encode(encoding), name, MAYOR)


@pytest.mark.skipif(not FIXTURE.exists(), reason="the shared SCDL fixture is not here")
def test_the_shared_example_reads_whole():
    acts, problems = parse_scdl(FIXTURE.read_bytes(), "scdl-deliberations.csv", MAYOR)
    assert problems == [] and [a.id for a in acts] == ["DEL-2026-112", "DEL-2026-113", "DEL-2026-114"]
    assert acts[2].title == 'Convention avec l\'association "Istres Temps Libre Évasion" pour les ateliers numériques'
    assert acts[0].online_on == date(2026, 6, 27)  # PREF_DATE, there being no PUBLICATION_DATE
    assert acts[2].online_on == date(2026, 6, 25)  # empty PREF_DATE: the council's date
    assert acts[0].window.until == date(2026, 8, 27) and acts[0].author == MAYOR and acts[0].category == "deliberations"


def test_semicolons_bom_and_latin1_read_the_same():
    text = f"{HEADER}\n{row(objet='Été à la plage')}\n".replace(",", ";")
    for body in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("latin-1"), text.encode("cp1252")):
        acts, problems = parse_scdl(body, "f.csv", MAYOR)
        assert problems == [] and acts[0].title == "Été à la plage", body[:20]


def test_extra_columns_empty_optional_cells_and_quoted_newlines():
    text = (f"{HEADER},PUBLICATION_DATE,NATURE_ACTE,EXTRA\n"
            f'{row(objet=chr(34) + "Ligne un" + chr(10) + "ligne deux" + chr(34), pref="")},2026-06-29,AR,x\n'
            f"{row(delib_id='DEL-2', when='25/06/2026', pref='')},,,\n"
            f"{row(delib_id='', pref='')},,,\n")
    acts, problems = parse(text)
    assert [a.id for a in acts] == ["DEL-1", "DEL-2"]
    assert acts[0].title == "Ligne un\nligne deux" and acts[0].online_on == date(2026, 6, 29) and acts[0].category == "arretes_municipaux"
    assert acts[1].adopted_on == date(2026, 6, 25)
    assert [str(p) for p in problems] == ["delib.csv:5:DELIB_ID: empty, but required"]  # line 5: the quoted newline counts


@pytest.mark.parametrize(("cells", "column", "reason"), [
    ({"when": ""}, "DELIB_DATE", "empty, but required"),
    ({"when": "2026-02-30"}, "DELIB_DATE", "impossible date '2026-02-30'"),
    ({"when": "31/02/2026"}, "DELIB_DATE", "impossible date"),
    ({"when": "9999-01-01"}, "DELIB_DATE", "impossible date '9999-01-01' for an act on display"),
    ({"when": "demain"}, "DELIB_DATE", "is not a date"),
    ({"url": "ftp://x/a.pdf"}, "DELIB_URL", "is not an http(s) URL"),
    ({"delib_id": "DEL 1\x1b[2J"}, "DELIB_ID", "is not an id"),
    ({"objet": ""}, "DELIB_OBJET", "empty, but required"),
    ({"pref": "2026-06-01"}, "PREF_DATE", "before it was adopted"),
])
def test_each_bad_row_names_file_line_column_and_reason(cells, column, reason):
    acts, problems = parse(f"{HEADER}\n{row(delib_id='GOOD')}\n{row(**cells)}\n")
    assert [a.id for a in acts] == ["GOOD"]
    assert len(problems) == 1 and str(problems[0]).startswith(f"delib.csv:3:{column}: ") and reason in str(problems[0])


def test_an_unknown_category_is_a_row_problem():
    acts, problems = parse(f"{HEADER},NATURE_ACTE\n{row()},ZZ\n{row(delib_id='B')},DE\n")
    assert [a.id for a in acts] == ["B"] and "delib.csv:2:NATURE_ACTE: unknown category 'ZZ'" in str(problems[0])


@pytest.mark.parametrize(("body", "message"), [(b"", "empty file"), (b"a,b,c\n1,2,3\n", r"missing column\(s\) DELIB_ID"),
                                               (b"\xef\xbb\xbf", "empty file")])
def test_a_file_that_is_not_scdl_is_refused_as_a_whole(body, message):
    with pytest.raises(FeedRefused, match=message):
        parse_scdl(body, "f.csv", MAYOR)


def test_a_short_row_is_reported():
    acts, problems = parse(f"{HEADER}\nVille,1,DEL-9\n")
    assert acts == [] and "delib.csv:2:" in str(problems[0])


@settings(max_examples=200, deadline=2000)
@given(st.lists(st.lists(st.text(max_size=12), max_size=10), max_size=6), st.sampled_from([",", ";"]))
def test_hostile_rows_only_become_problems(rows, sep):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=sep).writerows([HEADER.split(","), *rows])
    acts, problems = parse_scdl(out.getvalue().encode("utf-8", "surrogatepass"), "f.csv", MAYOR)
    assert len(acts) + len(problems) <= len(rows) + 1
    assert all(str(p).startswith("f.csv") for p in problems)


@settings(max_examples=150, deadline=2000)
@given(st.binary(max_size=400))
def test_hostile_bytes_are_refused_or_read(body):
    try:
        parse_scdl(HEADER.encode() + b"\n" + body, "f.csv", MAYOR)
    except FeedRefused:
        pass
