"""HTTP download with timeouts, a total deadline, a size limit and conditional requests (ETag / Last-Modified).

The body goes to ``<dest>.part`` and is renamed only once complete, so a half download is never
taken for a file. Outcomes are values, not exceptions: a flaky network is normal for a screen, and
every network or protocol error (requests', urllib3's, http.client's, a malformed URL) is a FAILED
outcome with a message.

Slow sources must not starve the others. Three measures, each for one way a server can be slow:

- every exchange has a total deadline, headers and body, enforced by shutting its sockets
  (``media.deadline``): a server trickling one byte every 0.5 s is cut off at the deadline instead
  of holding a worker for as long as it keeps trickling;
- feed documents get a short deadline (``DOCUMENT_DEADLINE_S``): they are small, polled again at the
  next period anyway, and a value that cannot arrive in 15 s is not worth waiting for; media files
  (up to 200 MB, fetched once then cached) get ``DEFAULT_DEADLINE_S``;
- the network wait gives the Jobs pool's compute slot back (``media.network_wait``): while slow
  servers keep downloads waiting, images are still prepared and other sources still fetched, on the
  pool's extra network threads.

A cap on concurrent fetches per host was considered and left out: one that waits still holds a
worker thread (the scarce resource), and one that refuses breaks a gallery served by a single host.
"""

import enum
import functools
import hashlib
import http.client
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from common.terminal import printable, quoted
from media.deadline import Deadline
from media.network_wait import network_wait

if TYPE_CHECKING:
    import requests

DEFAULT_TIMEOUT_S = (5.0, 20.0)  # connect, read (between bytes)
DEFAULT_DEADLINE_S = 300.0  # the whole exchange of a media file: 200 MB at 8 Mbit/s takes 200 s
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DOCUMENT_TIMEOUT_S = (5.0, 10.0)
DOCUMENT_DEADLINE_S = 15.0  # the whole exchange of a polled feed document (at most 2 MB)
DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
_CHUNK_BYTES = 256 * 1024
# What a broken network, server or URL can raise from requests' calls (InvalidURL and urllib3's
# LocationParseError are ValueErrors; a body read can raise urllib3's own errors unwrapped).
# requests and urllib3 are imported by the first fetch (in the pool), not by every module that names
# a FetchResult or Validators: that keeps about 80 ms off a screen's start before its first frame.


@functools.cache
def _network_errors() -> tuple[type[BaseException], ...]:
    import requests
    import urllib3.exceptions

    return (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException,
            ValueError, OSError)


def _timeout_errors() -> tuple[type[BaseException], ...]:
    import requests
    import urllib3.exceptions

    return (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError)


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


class _TooBig(Exception):
    def __init__(self, size_bytes: int) -> None:
        self.size_bytes = size_bytes


class _DeadlinePassed(Exception):
    pass


class _Malformed(Exception):
    """The server's answer breaks HTTP in a way the libraries let through."""


class _WriteFailed(Exception):
    def __init__(self, error: OSError) -> None:
        self.error = error


def _conditional_headers(known: Validators) -> dict[str, str]:
    return {k: v for k, v in (("If-None-Match", known.etag), ("If-Modified-Since", known.last_modified)) if v}


@contextmanager
def _exchange(url: str, headers: dict[str, str], timeout_s: tuple[float, float], deadline: Deadline) -> Iterator["requests.Response"]:
    """A streamed GET whose sockets are shut when ``deadline`` passes; the caller reads the body."""
    from media.watched_session import watched_session

    with network_wait(), deadline, watched_session() as http:
        # No single wait may outlast the deadline either, so a silent server ends on time too.
        timeouts = tuple(max(0.001, min(t, deadline.remaining_s())) for t in timeout_s)
        with http.get(url, headers=headers, timeout=timeouts, stream=True, allow_redirects=True) as response:
            yield response


def _body_chunks(response: "requests.Response", deadline: Deadline, max_bytes: int) -> Iterator[bytes]:
    """The body in chunks; raises _TooBig past ``max_bytes`` and _DeadlinePassed past the deadline."""
    size = 0
    for chunk in response.iter_content(_CHUNK_BYTES):
        if deadline.passed():
            raise _DeadlinePassed
        size += len(chunk)
        if size > max_bytes:
            raise _TooBig(size)
        yield chunk
    if deadline.passed():
        raise _DeadlinePassed  # the end of file may be the deadline's shutdown, not the end of the body


def _declared_length(response: "requests.Response") -> int | None:
    """The Content-Length of the body we get, when the server declared one we can compare with."""
    if response.headers.get("Content-Encoding", "identity").strip().lower() != "identity":
        return None  # the length of the compressed body, not of the decoded one we count
    declared = response.headers.get("Content-Length")
    if declared is None:
        return None
    # isdigit() accepts "²", and int() of 5,000 digits raises: only ASCII digits count, and more than
    # 18 of them is more than any limit here anyway.
    if not (declared.isascii() and declared.isdigit()):
        raise _Malformed(f"the server sent a Content-Length that is not a number ({quoted(declared, 40)})")
    return int(declared) if len(declared) <= 18 else 10**18


