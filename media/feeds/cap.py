"""CAP 1.2 (OASIS Common Alerting Protocol) messages into typed, frozen alerts, refusing anything else.

Hostile input is expected (a feed, an MQTT topic, an API body): the size is checked before parsing;
``defusedxml`` refuses any DTD, so no entity is expanded (billion laughs) and no external entity
fetched; the namespace must be CAP 1.2's; lists, texts, polygons and references are bounded.
Every refusal is a ``CapRefused`` with the element path and the reason; nothing else escapes.
The parser does not look at the clock: whether an alert is still current is the store's decision.
"""

from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from media.feeds.cap_area import parse_area
from media.feeds.cap_fields import NS, bounded, children, choice, identifier, optional_time, parse_time, tag, text
from media.feeds.cap_model import CATEGORIES, CERTAINTIES, MSG_TYPES, SCOPES, SEVERITIES, STATUSES, URGENCIES, CapAlert, CapRefused, Info, Reference

MAX_CAP_BYTES = 512 * 1024  # a 1,000-point polygon is ~25 KB; real messages are a few KB
MAX_INFOS = 16
MAX_AREAS_PER_INFO = 32
MAX_REFERENCES = 64
MAX_CATEGORIES = len(CATEGORIES)
MAX_ELEMENTS = 20_000  # the whole tree, counted before anything is read from it


def parse_cap(data: bytes, source: str = "") -> CapAlert:
    """One CAP 1.2 ``<alert>`` from its bytes (``source`` says where it came from, for logs and display)."""
    root = _root(data)
    path = "alert"
    sender = identifier(root, "sender", path)
    alert_id = identifier(root, "identifier", path)
    msg_type = choice(root, "msgType", path, MSG_TYPES)
    infos = tuple(_info(element, f"{path}/info[{i}]") for i, element in enumerate(children(root, "info", path, MAX_INFOS)))
    if msg_type in ("Alert", "Update") and not infos:
        raise CapRefused(f"{path}/info", f"an {msg_type} without an <info> block has nothing to show")
    alert = CapAlert(identifier=alert_id, sender=sender, sent=parse_time(text(root, "sent", path, required=True), f"{path}/sent"),
                     status=choice(root, "status", path, STATUSES), msg_type=msg_type,
                     scope=choice(root, "scope", path, SCOPES), references=_references(root, sender, alert_id, msg_type),
                     infos=infos, source=source)
    return alert


def _root(data: bytes) -> Element:
    if not isinstance(data, bytes | bytearray):
        raise CapRefused("message", f"bytes expected, not {type(data).__name__}")
    if len(data) > MAX_CAP_BYTES:
        raise CapRefused("message", f"{len(data)} bytes, over the {MAX_CAP_BYTES}-byte limit: not parsed")
    try:
        root = SafeET.fromstring(bytes(data), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise CapRefused("message", "has a DTD (<!DOCTYPE>): refused, no entity is expanded or fetched") from None
    except defusedxml.EntitiesForbidden:
        raise CapRefused("message", "declares entities: refused, no entity is expanded") from None
    except defusedxml.ExternalReferenceForbidden:
        raise CapRefused("message", "refers to an external entity: refused, nothing is fetched") from None
    except ParseError as exc:
        raise CapRefused("message", f"not well-formed XML: {exc}") from None
    except (ValueError, RecursionError, UnicodeError) as exc:  # an encoding declaration expat cannot take, ...
        raise CapRefused("message", f"not readable XML: {type(exc).__name__}: {str(exc)[:200]}") from None
    if root.tag != tag("alert"):
        namespace, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
        if local == "alert":
            raise CapRefused("alert", f"namespace {namespace[:100]!r} is not CAP 1.2's ({NS})")
        raise CapRefused(local[:60] or "message", f"the root element must be <alert> in {NS}")
    count = 0
    for _element in root.iter():
        count += 1
        if count > MAX_ELEMENTS:
            raise CapRefused("alert", f"more than {MAX_ELEMENTS} elements")
    return root


def _references(root: Element, sender: str, alert_id: str, msg_type: str) -> tuple[Reference, ...]:
    where = "alert/references"
    raw = text(root, "references", "alert")
    tokens = raw.split(None, MAX_REFERENCES)
    if len(tokens) > MAX_REFERENCES:
        raise CapRefused(where, f"more than {MAX_REFERENCES} references")
    references = []
    for token in tokens:
        parts = token.split(",")
        if len(parts) != 3 or not all(parts):
            raise CapRefused(where, f"{token[:80]!r} is not 'sender,identifier,sent'")
        reference = Reference(bounded(parts[0], "sender", where), bounded(parts[1], "identifier", where), parts[2])
        if (reference.sender, reference.identifier) == (sender, alert_id):
            raise CapRefused(where, f"the message refers to itself ({alert_id[:80]}): a reference loop")
        if any((r.sender, r.identifier) == (reference.sender, reference.identifier) for r in references):
            raise CapRefused(where, f"{reference.identifier[:80]} is referred to twice")
        parse_time(reference.sent, where)
        references.append(reference)
    if msg_type in ("Update", "Cancel") and not references:
        raise CapRefused(where, f"an {msg_type} must name the message(s) it replaces in <references>")
    return tuple(references)


def _info(element: Element, path: str) -> Info:
    categories = tuple(bounded(c.text or "", "category", f"{path}/category")
                       for c in children(element, "category", path, MAX_CATEGORIES))
    if not categories:
        raise CapRefused(f"{path}/category", "missing (required by CAP 1.2)")
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown:
        raise CapRefused(f"{path}/category", f"{unknown[0][:40]!r} is not one of {', '.join(CATEGORIES)}")
    onset, expires = optional_time(element, "onset", path), optional_time(element, "expires", path)
    if onset is not None and expires is not None and expires <= onset:
        raise CapRefused(f"{path}/expires", "expires at or before its onset")
    web = text(element, "web", path)
    if web and not web.startswith(("https://", "http://")):
        raise CapRefused(f"{path}/web", "must be an http(s) address")
    return Info(
        language=text(element, "language", path) or "en-US",  # CAP's default
        categories=categories, event=text(element, "event", path, required=True),
        urgency=choice(element, "urgency", path, URGENCIES), severity=choice(element, "severity", path, SEVERITIES),
        certainty=choice(element, "certainty", path, CERTAINTIES), headline=text(element, "headline", path),
        description=text(element, "description", path), instruction=text(element, "instruction", path),
        sender_name=text(element, "senderName", path), web=web, onset=onset, expires=expires,
        areas=tuple(parse_area(a, f"{path}/area[{i}]") for i, a in enumerate(children(element, "area", path, MAX_AREAS_PER_INFO))),
    )
