"""The loopback web server of the browser tests: hostile pages from hostile_pages/ and the few
answers a file cannot give (redirects, downloads, basic auth, a page that never comes).

One server answers two origins: http://127.0.0.1:<port> (the tile's own site) and
http://localhost:<port> (the outside world). Every request is written down with its Host, so a
test can prove that nothing ever reached the outside."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).with_name("hostile_pages")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".txt": "text/plain"}
AUTH = "Basic dmlzaXRvcjpzZWNyZXQ="  # visitor:secret


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a view destroyed mid-answer closes its connection: a broken pipe here is expected


@dataclass
class Seen:
    host: str
    path: str
    authorization: str | None
    cookie: str | None


@dataclass
class HostileServer:
    seen: list[Seen] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def start(self) -> "HostileServer":
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def home(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def outside(self) -> str:
        return f"http://localhost:{self.port}"

    def outside_hits(self) -> list[str]:
        return [s.path for s in self.seen if s.host.startswith("localhost")]

    def page(self, name: str) -> bytes:
        text = (PAGES / name).read_text(encoding="utf-8")
        return text.replace("{OUT}", self.outside).replace("{HOME}", self.home).encode()


def _handler(server: HostileServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            path = self.path.split("?", 1)[0]
            server.seen.append(Seen(self.headers.get("Host", ""), path, self.headers.get("Authorization"), self.headers.get("Cookie")))
            special = {"/redirect-out": self._redirect_out, "/download.bin": self._download, "/auth": self._auth,
                       "/hang": self._hang, "/set-cookie": self._set_cookie,
                       "/cached": self._cached}.get(path)
            if special:
                special()
                return
            name = path.lstrip("/") or "index.html"
            file = PAGES / name
            if "/" in name or not file.is_file():
                self._answer(404, b"not found", "text/plain")
                return
            cache = {"Cache-Control": "public, max-age=3600"} if name == "painted.html" else None  # the bench's cached page
            self._answer(200, server.page(name), TYPES.get(file.suffix, "application/octet-stream"), cache)

        def _answer(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if "Cache-Control" not in (headers or {}):
                self.send_header("Cache-Control", "no-store")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _redirect_out(self) -> None:
            self._answer(302, b"", "text/plain", {"Location": server.outside + "/landing.html"})

        def _download(self) -> None:
            self._answer(200, b"MZ" + b"\0" * 4096, "application/octet-stream", {"Content-Disposition": 'attachment; filename="evil.exe"'})

        def _auth(self) -> None:
            if self.headers.get("Authorization") == AUTH:
                self._answer(200, b"<html><body><p id=who>authenticated</p></body></html>", "text/html")
            else:
                self._answer(401, b"<html><body>who are you?</body></html>", "text/html", {"WWW-Authenticate": 'Basic realm="kiosk-test"'})

        def _hang(self) -> None:
            server.stopping.wait(60)  # never answers while the test runs

        def _set_cookie(self) -> None:
            self._answer(200, b"<html><body>cookie set</body></html>", "text/html",
                         {"Set-Cookie": "visitor=previous-visitor; Path=/; Max-Age=86400"})

        def _cached(self) -> None:
            self._answer(200, b"cached for an hour", "text/plain", {"Cache-Control": "public, max-age=3600"})

    return Handler