def _network_failure(exc: BaseException, deadline: Deadline, timeout_s: tuple[float, float]) -> str:
    if isinstance(exc, _Malformed):
        return str(exc)
    if deadline.expired or isinstance(exc, _DeadlinePassed) or deadline.passed():
        return f"took longer than the {deadline.seconds:g} s deadline (headers and body)"
    if isinstance(exc, _timeout_errors()):
        return f"timed out (connect {timeout_s[0]:g} s, read {timeout_s[1]:g} s)"
    return printable(f"{type(exc).__name__}: {exc}", 300)


def fetch(
    url: str,
    dest: Path,
    known: Validators = Validators(),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: tuple[float, float] = DEFAULT_TIMEOUT_S,
    deadline_s: float = DEFAULT_DEADLINE_S,
) -> FetchResult:
    """Download ``url`` to ``dest`` unless the server says our copy (``known``) is current.

    The whole exchange (connect, headers, body) ends by ``deadline_s``; ``timeout_s`` bounds each wait.
    """
    part = dest.with_name(dest.name + ".part")
    deadline = Deadline(deadline_s)
    try:
        with _exchange(url, _conditional_headers(known), timeout_s, deadline) as response:
            if response.status_code == 304:
                return FetchResult(FetchOutcome.NOT_MODIFIED, url, validators=known)
            if response.status_code != 200:
                permanent = response.status_code in (401, 403, 404, 410)
                return _failed(url, printable(f"HTTP {response.status_code} {response.reason}", 300), permanent)
            declared = _declared_length(response)
            if declared is not None and declared > max_bytes:
                return _failed(url, f"file is {declared} bytes, over the {max_bytes}-byte limit", True)
            digest, size = _write_body(response, part, deadline, max_bytes)
            if declared is not None and size != declared:
                return _failed(url, f"the connection ended after {size} of {declared} bytes")
            os.replace(part, dest)
            return FetchResult(
                FetchOutcome.FETCHED,
                url,
                path=dest,
                sha256=digest,
                size_bytes=size,
                validators=Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")),
                content_type=response.headers.get("Content-Type"),
            )
    except _TooBig as exc:
        return _failed(url, f"file is over the {max_bytes}-byte limit (stopped at {exc.size_bytes} bytes)", True)
    except _WriteFailed as exc:
        return _failed(url, f"cannot write {part}: {exc.error}")
    except (_DeadlinePassed, _Malformed, *_network_errors()) as exc:
        return _failed(url, _network_failure(exc, deadline, timeout_s))
    finally:
        part.unlink(missing_ok=True)


def _write_body(response: "requests.Response", part: Path, deadline: Deadline, max_bytes: int) -> tuple[str, int]:
    """Stream the body into ``part``, synced to disk; return its sha256 and size."""
    digest = hashlib.sha256()
    size = 0
    try:
        part.parent.mkdir(parents=True, exist_ok=True)
        out = open(part, "wb")
    except OSError as exc:
        raise _WriteFailed(exc) from None
    with out:
        for chunk in _body_chunks(response, deadline, max_bytes):
            digest.update(chunk)
            size += len(chunk)
            try:
                out.write(chunk)
            except OSError as exc:
                raise _WriteFailed(exc) from None
        try:
            out.flush()
            os.fsync(out.fileno())
        except OSError as exc:
            raise _WriteFailed(exc) from None
    return digest.hexdigest(), size


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """A small document fetched into memory (a feed, an API answer); ``body`` is None unless fetched."""

    outcome: FetchOutcome
    body: bytes | None = None
    validators: Validators = Validators()
    error: str | None = None


def fetch_document(url: str, known: Validators = Validators(), *, max_bytes: int = DOCUMENT_MAX_BYTES,
                   timeout_s: tuple[float, float] = DOCUMENT_TIMEOUT_S,
                   deadline_s: float = DOCUMENT_DEADLINE_S) -> DocumentResult:
    """Like ``fetch`` but into memory, for polled feeds: a 304 costs no body. Never raises for the network."""
    deadline = Deadline(deadline_s)
    try:
        with _exchange(url, _conditional_headers(known), timeout_s, deadline) as response:
            if response.status_code == 304:
                return DocumentResult(FetchOutcome.NOT_MODIFIED, validators=known)
            if response.status_code != 200:
                return DocumentResult(FetchOutcome.FAILED, error=printable(f"HTTP {response.status_code} {response.reason}", 300))
            declared = _declared_length(response)
            if declared is not None and declared > max_bytes:
                return DocumentResult(FetchOutcome.FAILED, error=f"document is {declared} bytes, over the {max_bytes}-byte limit")
            body = b"".join(_body_chunks(response, deadline, max_bytes))
            if declared is not None and len(body) != declared:
                return DocumentResult(FetchOutcome.FAILED, error=f"the connection ended after {len(body)} of {declared} bytes")
            return DocumentResult(FetchOutcome.FETCHED, body,
                                  Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")))
    except _TooBig:
        return DocumentResult(FetchOutcome.FAILED, error=f"over the {max_bytes}-byte limit")
    except (_DeadlinePassed, _Malformed, *_network_errors()) as exc:
        return DocumentResult(FetchOutcome.FAILED, error=_network_failure(exc, deadline, timeout_s))
