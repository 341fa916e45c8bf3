"""What the locked-down browser does with a URL: load it, hand it to the visitor's phone (mailto:,
tel:, sms: as a QR code) or refuse it, with the reason. Pure: no Qt, tested on its own.

A view may go to its start page's origin and to the hosts of its allow-list (``www.istres.fr``
exactly, ``*.istres.fr`` for the sub-domains); only http(s) is ever loaded. The rules are the ones
of the ``web`` item kind (signs.widgets.navigation), so both kinds refuse the same things.
"""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from signs.widgets.navigation import NavigationRequest, is_navigation_allowed

EXTERNAL_SCHEMES = ("mailto", "tel", "sms")  # shown as a QR code for the visitor's own phone
INNER_FRAME_URLS = ("about:blank", "about:srcdoc")  # a frame's own empty document, same origin as its parent
MAX_URL_CHARS = 8192  # longer URLs are refused before any parsing
MAX_TARGET_CHARS = 200  # an address or number shown on screen is cut there


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: str  # "load", "external" or "refuse"
    reason: str = ""  # why it was refused: a short code the view turns into words
    scheme: str = ""
    target: str = ""  # for "external": the address or number, decoded and cut to MAX_TARGET_CHARS

    def as_map(self) -> dict[str, str]:
        return {"verdict": self.verdict, "reason": self.reason, "scheme": self.scheme, "target": self.target}


def _scheme(url: str) -> str:
    head, colon, _ = url.partition(":")
    return head.strip().lower() if colon and head.isascii() and head.replace("+", "").replace("-", "").replace(".", "").isalnum() else ""


def _external(url: str, scheme: str) -> Decision:
    target = unquote(url.split(":", 1)[1].split("?", 1)[0]).strip()
    target = "".join(ch for ch in target if ch.isprintable())[:MAX_TARGET_CHARS]
    if not target:
        return Decision("refuse", "external-empty", scheme)
    return Decision("external", scheme=scheme, target=target)


def decide(url: str, start_url: str, allow: tuple[str, ...], main_frame: bool = True) -> Decision:
    """The decision for one navigation of a view started at ``start_url`` with this allow-list."""
    if not isinstance(url, str) or len(url) > MAX_URL_CHARS:
        return Decision("refuse", "too-long")
    scheme = _scheme(url)
    if not main_frame and url in INNER_FRAME_URLS:
        return Decision("load")
    if scheme in EXTERNAL_SCHEMES:
        return _external(url, scheme) if main_frame else Decision("refuse", "external-in-frame", scheme)
    if scheme not in ("http", "https"):
        return Decision("refuse", "scheme", scheme)
    try:
        allowed = is_navigation_allowed(NavigationRequest(url, start_url, allow))
    except ValueError:  # a URL urllib cannot split (bad IPv6 brackets...)
        allowed = False
    if allowed:
        return Decision("load")
    return Decision("refuse", "outside" if main_frame else "frame-outside", scheme)


def host_of(url: str) -> str:
    """The host shown in a refusal ("www.example.org"), never more than a host."""
    try:
        return (urlsplit(url).hostname or "")[:253]
    except ValueError:
        return ""
