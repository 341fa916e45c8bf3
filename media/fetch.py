"""HTTP download with timeouts, a size limit and conditional requests (ETag / Last-Modified).

The body goes to ``<dest>.part`` and is renamed only once complete, so a half download is never
taken for a file. Outcomes are values, not exceptions: a flaky network is normal for a screen.
"""

import enum
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import requests

DEFAULT_TIMEOUT_S = (5.0, 20.0)  # connect, read (between bytes)
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_CHUNK_BYTES = 256 * 1024


class FetchOutcome(enum.Enum):
    FETCHED = "fetched"
    NOT_MODIFIED = "not-modified"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Validators:
    """What the server said about the version we hold, sent back to get a cheap 304."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    outcome: FetchOutcome
    url: str
    path: Path | None = None
    sha256: str | None = None
    size_bytes: int = 0
    validators: Validators = Validators()
    content_type: str | None = None
    error: str | None = None
    permanent: bool = False  # a 404 or a too-big file will not fix itself by retrying soon


def _failed(url: str, error: str, permanent: bool = False) -> FetchResult:
    return FetchResult(FetchOutcome.FAILED, url, error=error, permanent=permanent)


def fetch(
    url: str,
    dest: Path,
    known: Validators = Validators(),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: tuple[float, float] = DEFAULT_TIMEOUT_S,
    session: requests.Session | None = None,
) -> FetchResult:
    """Download ``url`` to ``dest`` unless the server says our copy (``known``) is current."""
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    part = dest.with_name(dest.name + ".part")
    http = session or requests
    try:
        with http.get(url, headers=headers, timeout=timeout_s, stream=True, allow_redirects=True) as response:
            if response.status_code == 304:
                return FetchResult(FetchOutcome.NOT_MODIFIED, url, validators=known)
            if response.status_code != 200:
                permanent = response.status_code in (401, 403, 404, 410)
                return _failed(url, f"HTTP {response.status_code} {response.reason}", permanent)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return _failed(url, f"file is {int(declared)} bytes, over the {max_bytes}-byte limit", True)
            digest = hashlib.sha256()
            size = 0
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(part, "wb") as out:
                for chunk in response.iter_content(_CHUNK_BYTES):
                    size += len(chunk)
                    if size > max_bytes:
                        raise _TooBig(size)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if declared and declared.isdigit() and size != int(declared):
                raise requests.exceptions.ChunkedEncodingError(f"got {size} of {declared} bytes")
            os.replace(part, dest)
            return FetchResult(
                FetchOutcome.FETCHED,
                url,
                path=dest,
                sha256=digest.hexdigest(),
                size_bytes=size,
                validators=Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")),
                content_type=response.headers.get("Content-Type"),
            )
    except _TooBig as exc:
        return _failed(url, f"file is over the {max_bytes}-byte limit (stopped at {exc.size_bytes} bytes)", True)
    except requests.exceptions.Timeout:
        return _failed(url, f"timed out (connect {timeout_s[0]:g} s, read {timeout_s[1]:g} s)")
    except requests.exceptions.RequestException as exc:
        return _failed(url, f"{type(exc).__name__}: {exc}")
    except OSError as exc:
        return _failed(url, f"cannot write {part}: {exc}")
    finally:
        part.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """A small document fetched into memory (a feed, an API answer); ``body`` is None unless fetched."""

    outcome: FetchOutcome
    body: bytes | None = None
    validators: Validators = Validators()
    error: str | None = None


def fetch_document(url: str, known: Validators = Validators(), *, max_bytes: int = 2 * 1024 * 1024,
                   timeout_s: tuple[float, float] = (5.0, 10.0)) -> DocumentResult:
    """Like ``fetch`` but into memory, for polled feeds: a 304 costs no body."""
    headers = {k: v for k, v in (("If-None-Match", known.etag), ("If-Modified-Since", known.last_modified)) if v}
    try:
        with requests.get(url, headers=headers, timeout=timeout_s, stream=True) as response:
            if response.status_code == 304:
                return DocumentResult(FetchOutcome.NOT_MODIFIED, validators=known)
            if response.status_code != 200:
                return DocumentResult(FetchOutcome.FAILED, error=f"HTTP {response.status_code} {response.reason}")
            body = response.raw.read(max_bytes + 1, decode_content=True)
            if len(body) > max_bytes:
                return DocumentResult(FetchOutcome.FAILED, error=f"over the {max_bytes}-byte limit")
            return DocumentResult(FetchOutcome.FETCHED, body,
                                  Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")))
    except requests.exceptions.Timeout:
        return DocumentResult(FetchOutcome.FAILED, error=f"timed out (connect {timeout_s[0]:g} s, read {timeout_s[1]:g} s)")
    except requests.exceptions.RequestException as exc:
        return DocumentResult(FetchOutcome.FAILED, error=f"{type(exc).__name__}: {exc}")


class _TooBig(Exception):
    def __init__(self, size_bytes: int) -> None:
        self.size_bytes = size_bytes
