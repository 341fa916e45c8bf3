"""How keys and certificates are named to people: one spelling everywhere they must match.

The screen shows it, the logs say it and kioskctl prints it; an administrator compares them by eye.
"""

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SHOWN_HEX_DIGITS = 16


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short stable name for a public key: the first 16 hex digits of its raw bytes' sha256."""
    return hashlib.sha256(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()[:SHOWN_HEX_DIGITS]


def fingerprint_text(fingerprint_sha256: str) -> str:
    """The part of a certificate fingerprint people read aloud: 4 groups of 4 hex digits, upper case."""
    text = fingerprint_sha256[:SHOWN_HEX_DIGITS].upper()
    return " ".join(text[i:i + 4] for i in range(0, SHOWN_HEX_DIGITS, 4))
