"""What QML reads to place a region, constant for its life, and how its items are named in logs."""

from PySide6.QtCore import Property, QObject

from layouts.model import Region, item_id


class RegionPlace(QObject):
    def __init__(self, region: Region, background: str, parent: QObject | None) -> None:
        super().__init__(parent)
        self.setObjectName(f"region-{region.id}")
        self._region = region
        self._background = region.background or background

    region_id = Property(str, lambda self: self._region.id, constant=True)
    x = Property(int, lambda self: self._region.x, constant=True)
    y = Property(int, lambda self: self._region.y, constant=True)
    width = Property(int, lambda self: self._region.width, constant=True)
    height = Property(int, lambda self: self._region.height, constant=True)
    z = Property(int, lambda self: self._region.z, constant=True)
    background = Property(str, lambda self: self._background, constant=True)

    def _item_name(self, index: int) -> str:
        return item_id(self._region, index)
