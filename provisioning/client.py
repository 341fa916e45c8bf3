"""Talking to a screen's management API: HTTPS pinned to the certificate fingerprint seen at pairing
(the certificate is self-signed: no CA vouches for it), every call signed with the admin key."""

import base64
import hashlib
import http.client
import json
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from common.fingerprints import key_id
from common.terminal import printable
from provisioning.client_text import mismatch_message, network_message, normal_fingerprint
from provisioning.signed_requests import sign_request

TIMEOUT_S = 15.0
PUSH_TIMEOUT_S = 120.0  # upload, verification, and the new layout reaching the screen
MAX_ANSWER_BYTES = 64 * 1024**2  # a screenshot of a 4K screen is far less; nothing else comes close
MAX_DETAIL_CHARS = 300  # what a refusal line shows of the screen's reason


class _Progress:
    """A file whose reads report progress (http.client streams a file body by reading it)."""

    def __init__(self, file: Any, total: int, report: Callable[[int, int], None]) -> None:
        self._file, self._total, self._report, self._sent = file, total, report, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._file.read(size)
        self._sent += len(chunk)
        self._report(self._sent, self._total)
        return chunk


class DeviceError(Exception):
    """``status`` is the HTTP status (0: not reached); the message says what the screen answered.

    ``kind`` says which exit code kioskctl gives (``cli_errors``): unreachable, wrong-screen, refused,
    unauthorized (by default from the status: 401 is unauthorized, anything else refused)."""

    def __init__(self, status: int, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind or ("unauthorized" if status == 401 else "refused")
        self.answer: Answer | None = None  # the screen's whole answer, when there was one


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes

    def json(self) -> Any:
        """The body as JSON; ValueError for anything else (a body nested too deeply included)."""
        try:
            return json.loads(self.body)
        except RecursionError:
            raise ValueError("the answer is nested too deeply to read") from None

    def detail(self) -> str:
        """The screen's reason, escaped and bounded, whatever the body is (JSON, a 500 page, bytes)."""
        try:
            body = self.json()
        except ValueError:
            body = None
        detail = body.get("detail") if isinstance(body, dict) else None
        if detail is None:
            text = self.body[:MAX_DETAIL_CHARS].decode("utf-8", "replace").strip()
            return printable(text or f"HTTP {self.status}", MAX_DETAIL_CHARS)
        if not isinstance(detail, str):  # FastAPI's 422: a list of {loc, msg}
            detail = validation_text(detail)
        return printable(_without_repeated_reason(detail), MAX_DETAIL_CHARS)

    def problems(self, limit: int = 20) -> list[str]:
        """The layout problems a refusal lists, escaped, at most ``limit`` (then how many more)."""
        try:
            found = self.json().get("problems", [])
        except (ValueError, AttributeError):
            return []
        if not isinstance(found, list):
            return []
        shown = [printable(p, MAX_DETAIL_CHARS) for p in found[:limit]]
        return shown + ([f"(+{len(found) - limit} more)"] if len(found) > limit else [])


def validation_text(detail: object) -> str:
    """FastAPI's list of ``{loc, msg}`` as ``"body.code: Field required"`` (no links, no raw JSON)."""
    if isinstance(detail, list):
        parts = [f"{'.'.join(str(p) for p in d.get('loc', []))}: {d.get('msg', '')}" for d in detail[:5] if isinstance(d, dict)]
        if parts:
            return "; ".join(parts)
    return json.dumps(detail, ensure_ascii=False)


def _without_repeated_reason(detail: str) -> str:
    """``"stale: stale: too old"`` -> ``"stale: too old"`` (a reason the screen put twice)."""
    reason, sep, rest = detail.partition(": ")
    return rest if sep and rest.startswith(f"{reason}: ") else detail


class DeviceClient:
    """``fingerprint_sha256``: the whole pinned fingerprint, or (pairing) at least the 16 hex digits the
    screen shows; ``presented_fingerprint`` is then the whole one the screen presented, to pin."""

    def __init__(self, host: str, port: int, fingerprint_sha256: str, key: Ed25519PrivateKey,
                 timeout_s: float = TIMEOUT_S) -> None:
        self._host, self._port = host, port
        self._fingerprint = normal_fingerprint(fingerprint_sha256)
        self._key = key
        self._key_name = key_id(key.public_key())
        self._timeout_s = timeout_s
        self.last_auth_headers: dict[str, str] = {}
        self.presented_fingerprint = ""

    def request(self, method: str, path: str, body: Any = None, signed: bool = True,
                auth_headers: dict[str, str] | None = None) -> Answer:
        """``auth_headers`` replaces the fresh signature (tests use it to replay a request)."""
        data = b"" if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if auth_headers is not None:
            headers.update(auth_headers)
        elif signed:
            self.last_auth_headers = sign_request(self._key, self._key_name, method, path, data)
            headers.update(self.last_auth_headers)
        return self._send(method, path, data or None, headers)

    def _send(self, method: str, path: str, body: Any, headers: dict[str, str], timeout_s: float | None = None) -> Answer:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # checked below against the pinned fingerprint instead
        where = f"{printable(self._host, 100)}:{self._port}"
        connection = http.client.HTTPSConnection(self._host, self._port, timeout=timeout_s or self._timeout_s, context=context)
        sending = False
        try:
            connection.connect()
            seen = hashlib.sha256(connection.sock.getpeercert(binary_form=True) or b"").hexdigest()
            self.presented_fingerprint = seen
            if not seen.startswith(self._fingerprint):
                raise DeviceError(0, mismatch_message(where, seen, self._fingerprint), "wrong-screen")
            sending = True
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            body = response.read(MAX_ANSWER_BYTES + 1)
            if len(body) > MAX_ANSWER_BYTES:
                raise DeviceError(0, f"{where} answered more than {MAX_ANSWER_BYTES} bytes: not read", "refused")
            return Answer(response.status, body)
        except (OSError, http.client.HTTPException) as exc:
            raise DeviceError(0, network_message(where, exc, sending, timeout_s or self._timeout_s), "unreachable") from None
        finally:
            connection.close()

    def push(self, bundle: Path, progress: Callable[[int, int], None] = lambda sent, total: None,
             path: str = "/layouts") -> Answer:
        """Upload a bundle (streamed from disk, signed by its sha256) to ``path`` (a push, or an override
        with its query); the answer comes once it is on screen."""
        digest = hashlib.sha256()
        with open(bundle, "rb") as f:
            for chunk in iter(lambda: f.read(1024 * 1024), b""):
                digest.update(chunk)
        total = bundle.stat().st_size
        with open(bundle, "rb") as f:
            headers = {"Content-Type": "application/gzip", "Content-Length": str(total),
                       **sign_request(self._key, self._key_name, "POST", path, b"", body_sha256=digest.hexdigest())}
            return self._send("POST", path, _Progress(f, total, progress), headers, timeout_s=PUSH_TIMEOUT_S)

    def pair(self, code: str, label: str) -> str:
        raw = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        answer = self.request("POST", "/pairing/confirm",
                              {"code": code, "public_key": base64.b64encode(raw).decode(), "label": label})
        try:
            key = answer.json().get("key") if answer.status == 200 else None
        except (ValueError, AttributeError):
            key = None
        if not isinstance(key, str):
            error = DeviceError(answer.status, answer.detail())
            error.answer = answer
            raise error
        return printable(key)
