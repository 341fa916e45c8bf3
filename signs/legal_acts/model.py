"""The catalogue's state, pure: which acts are listed, the search, the category, the page.

Search is accent- and case-insensitive over title, number, author and category: every word typed
must appear (in any order) in the act's text, normalised once when the acts arrive, so a keystroke
costs one pass of substring tests over precomputed strings (5,000 acts: about a millisecond).
"""

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime

ALL = ""  # the category filter meaning "every category"


def normalize(text: str) -> str:
    """'Arrêté N°12 Été' -> 'arrete n°12 ete': accents dropped, case folded, spaces single."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(bare.replace("’", "'").split())


@dataclass(frozen=True, slots=True)
class Listing:
    """One act as the catalogue lists it (what the view shows, plus its search text)."""

    id: str
    category: str
    category_fr: str
    category_en: str
    title: str
    number: str
    author: str  # "Prénom Nom, qualité"
    online_on: date
    sha256: str
    status: str  # "ready", "pending" (document en cours de récupération), "unavailable"
    status_fr: str = ""
    status_en: str = ""
    pdf_url: str = ""  # only when complete in the cache and its sha256 matches
    pages: int = 0
    qr_url: str = ""
    website_url: str = ""
    until_fr: str = ""
    until_en: str = ""
    starts_at: datetime | None = None  # on display from (aware), and until (None: until decision)
    ends_at: datetime | None = None
    preview_url: str = ""  # the first page drawn ahead (the latest acts)
    previous_sha256: str = ""  # a different file seen before under this id (the journal keeps both)
    search_text: str = field(default="", compare=False)

    def with_search_text(self) -> "Listing":
        text = normalize(" ".join((self.title, self.number, self.author, self.category_fr, self.category_en, self.id)))
        return replace(self, search_text=text)


@dataclass
class CatalogueState:
    page_size: int = 6
    listings: list[Listing] = field(default_factory=list)  # latest first
    query: str = ""
    category: str = ALL
    page: int = 0
    _matches: list[Listing] = field(default_factory=list)
    _filtered_by: tuple[str, str] | None = None  # (normalized query, category) behind _matches

    def set_listings(self, listings: list[Listing]) -> None:
        ordered = sorted((item if item.search_text else item.with_search_text() for item in listings),
                         key=lambda item: (item.online_on, item.id), reverse=True)
        self.listings = ordered
        self._refilter(keep_page=True)

    def set_query(self, text: str) -> None:
        self.query = text[:200]
        self.page = 0
        self._refilter()

    def set_category(self, key: str) -> None:
        self.category = key
        self.page = 0
        self._refilter()

    def reset(self) -> None:
        self.query, self.category, self.page = "", ALL, 0
        self._refilter()

    def set_page_size(self, size: int) -> None:
        """As many acts as the screen shows without scrolling; the first act shown stays in view."""
        first = self.page * self.page_size
        self.page_size = max(1, min(50, size))
        self.page = min(first // self.page_size, self.page_count() - 1)

    def turn(self, by: int) -> None:
        self.page = max(0, min(self.page_count() - 1, self.page + by))

    def matches(self) -> list[Listing]:
        return self._matches

    def page_count(self) -> int:
        return max(1, -(-len(self._matches) // self.page_size))

    def current_page(self) -> list[Listing]:
        start = self.page * self.page_size
        return self._matches[start:start + self.page_size]

    def category_counts(self) -> list[tuple[str, str, str, int]]:
        """(key, French name, English name, acts listed), in the order categories first appear, most acts first."""
        counts: dict[str, list] = {}
        for item in self.listings:
            entry = counts.setdefault(item.category, [item.category, item.category_fr, item.category_en, 0])
            entry[3] += 1
        return sorted((tuple(e) for e in counts.values()), key=lambda e: (-e[3], e[1]))  # type: ignore[misc]

    def due(self, now: datetime) -> tuple[list[Listing], list[Listing]]:
        """Take the acts whose window has ended off the list (returned first) and return those listed."""
        gone = [i for i in self.listings if i.ends_at is not None and now >= i.ends_at]
        if gone:
            self.listings = [i for i in self.listings if i not in gone]
            self._refilter(keep_page=True)
        return gone, self.listings

    def find(self, act_id: str) -> Listing | None:
        return next((item for item in self.listings if item.id == act_id), None)

    def _refilter(self, keep_page: bool = False) -> None:
        normalized = normalize(self.query)
        words = normalized.split()
        # Typing on: every word typed before is still in the query (whole or longer), so only the acts
        # that matched before can match now.
        narrowing = (not keep_page and self._filtered_by is not None and self._filtered_by[1] == self.category
                     and normalized.startswith(self._filtered_by[0]))
        if narrowing:
            pool = self._matches
        else:
            pool = self.listings if self.category == ALL else [i for i in self.listings if i.category == self.category]
        self._matches = [i for i in pool if all(w in i.search_text for w in words)] if words else pool
        self._filtered_by = (normalized, self.category)
        self.page = min(self.page, self.page_count() - 1) if keep_page else 0
