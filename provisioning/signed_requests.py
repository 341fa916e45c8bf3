"""Signed requests: after pairing, every management call carries an Ed25519 signature of what it asks.

The signed text binds method, path, timestamp, nonce and the body's sha256, so nothing can be
changed or replayed: a timestamp outside ``SKEW_S`` or a nonce already seen is refused. Headers are
parsed strictly (a timestamp is digits with an optional decimal part, never "nan" or "1e9"; every
value has a bounded length) before anything else. Seen nonces are kept for twice the skew window,
bounded in number: when full of nonces still in their window, new requests are refused rather than
an old nonce forgotten early. Checking and recording a nonce is one step under a lock, so the same
request sent from several threads at once passes once.

Errors: ``RequestRefused`` only (answered 401).
"""

import base64
import binascii
import hashlib
import math
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

SKEW_S = 60.0
MAX_REMEMBERED_NONCES = 100_000
HEADERS = ("X-Kiosk-Key", "X-Kiosk-Timestamp", "X-Kiosk-Nonce", "X-Kiosk-Signature")
_KEY_NAME = re.compile(r"[0-9A-Za-z_-]{1,64}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,6})?")  # seconds since 1970, up to the year 33658
_NONCE = re.compile(r"[0-9A-Za-z_-]{16,64}")
_SIGNATURE_B64 = re.compile(r"[0-9A-Za-z+/]{86}==")  # 64 bytes


class RequestRefused(Exception):
    """``reason``: missing, malformed, unknown-key, stale, replayed, bad-signature, busy (all answered 401)."""

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


@dataclass(frozen=True, slots=True)
class SignedHeaders:
    key_name: str
    timestamp: str  # as sent: it is part of the signed text
    sent_at: float  # finite
    nonce: str
    signature: bytes  # 64 bytes


def parse_signed_headers(headers: Mapping[str, str]) -> SignedHeaders:
    """The four headers, strictly checked (RequestRefused otherwise); nothing is looked up yet."""
    lowered = {str(k).lower(): v for k, v in headers.items()}
    values = [lowered.get(h.lower(), "") for h in HEADERS]
    if not all(isinstance(v, str) and v for v in values):
        raise RequestRefused("missing", f"a signed request carries {', '.join(HEADERS)}")
    key_name, timestamp, nonce, signature_b64 = values
    for name, value, pattern in (("X-Kiosk-Key", key_name, _KEY_NAME), ("X-Kiosk-Timestamp", timestamp, _TIMESTAMP),
                                 ("X-Kiosk-Nonce", nonce, _NONCE), ("X-Kiosk-Signature", signature_b64, _SIGNATURE_B64)):
        if len(value) > 100 or not pattern.fullmatch(value):
            raise RequestRefused("malformed", f"{name} is not in the expected form")
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (ValueError, binascii.Error):
        raise RequestRefused("malformed", "X-Kiosk-Signature is not base64") from None
    return SignedHeaders(key_name, timestamp, float(timestamp), nonce, signature)


class NonceMemory:
    """Nonces seen in the last ``2 * SKEW_S`` (a request is acceptable that long), thread-safe."""

    def __init__(self, max_nonces: int = MAX_REMEMBERED_NONCES) -> None:
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._max = max_nonces

    def check(self, nonce: str, now: float) -> None:
        with self._lock:
            self._forget_old(now)
            if nonce in self._seen:
                raise RequestRefused("replayed", "this request was already received")

    def record(self, nonce: str, now: float) -> None:
        """Check and remember in one step: of several threads with the same nonce, one passes."""
        with self._lock:
            self._forget_old(now)
            if nonce in self._seen:
                raise RequestRefused("replayed", "this request was already received")
            if len(self._seen) >= self._max:
                raise RequestRefused("busy", "too many requests in the last two minutes; try again shortly")
            self._seen[nonce] = now

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)

    def _forget_old(self, now: float) -> None:
        while self._seen and next(iter(self._seen.values())) < now - 2 * SKEW_S:
            self._seen.popitem(last=False)


@dataclass
class RequestVerifier:
    keys: Callable[[str], Ed25519PublicKey | None]  # paired administrators, by key name
    clock: Callable[[], float] = time.time
    nonces: NonceMemory = field(default_factory=NonceMemory)

    def with_keys(self, keys: Callable[[str], Ed25519PublicKey | None]) -> "RequestVerifier":
        """The same clock and nonce memory, other keys (pairing: the key being registered)."""
        return RequestVerifier(keys, self.clock, self.nonces)

    def verify(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> str:
        """The key name of the administrator who signed, or RequestRefused."""
        return self.verify_digest(method, path, headers, hashlib.sha256(body).hexdigest())

    def check_headers(self, headers: Mapping[str, str]) -> None:
        """Everything but the signature, before a body is read: strangers are turned away cheaply."""
        parsed, _key, now = self._parse(headers)
        self.nonces.check(parsed.nonce, now)

    def verify_digest(self, method: str, path: str, headers: Mapping[str, str], body_sha256: str) -> str:
        """As ``verify``, for a body already hashed while it streamed."""
        parsed, public_key, now = self._parse(headers)
        try:
            public_key.verify(parsed.signature, signed_text(method, path, parsed.timestamp, parsed.nonce, body_sha256))
        except InvalidSignature:
            raise RequestRefused("bad-signature", "the signature does not match the request") from None
        self.nonces.record(parsed.nonce, now)
        return parsed.key_name

    def _parse(self, headers: Mapping[str, str]) -> tuple[SignedHeaders, Ed25519PublicKey, float]:
        parsed = parse_signed_headers(headers)
        try:
            public_key = self.keys(parsed.key_name)
        except Exception:  # noqa: BLE001 - an unreadable key entry trusts nobody
            public_key = None
        if public_key is None:
            raise RequestRefused("unknown-key", f"key {parsed.key_name} is not paired with this screen")
        now = self.clock()
        if not math.isfinite(now):
            raise RequestRefused("stale", "the screen's clock cannot be read")
        if not abs(now - parsed.sent_at) <= SKEW_S:
            raise RequestRefused("stale", f"timestamp is {now - parsed.sent_at:+.0f} s off (allowed ±{SKEW_S:.0f} s)")
        return parsed, public_key, now
