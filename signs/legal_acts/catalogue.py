"""The catalogue on screen (GUI thread): the pure state behind properties the QML views bind to,
the display windows kept on the injected clock, and what was shown said to the journal."""

from datetime import datetime
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from common.clock import Clock
from signs.legal_acts.journal_port import DisplayJournal
from signs.legal_acts.model import CatalogueState, Listing
from signs.legal_acts.results_model import ResultsModel

HEARTBEAT_S = 60.0
TICK_MS = 1000


def listing_map(item: Listing) -> dict[str, Any]:
    from signs.legal_acts.display import date_en, date_fr

    return {"id": item.id, "category": item.category, "category_fr": item.category_fr, "category_en": item.category_en,
            "title": item.title, "number": item.number, "author": item.author, "online_fr": date_fr(item.online_on),
            "online_en": date_en(item.online_on), "status": item.status, "status_fr": item.status_fr,
            "status_en": item.status_en, "pdf": item.pdf_url, "pages": item.pages, "qr": item.qr_url,
            "website": item.website_url, "preview": item.preview_url, "until_fr": item.until_fr, "until_en": item.until_en}


class Catalogue(QObject):
    # Two signals: a keystroke changes the results only; the categories, the latest acts and the
    # counts change when acts come or go. Views rebuild only what changed (search latency).
    changed = Signal()
    listings_changed = Signal()

    def __init__(self, listings: list[Listing], page_size: int, clock: Clock, journal: DisplayJournal,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock, self._journal = clock, journal
        now = clock.now()
        # Acts whose window has not started yet, soonest last (popped as they start): a tick is O(1)
        # until something is due, whatever the size of the catalogue.
        self._pending = sorted((i for i in listings if not self._started(i, now)), key=lambda i: i.starts_at, reverse=True)
        self._state = CatalogueState(page_size=page_size)
        self._listed: set[str] = set()
        self._on_screen = False
        self._last_heartbeat: float | None = None
        self._model = ResultsModel(self)
        self.changed.connect(lambda: self._model.replace(self._results()))
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._state.set_listings([i for i in listings if self._started(i, now)])
        self._next_end = self._soonest_end()
        self._model.replace(self._results())
        self._timer.start()

    # -- properties ------------------------------------------------------------------------------
    def _results(self) -> list[dict[str, Any]]:
        return [listing_map(i) for i in self._state.current_page()]

    def _categories(self) -> list[dict[str, Any]]:
        return [{"key": k, "fr": fr, "en": en, "count": n} for k, fr, en, n in self._state.category_counts()]

    def _latest(self) -> list[dict[str, Any]]:
        return [listing_map(i) for i in self._state.listings[:12]]

    results = Property("QVariantList", _results, notify=changed)
    resultsModel = Property(QObject, lambda self: self._model, constant=True)  # noqa: N815 - the list's model
    categories = Property("QVariantList", _categories, notify=listings_changed)
    latest = Property("QVariantList", _latest, notify=listings_changed)
    page = Property(int, lambda self: self._state.page, notify=changed)
    pageCount = Property(int, lambda self: self._state.page_count(), notify=changed)  # noqa: N815 - QML name
    matchCount = Property(int, lambda self: len(self._state.matches()), notify=changed)  # noqa: N815
    total = Property(int, lambda self: len(self._state.listings), notify=listings_changed)
    query = Property(str, lambda self: self._state.query, notify=changed)
    category = Property(str, lambda self: self._state.category, notify=changed)

    # -- what the views ask ----------------------------------------------------------------------
    @Slot(str)
    def setQuery(self, text: str) -> None:  # noqa: N802
        self._state.set_query(text)
        self.changed.emit()

    @Slot(str)
    def setCategory(self, key: str) -> None:  # noqa: N802
        self._state.set_category(key)
        self.changed.emit()

    @Slot(int)
    def setPageSize(self, size: int) -> None:  # noqa: N802
        if size != self._state.page_size:
            self._state.set_page_size(size)
            self.changed.emit()

    @Slot(int)
    def turn(self, by: int) -> None:
        self._state.turn(by)
        self.changed.emit()

    @Slot()
    def reset(self) -> None:
        self._state.reset()
        self.changed.emit()

    @Slot(str, result="QVariantMap")
    def act(self, act_id: str) -> dict[str, Any]:
        item = self._state.find(act_id)
        return listing_map(item) if item is not None else {}

    @Slot(str)
    def opened(self, act_id: str) -> None:
        item = self._state.find(act_id)
        if item is not None:
            self._journal.record("act_opened", item.id, item.sha256, {"pages": item.pages})

    @Slot(str, int)
    def pageShown(self, act_id: str, page: int) -> None:  # noqa: N802
        item = self._state.find(act_id)
        if item is not None and 1 <= page <= max(1, item.pages):
            self._journal.record("page_shown", item.id, item.sha256, {"page": page, "pages": item.pages})

    @Slot(bool)
    def setOnScreen(self, shown: bool) -> None:  # noqa: N802
        """The view is on screen (or left it): acts are journaled as listed, heartbeats start."""
        if shown and not self._on_screen:
            self._on_screen = True
            self._journal_listed()
            self._heartbeat()
        elif not shown:
            self._on_screen = False
            self._listed.clear()

    # -- time ------------------------------------------------------------------------------------
    @Slot()
    def tick(self) -> None:
        now = self._clock.now()
        gone: list[Listing] = []
        if self._next_end is not None and now >= self._next_end:
            gone, _ = self._state.due(now)
            for item in gone:
                self._journal.record("act_removed", item.id, item.sha256, {"ends_at": item.ends_at.isoformat() if item.ends_at else ""})
                self._listed.discard(item.id)
        arriving = []
        while self._pending and self._started(self._pending[-1], now):
            item = self._pending.pop()
            if item.ends_at is None or now < item.ends_at:
                arriving.append(item)
        if arriving:
            self._state.set_listings(self._state.listings + arriving)
        if gone or arriving:
            self._next_end = self._soonest_end()
            if self._on_screen:
                self._journal_listed()
            self.listings_changed.emit()
            self.changed.emit()
        if self._on_screen and self._last_heartbeat is not None and self._clock.monotonic() - self._last_heartbeat >= HEARTBEAT_S:
            self._heartbeat()

    def _soonest_end(self) -> datetime | None:
        return min((i.ends_at for i in self._state.listings if i.ends_at is not None), default=None)

    def stop(self) -> None:
        self._timer.stop()

    @staticmethod
    def _started(item: Listing, now: datetime) -> bool:
        return item.starts_at is None or item.starts_at <= now

    def _journal_listed(self) -> None:
        for item in self._state.listings:
            if item.id not in self._listed:
                self._listed.add(item.id)
                detail: dict[str, Any] = {"status": item.status}
                if item.previous_sha256:
                    detail["previous_sha256"] = item.previous_sha256
                self._journal.record("act_listed", item.id, item.sha256, detail)

    def _heartbeat(self) -> None:
        self._last_heartbeat = self._clock.monotonic()
        available = [{"id": i.id, "sha256": i.sha256} for i in self._state.listings if i.status == "ready"]
        self._journal.record("heartbeat", detail={"acts": available, "listed": len(self._state.listings)})
