"""Where a web item may navigate: a pure policy, tested without Qt.

A page may go to its own origin (scheme + host + port) and to the hosts of its allow-list:
``example.org`` (exactly) or ``*.example.org`` (any sub-domain, not the bare domain). Only
http(s) is ever allowed (no file:, data:, javascript: or custom schemes).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class NavigationRequest:
    url: str
    item_url: str
    allow: tuple[str, ...] = ()


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _host_matches(host: str, pattern: str) -> bool:
    pattern = pattern.lower().strip()
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and host != pattern[2:]
    return host == pattern


def is_navigation_allowed(request: NavigationRequest) -> bool:
    scheme, host, port = _origin(request.url)
    if scheme not in ("http", "https") or not host or port == -1:
        return False
    if (scheme, host, port) == _origin(request.item_url):
        return True
    return any(_host_matches(host, pattern) for pattern in request.allow)
