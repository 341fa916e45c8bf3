"""The ``legalActs`` object the views call: it makes each shown catalogue from its build."""

from PySide6.QtCore import QObject, Slot

from common.clock import Clock, SystemClock
from signs.legal_acts.catalogue import Catalogue
from signs.legal_acts.kind import display_journal, take_build


class LegalActsService(QObject):
    def __init__(self, parent: QObject | None = None, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legal-acts")
        self._clock = clock or SystemClock()

    @Slot(str, int, QObject, result=QObject)
    def catalogue(self, token: str, page_size: int, owner: QObject) -> Catalogue | None:
        """A catalogue for one view (``owner``: it goes with the view)."""
        build = take_build(token)
        if build is None:
            return None
        return Catalogue(build.listings, page_size, self._clock, display_journal(), owner)
