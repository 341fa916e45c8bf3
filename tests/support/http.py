"""A real HTTP server on loopback for tests: routes, ETag/Last-Modified, hanging, truncated and trickling bodies."""

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/octet-stream"
    etag: bool = True
    last_modified: str | None = None
    hang_s: float = 0.0  # sleep before answering (a server that never answers)
    declare_length: bool = True
    truncate_to: int | None = None  # send fewer bytes than declared, then close
    trickle_every_s: float = 0.0  # send the body one byte at a time, this long apart (a slowloris server)
    trickle_headers: bool = False  # with trickle_every_s: the status line and headers trickle too
    raw: bytes | None = None  # answer with exactly these bytes (a broken server), then close


@dataclass
class Stats:
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    body_bytes_sent: int = 0


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.stats = Stats()
        self.stopping = threading.Event()  # ends trickling answers when the server stops
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                server.stats.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self._answer(404, b"not found", "text/plain")
                    return
                if route.hang_s:
                    time.sleep(route.hang_s)
                if route.raw is not None:
                    self.close_connection = True
                    self.wfile.write(route.raw)
                    return
                etag = f'"{hashlib.sha256(route.body).hexdigest()[:16]}"' if route.etag else None
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                extra = {}
                if etag:
                    extra["ETag"] = etag
                if route.last_modified:
                    extra["Last-Modified"] = route.last_modified
                self._answer(route.status, route.body, route.content_type, extra, route)

            def _answer(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None,
                        route: Route | None = None) -> None:
                if route is not None and route.trickle_headers and route.trickle_every_s:
                    self._trickle(f"HTTP/1.1 {status} OK\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body,
                                  route.trickle_every_s)
                    return
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if route is None or route.declare_length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                payload = body if route is None or route.truncate_to is None else body[: route.truncate_to]
                if route is not None and route.trickle_every_s:
                    self._trickle(payload, route.trickle_every_s)
                    return
                try:
                    self.wfile.write(payload)
                    server.stats.body_bytes_sent += len(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                if route is not None and (route.truncate_to is not None or not route.declare_length):
                    self.close_connection = True

            def _trickle(self, data: bytes, every_s: float) -> None:
                self.close_connection = True
                try:
                    self.wfile.flush()
                    for i in range(len(data)):
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
                        server.stats.body_bytes_sent += 1
                        if server.stopping.wait(every_s):
                            return
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="test-http")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "LoopbackServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
