"""What kioskctl says when a screen cannot be reached or is not the one expected: one sentence that
names the address, what went wrong, and what to do (no exception names, no tracebacks).

Fingerprints: the screen shows the first 16 hex digits of its certificate's sha256 (``fingerprint_text``);
an administrator may type those or the whole 64. A mismatch message shows both sides in the same
spelling, long enough to differ, so it never reads "AAAA..., not the paired AAAA...".
"""

import errno
import http.client
import re
import socket
import ssl

from common.fingerprints import SHOWN_HEX_DIGITS, fingerprint_text
from common.terminal import printable

_HEX = re.compile(r"[0-9a-f]+")


class FingerprintTyped(ValueError):
    """What was typed is not at least 16 hex digits of a fingerprint."""


def normal_fingerprint(typed: str) -> str:
    """``"2D31 D5A4 1456 C880"`` or ``"2d:31:..."`` -> ``"2d31d5a41456c880"``; FingerprintTyped when it is
    not 16 to 64 hex digits (fewer would let another certificate match by chance)."""
    text = re.sub(r"[\s:]", "", str(typed)).lower()
    if not _HEX.fullmatch(text) or not SHOWN_HEX_DIGITS <= len(text) <= 64:
        raise FingerprintTyped(f"the fingerprint {printable(typed, 80)!r} is not the {SHOWN_HEX_DIGITS} hex digits "
                               "the screen shows (e.g. 2D31 D5A4 1456 C880) nor the whole 64")
    return text


def _shown(fingerprint: str, digits: int) -> str:
    if digits <= SHOWN_HEX_DIGITS:
        return fingerprint_text(fingerprint)
    return fingerprint[:digits].upper()


def mismatch_message(where: str, presented: str, expected: str) -> str:
    """The screen at ``where`` presented ``presented`` (64 hex) where ``expected`` (a prefix or the whole) was wanted."""
    digits = SHOWN_HEX_DIGITS if presented[:SHOWN_HEX_DIGITS] != expected[:SHOWN_HEX_DIGITS] else 64
    side = "you typed" if len(expected) < 64 else "you paired with"
    return (f"{where} is not the screen you meant: it presented certificate {_shown(presented, digits)}, "
            f"{side} {_shown(expected, min(digits, len(expected)))}; compare with the fingerprint the screen shows "
            "(a screen that was reset has a new one: pair again)")


def network_message(where: str, exc: BaseException, sending: bool, timeout_s: float) -> str:
    """One sentence for a failed connection or exchange with ``where``."""
    if isinstance(exc, ssl.SSLError):
        return f"the TLS handshake with {where} failed ({printable(exc.reason or exc, 80)}): is it a kiosk screen's API port?"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"{where} did not answer within {timeout_s:g} s: the screen may be busy, off or restarting; try again"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot reach {where}: connection refused (is the screen on and its API running on that port?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot reach {where}: the name does not resolve ({printable(exc.strerror, 80)})"
    cut = isinstance(exc, ConnectionError | http.client.HTTPException) or getattr(exc, "errno", None) in (errno.EPIPE, errno.ECONNRESET)
    if cut and sending:
        return f"the connection to {where} was cut before it answered: the screen may be restarting; try again in a minute"
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"cannot reach {where}: {printable(reason, 120)} (is the screen on and on this network?)"
