"""The pairing card's model: the code, the fingerprint to compare, who asked (kept light: it is built
before the first frame, the API that fills it only after)."""

import logging
import os
from pathlib import Path

from PySide6.QtCore import Property, QObject, QTimer, Signal

from common.terminal import printable
from kiosk.logs import event
from provisioning.pairing import CODE_TTL_S

log = logging.getLogger("kiosk.management")


class PairingView(QObject):
    """What the pairing card shows: the code to type, the certificate fingerprint to compare, and the
    address that asked for the code (so the person at the screen sees whether it is their machine)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pairing-view")
        self._code = ""
        self._fingerprint = ""
        self._requested_by = ""
        # The window expires the code; the screen stops showing it at the same moment.
        self._expiry = QTimer(self, objectName="pairing-expiry", singleShot=True, interval=round(CODE_TTL_S * 1000))
        self._expiry.timeout.connect(lambda: self.show(None, ""))

    code = Property(str, lambda self: self._code, notify=changed)
    fingerprint = Property(str, lambda self: self._fingerprint, notify=changed)
    requestedBy = Property(str, lambda self: self._requested_by, notify=changed)
    showing = Property(bool, lambda self: self._code != "", notify=changed)

    def show(self, code: str | None, fingerprint_sha256: str, requested_by: str = "", expires_in_s: float = CODE_TTL_S) -> None:
        if code:
            self._expiry.start(round(min(max(expires_in_s, 0.0), CODE_TTL_S) * 1000))
        else:
            self._expiry.stop()
        self._code = code or ""
        self._requested_by = printable(requested_by, 64) if code else ""
        self._mirror_to_file(self._code)
        from common.fingerprints import fingerprint_text  # cryptography: not before the first frame

        self._fingerprint = fingerprint_text(fingerprint_sha256)
        event(log, "pairing_code_shown" if code else "pairing_code_hidden",
              **({"requested_by": self._requested_by} if code else {}))  # never the code itself
        self.changed.emit()

    @staticmethod
    def _mirror_to_file(code: str) -> None:
        """For provisioning without a person in front of the screen (and for tests): the code on screen is
        also written, owner-only, to $KIOSK_PAIRING_CODE_FILE. Whoever can set the runtime's environment
        could as well register a key directly, so this opens nothing new."""
        target = os.environ.get("KIOSK_PAIRING_CODE_FILE")
        if not target:
            return
        path = Path(target)
        if code:
            path.touch(mode=0o600)
            path.write_text(code)
        else:
            path.unlink(missing_ok=True)
