"""The town-hall view on a stage of its own (no player): tests, benchmarks and screenshots drive it.

It resolves a town_hall item as the runtime does (in the calling thread), loads the view in a
QQuickView with the ``townHall`` context object (and, when given, an ``accessibility`` object), and
lets the caller find items, tap them with real touch events and grab the frame.
"""

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, QUrl
from PySide6.QtGui import QPointingDevice
from PySide6.QtQuick import QQuickItem, QQuickView
from PySide6.QtTest import QTest

from common.clock import Clock
from media.cache import ContentCache
from signs.legal_acts.service import LegalActsService
from signs.resolution import ResolveContext
from signs.stage_support import close_view, grab_view
from signs.town_hall.item import TownHallItem
from signs.town_hall.kind import resolve
from signs.town_hall.session import TownHallService

QML_DIR = Path(__file__).parent / "qml"
_touch_device: list[QPointingDevice] = []


def touch_device() -> QPointingDevice:
    if not _touch_device:
        _touch_device.append(QTest.createTouchDevice())
    return _touch_device[0]


def context_for(layout_dir: Path, cache_dir: Path) -> ResolveContext:
    return ResolveContext(base_dir=layout_dir, cache=ContentCache(cache_dir), local_site_url="http://127.0.0.1:9",
                          protected=frozenset(), font_family="DejaVu Sans", locale="fr_FR")


class Stage:
    def __init__(self, item: TownHallItem, ctx: ResolveContext, clock: Clock, size: tuple[int, int] = (1920, 1080),
                 context: dict[str, QObject] | None = None) -> None:
        resolution = resolve(item, size, ctx, clock)
        if resolution.descriptor is None:
            raise RuntimeError(f"the town hall did not resolve: {resolution.error}")
        self.descriptor: dict[str, Any] = resolution.descriptor
        self.service = TownHallService(clock=clock)
        self.view = QQuickView()
        self.view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
        self.view.resize(*size)
        root_context = self.view.rootContext()
        root_context.setContextProperty("townHall", self.service)
        self.acts_service = LegalActsService(clock=clock)  # the legal_acts tile's catalogue calls it
        root_context.setContextProperty("legalActs", self.acts_service)
        root_context.setContextProperty("stageDescriptor", self.descriptor)
        for name, value in (context or {}).items():
            root_context.setContextProperty(name, value)
        self._host_dir = Path(tempfile.mkdtemp(prefix="town-hall-stage-"))
        host = self._host_dir / "stage.qml"
        host.write_text(f'import QtQuick\nimport "{QML_DIR.as_uri()}"\n'
                        f'Item {{ width: {size[0]}; height: {size[1]}\n'
                        f'  TownHallView {{ objectName: "town-hall"; host: null; descriptor: stageDescriptor }} }}\n')
        self.view.setSource(QUrl.fromLocalFile(str(host)))
        if self.view.status() != QQuickView.Status.Ready:
            raise RuntimeError(f"the view did not load: {[e.toString() for e in self.view.errors()]}")
        self.root: QQuickItem = self.view.rootObject().findChild(QQuickItem, "town-hall")
        self.view.show()
        QTest.qWaitForWindowExposed(self.view)

    @property
    def session(self) -> Any:
        return self.root.property("session")

    def find(self, name: str) -> QQuickItem:
        """The visible item named ``name`` (searched through the visual tree: pages made by a Loader
        and delegates made by a Repeater are not QObject children of the view)."""
        for item in self.items():
            if item.objectName() == name and item.isVisible():
                return item
        raise LookupError(f"no visible item named {name!r} in the view")

    def items(self) -> list[QQuickItem]:
        found, todo = [], [self.root]
        while todo:
            item = todo.pop()
            found.append(item)
            if "WebEngine" not in item.metaObject().className():  # Chromium's own items inside are not to be wrapped
                todo.extend(reversed(item.childItems()))
        return found

    def centre_of(self, item: QQuickItem) -> QPoint:
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        return QPoint(round(point.x()), round(point.y()))

    def settle(self) -> None:
        """Polish and draw once (a page just made lays itself out at its first polish)."""
        QCoreApplication.processEvents()
        self.view.grabWindow()

    def press(self, name: str) -> QPoint:
        """A finger down on the item (the touch is not released yet)."""
        self.settle()
        where = self.centre_of(self.find(name))
        QTest.touchEvent(self.view, touch_device()).press(0, where, self.view).commit()
        return where

    def release(self, where: QPoint) -> None:
        QTest.touchEvent(self.view, touch_device()).release(0, where, self.view).commit()

    def tap(self, name: str) -> None:
        self.release(self.press(name))

    def grab(self, out: Path) -> Path:
        return grab_view(self.view, out)

    def close(self) -> None:
        close_view(self.view)
        self.service.deleteLater()
        self.acts_service.deleteLater()
        shutil.rmtree(self._host_dir, ignore_errors=True)
