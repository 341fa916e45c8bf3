"""Signed requests: after pairing, every management call carries an Ed25519 signature of what it asks.

The signed text binds method, path, timestamp, nonce and the body's sha256, so nothing can be
changed or replayed: a timestamp outside ``SKEW_S`` or a nonce already seen is refused. Seen nonces
are kept only for the skew window (bounded memory).
"""

import base64
import binascii
import hashlib
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

SKEW_S = 60.0
MAX_REMEMBERED_NONCES = 100_000
HEADERS = ("X-Kiosk-Key", "X-Kiosk-Timestamp", "X-Kiosk-Nonce", "X-Kiosk-Signature")


class RequestRefused(Exception):
    """``reason``: missing, unknown-key, stale, replayed, bad-signature (all answered 401)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def signed_text(method: str, path: str, timestamp: str, nonce: str, body_sha256: str) -> bytes:
    return "\n".join([method.upper(), path, timestamp, nonce, body_sha256]).encode()


def sign_request(key: Ed25519PrivateKey, key_name: str, method: str, path: str, body: bytes = b"",
                 now: float | None = None, body_sha256: str | None = None) -> dict[str, str]:
    """Headers for a signed request; ``body_sha256`` instead of ``body`` for a large file streamed later."""
    timestamp = f"{now if now is not None else time.time():.3f}"
    nonce = secrets.token_hex(16)
    digest = body_sha256 or hashlib.sha256(body).hexdigest()
    signature = key.sign(signed_text(method, path, timestamp, nonce, digest))
    return dict(zip(HEADERS, (key_name, timestamp, nonce, base64.b64encode(signature).decode()), strict=True))


@dataclass
class RequestVerifier:
    keys: Callable[[str], Ed25519PublicKey | None]  # paired administrators, by key name
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()

    def verify(self, method: str, path: str, headers: dict[str, str], body: bytes) -> str:
        """The key name of the administrator who signed, or RequestRefused."""
        return self.verify_digest(method, path, headers, hashlib.sha256(body).hexdigest())

    def check_headers(self, headers: dict[str, str]) -> None:
        """Everything but the signature, before a large body is read: strangers are turned away cheaply."""
        self._parse(headers)

    def _parse(self, headers: dict[str, str]) -> tuple[str, str, str, bytes, Ed25519PublicKey]:
        lowered = {k.lower(): v for k, v in headers.items()}
        values = [lowered.get(h.lower(), "") for h in HEADERS]
        if not all(values):
            raise RequestRefused("missing", f"a signed request carries {', '.join(HEADERS)}")
        key_name, timestamp, nonce, signature_b64 = values
        public_key = self.keys(key_name)
        if public_key is None:
            raise RequestRefused("unknown-key", f"key {key_name!r} is not paired with this screen")
        try:
            sent_at = float(timestamp)
            signature = base64.b64decode(signature_b64, validate=True)
        except (ValueError, binascii.Error):
            raise RequestRefused("bad-signature", "timestamp or signature is malformed") from None
        now = self.clock()
        if abs(now - sent_at) > SKEW_S:
            raise RequestRefused("stale", f"timestamp is {now - sent_at:+.0f} s off (allowed ±{SKEW_S:.0f} s)")
        self._forget_old(now)
        if nonce in self._seen:
            raise RequestRefused("replayed", "this request was already received")
        return key_name, timestamp, nonce, signature, public_key

    def verify_digest(self, method: str, path: str, headers: dict[str, str], body_sha256: str) -> str:
        """As ``verify``, for a body already hashed while it streamed to disk."""
        key_name, timestamp, nonce, signature, public_key = self._parse(headers)
        now = self.clock()
        try:
            public_key.verify(signature, signed_text(method, path, timestamp, nonce, body_sha256))
        except InvalidSignature:
            raise RequestRefused("bad-signature", "the signature does not match the request") from None
        self._seen[nonce] = now
        if len(self._seen) > MAX_REMEMBERED_NONCES:
            self._seen.popitem(last=False)
        return key_name

    def _forget_old(self, now: float) -> None:
        while self._seen and next(iter(self._seen.values())) < now - 2 * SKEW_S:
            self._seen.popitem(last=False)
