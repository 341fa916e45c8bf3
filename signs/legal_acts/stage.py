"""The catalogue view on a stage of its own (no player): tests, benchmarks and screenshots drive it.

It resolves a legal_acts item as the runtime does (in the calling thread, which is then the "pool"),
loads the view in a QQuickView with the ``legalActs`` context object, and lets the caller set the
view's properties, type, tap and grab the frame.
"""

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtQuick import QQuickItem, QQuickView

from common.clock import Clock
from media.cache import ContentCache
from signs.legal_acts.item import LegalActsItem
from signs.legal_acts.kind import resolve
from signs.legal_acts.service import LegalActsService
from signs.resolution import ResolveContext
from signs.stage_support import close_view, grab_view

QML_DIR = Path(__file__).parent / "qml"


def context_for(layout_dir: Path, cache_dir: Path) -> ResolveContext:
    return ResolveContext(base_dir=layout_dir, cache=ContentCache(cache_dir), local_site_url="http://127.0.0.1:9",
                          protected=frozenset(), font_family="DejaVu Sans", locale="fr_FR")


class Stage:
    def __init__(self, item: LegalActsItem, ctx: ResolveContext, clock: Clock, size: tuple[int, int] = (1920, 1080),
                 extra: str = "") -> None:
        resolution = resolve(item, size, ctx, clock)
        if resolution.descriptor is None:
            raise RuntimeError(f"the catalogue did not resolve: {resolution.error}")
        self.descriptor: dict[str, Any] = resolution.descriptor
        self.service = LegalActsService(clock=clock)
        self.view = QQuickView()
        self.view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
        self.view.resize(*size)
        self.view.rootContext().setContextProperty("legalActs", self.service)
        self.view.rootContext().setContextProperty("stageDescriptor", self.descriptor)
        host = ctx.cache.root.parent / f"stage-{id(self)}.qml"
        host.write_text(f'import QtQuick\nimport "{QML_DIR.as_uri()}"\n'
                        f'Item {{ width: {size[0]}; height: {size[1]}\n'
                        f'  LegalActsView {{ objectName: "acts-view"; host: null; descriptor: stageDescriptor {extra} }} }}\n')
        self.view.setSource(QUrl.fromLocalFile(str(host)))
        if self.view.status() != QQuickView.Status.Ready:
            raise RuntimeError(f"the view did not load: {[e.toString() for e in self.view.errors()]}")
        self.root: QQuickItem = self.view.rootObject().findChild(QQuickItem, "acts-view")
        self.view.show()

    @property
    def catalogue(self) -> Any:
        return self.root.property("catalogue")

    def find(self, name: str) -> QQuickItem:
        found = self.root.findChild(QQuickItem, name)
        if found is None:
            raise LookupError(f"no item named {name!r} in the view")
        return found

    def grab(self, out: Path) -> Path:
        return grab_view(self.view, out)

    def close(self) -> None:
        close_view(self.view)
        self.service.deleteLater()
