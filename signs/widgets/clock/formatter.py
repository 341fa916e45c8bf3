"""Clock texts for QML in any IANA time zone and language (JavaScript dates cannot do zones)."""

from PySide6.QtCore import QByteArray, QDateTime, QLocale, QObject, QTimeZone, Slot


class ClockFormatter(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clock-formatter")

    @staticmethod
    def _now(timezone: str) -> QDateTime:
        now = QDateTime.currentDateTime()
        if timezone:
            zone = QTimeZone(QByteArray(timezone.encode()))
            if zone.isValid():
                return now.toTimeZone(zone)
        return now

    @Slot(str, str, result=str)
    def time_text(self, timezone: str, time_format: str) -> str:
        return self._now(timezone).toString(time_format)

    @Slot(str, str, result=str)
    def date_text(self, timezone: str, locale: str) -> str:
        return QLocale(locale).toString(self._now(timezone).date(), "dddd d MMMM yyyy")
