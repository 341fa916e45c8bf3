"""Request bodies bounded before a byte is read: refusals on the headers alone, then a bounded stream.

A pure ASGI middleware that buffers nothing. ``bound_for(method, path)`` is the largest body a route
takes; ``refuse_headers(method, path, headers)`` says why a request is not authenticated (None: it
may go on). On the headers alone, in this order:

- a request whose signature headers are missing, malformed, stale or of an unknown key is 401;
- a body without a Content-Length (chunked) is 411: the bound is checked before reading, not during;
- a malformed or repeated Content-Length is 400, one over the route's bound 413;
- a body over ``upload_above_bytes`` (a bundle) takes one of ``max_uploads`` slots; none free: 503.

While the body streams: more bytes than declared is 413, nothing for ``idle_timeout_s`` is 408.
A refused body over ``LINGER_MAX_BYTES`` is never read: the answer closes the connection (a client
still sending may then see a reset before the answer: it should send ``Expect: 100-continue``). A
smaller one is read and dropped by uvicorn after the answer, so the client reads the answer cleanly.
(uvicorn itself stops reading a body the application does not consume past 64 KiB: flow control.)
"""

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

BODY_IDLE_TIMEOUT_S = 30.0
LINGER_MAX_BYTES = 1024 * 1024  # a refused body this small is drained (never kept) rather than cut off
_DIGITS = re.compile(rb"[0-9]{1,19}")


class BodyRefused(Exception):
    """Raised from ``receive`` into the application; the middleware answers it. Handlers let it through."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class BodyLimits:
    def __init__(self, app: App, bound_for: Callable[[str, str], int], upload_above_bytes: int, max_uploads: int = 2,
                 idle_timeout_s: float = BODY_IDLE_TIMEOUT_S,
                 refuse_headers: Callable[[str, str, dict[str, str]], str | None] = lambda method, path, headers: None) -> None:
        self.app = app
        self._bound_for = bound_for
        self._refuse_headers = refuse_headers
        self._upload_above_bytes = upload_above_bytes
        self._max_uploads = max_uploads
        self._uploads = 0  # touched only on the event loop, between awaits: no lock needed
        self._idle_timeout_s = idle_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
            if (why := self._refuse_headers(scope["method"], scope["path"], headers)) is not None:
                raise BodyRefused(401, why)
            declared = self._declared_length(scope)
        except BodyRefused as refused:
            await _refuse(send, refused.status, refused.detail, close=not _small_declared_body(scope))
            return
        upload = declared > self._upload_above_bytes
        if upload and self._uploads >= self._max_uploads:
            await _refuse(send, 503, f"{self._uploads} uploads are being received; try again shortly", retry_after_s=5)
            return
        self._uploads += upload
        try:
            await self._bounded(scope, receive, send, declared)
        finally:
            self._uploads -= upload

    def _declared_length(self, scope: Scope) -> int:
        lengths = [value for name, value in scope["headers"] if name.lower() == b"content-length"]
        if any(name.lower() == b"transfer-encoding" for name, _ in scope["headers"]):
            raise BodyRefused(411, "send the body with a Content-Length (no chunked transfer)")
        if len(lengths) > 1 or (lengths and not _DIGITS.fullmatch(lengths[0].strip())):
            raise BodyRefused(400, "Content-Length must be one whole number of bytes")
        declared = int(lengths[0]) if lengths else 0
        bound = self._bound_for(scope["method"], scope["path"])
        if declared > bound:
            raise BodyRefused(413, f"a body of {declared} bytes is over this route's {bound}-byte limit")
        return declared

    async def _bounded(self, scope: Scope, receive: Receive, send: Send, declared: int) -> None:
        received, body_done, started = 0, declared == 0, False

        async def bounded_receive() -> Message:
            nonlocal received, body_done
            if body_done:  # only the disconnect is left to wait for: no timeout
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self._idle_timeout_s)
            except TimeoutError:
                raise BodyRefused(408, f"no byte of the body for {self._idle_timeout_s:.0f} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > declared:
                    raise BodyRefused(413, f"more than the {declared} bytes declared")
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, bounded_receive, tracked_send)
        except BodyRefused as refused:
            if not started:
                await _refuse(send, refused.status, refused.detail)


def _small_declared_body(scope: Scope) -> bool:
    """One well-formed Content-Length of at most LINGER_MAX_BYTES, nothing chunked (then draining is cheap)."""
    lengths = [value for name, value in scope["headers"] if name.lower() in (b"content-length", b"transfer-encoding")]
    return len(lengths) <= 1 and all(_DIGITS.fullmatch(v.strip()) and int(v) <= LINGER_MAX_BYTES for v in lengths)


async def _refuse(send: Send, status: int, detail: str, retry_after_s: int | None = None, close: bool = True) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    if retry_after_s is not None:
        headers.append((b"retry-after", str(retry_after_s).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
