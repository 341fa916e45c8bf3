"""The page of results as a list model: a keystroke updates the rows in place (dataChanged), so the
list's delegates are kept, not rebuilt; only rows that appear or go are inserted or removed."""

from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names and defaults
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        return {ROLE: QByteArray(b"act")}

    def data(self, index: Index, role: int = ROLE) -> Any:
        if role != ROLE or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def replace(self, rows: list[dict[str, Any]]) -> None:
        kept = min(len(rows), len(self._rows))
        if len(rows) < len(self._rows):
            self.beginRemoveRows(QModelIndex(), len(rows), len(self._rows) - 1)
            self._rows = self._rows[:len(rows)]
            self.endRemoveRows()
        changed = [i for i in range(kept) if self._rows[i] != rows[i]]
        self._rows[:kept] = rows[:kept]
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]), [ROLE])
        if len(rows) > kept:
            self.beginInsertRows(QModelIndex(), kept, len(rows) - 1)
            self._rows.extend(rows[kept:])
            self.endInsertRows()
