"""The catalogue's pure state: accent- and case-insensitive search, categories, pages; merging sources."""

from datetime import date, timedelta

from media.acts.merge import HashLedger, merge_acts
from media.acts.model import Act, Author, Document, Window
from signs.legal_acts.model import CatalogueState, Listing, normalize


def listing(i: int, title: str, category: str = "deliberations", author: str = "François Bernardini, Maire") -> Listing:
    return Listing(id=f"A-{i}", category=category, category_fr="Délibérations" if category == "deliberations" else "Arrêtés municipaux",
                   category_en="Council decisions", title=title, number=f"2026-{i}", author=author,
                   online_on=date(2026, 7, 1) + timedelta(days=i), sha256="0" * 64, status="ready")


def state(page_size=3) -> CatalogueState:
    s = CatalogueState(page_size=page_size)
    s.set_listings([listing(1, "Réglementation du STATIONNEMENT"), listing(2, "Fête de l'été", "arretes_municipaux"),
                    listing(3, "Budget supplémentaire", author="Nicole Joulia, Adjointe"), listing(4, "Été : horaires de la plage")])
    return s


def test_normalize_drops_accents_and_case():
    assert normalize("  Arrêté N°12   ÉTÉ ") == "arrete n°12 ete"
    assert normalize("Œuvre d’art") == "œuvre d'art"


def test_latest_first_and_search_ignores_accents_case_and_order():
    s = state()
    assert [i.id for i in s.listings] == ["A-4", "A-3", "A-2", "A-1"]
    s.set_query("ete")
    assert [i.id for i in s.matches()] == ["A-4", "A-2"]
    s.set_query("stationnement réglementation")
    assert [i.id for i in s.matches()] == ["A-1"]
    s.set_query("JOULIA")  # author
    assert [i.id for i in s.matches()] == ["A-3"]
    s.set_query("2026-2")  # number
    assert [i.id for i in s.matches()] == ["A-2"]
    s.set_query("arretes municipaux")  # category
    assert [i.id for i in s.matches()] == ["A-2"]
    s.set_query("zzz")
    assert s.matches() == [] and s.page_count() == 1 and s.current_page() == []


def test_categories_counts_and_filter_and_pages():
    s = state(page_size=2)
    assert s.category_counts() == [("deliberations", "Délibérations", "Council decisions", 3),
                                   ("arretes_municipaux", "Arrêtés municipaux", "Council decisions", 1)]
    assert s.page_count() == 2 and [i.id for i in s.current_page()] == ["A-4", "A-3"]
    s.turn(1)
    assert [i.id for i in s.current_page()] == ["A-2", "A-1"]
    s.turn(5)
    assert s.page == 1
    s.set_category("arretes_municipaux")
    assert s.page == 0 and [i.id for i in s.matches()] == ["A-2"]
    s.reset()
    assert s.query == "" and s.category == "" and len(s.matches()) == 4


def act(act_id: str, sha: str | None, source: str) -> Act:
    start = date(2026, 7, 1)
    return Act(act_id, "deliberations", "t", "1", Author("a", "b", "c"), start, start, Window(start, None), Document("x.pdf", sha),
               source=source)


def test_a_duplicate_id_with_another_file_is_a_problem_and_the_first_is_kept():
    acts, problems, conflicts = merge_acts([[act("A", "1" * 64, "bundle")], [act("A", "1" * 64, "feed"), act("A", "2" * 64, "feed")]])
    assert [a.source for a in acts] == ["bundle"]
    assert len(problems) == 1 and "same id as in bundle but another file" in str(problems[0])
    assert (conflicts[0].kept_sha256, conflicts[0].other_sha256, conflicts[0].reason) == ("1" * 64, "2" * 64, "duplicate-id")


def test_the_ledger_reports_a_file_changed_at_the_source():
    ledger = HashLedger()
    assert ledger.check("A", "1" * 64, "feed") is None
    assert ledger.check("A", "1" * 64, "feed") is None
    changed = ledger.check("A", "2" * 64, "feed")
    assert changed is not None and (changed.kept_sha256, changed.other_sha256, changed.reason) == ("1" * 64, "2" * 64, "changed-at-source")
    assert HashLedger(ledger.snapshot()).check("A", "2" * 64, "feed") is not None  # kept across restarts


def test_typing_on_narrows_the_same_way_as_searching_afresh():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    titles = ["Réglementation du stationnement", "Fête de l'été", "Budget été 2026", "Permis de construire", "Stationnement été"]

    @settings(max_examples=150, deadline=1000)
    @given(st.text(alphabet="aeéstn 2", max_size=8), st.text(alphabet="aeéstn 2", max_size=4))
    def check(first, more):
        typed = CatalogueState(page_size=3)
        typed.set_listings([listing(i, t) for i, t in enumerate(titles)])
        typed.set_query(first)
        typed.set_query(first + more)
        fresh = CatalogueState(page_size=3)
        fresh.set_listings([listing(i, t) for i, t in enumerate(titles)])
        fresh.set_query(first + more)
        assert [i.id for i in typed.matches()] == [i.id for i in fresh.matches()]

    check()


def test_a_smaller_page_keeps_the_first_act_shown_in_view():
    s = state(page_size=2)
    s.turn(1)
    s.set_page_size(1)
    assert [i.id for i in s.current_page()] == ["A-2"] and s.page_count() == 4
    s.set_page_size(0)  # never zero: one act at least
    assert s.page_size == 1
