"""``kioskctl alert send|cancel|list``: emergency alerts (CAP 1.2) to paired screens.

``send`` takes a CAP file, or writes the message from ``--headline``, ``--area`` and the shape
options (``--circle``, ``--polygon``, ``--zone``), ``--expires`` and the texts; ``--replaces ID`` makes
it an Update of an alert the first screen holds. The screens parse and check it: a refusal prints
the element path and the reason.
"""

import argparse
import json
import re
import socket
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from common.terminal import printable

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
MAX_FILE_BYTES = 512 * 1024
_DURATION = re.compile(r"\+?(\d{1,4})(m|h|d)")
Call = Callable[..., Any]  # provisioning.cli._call: (args, method, path, body, accept) -> Answer


def parse_expiry(text: str, now: datetime) -> datetime:
    """``2026-07-15T09:00+02:00``, or a duration from now: ``90m``, ``2h``, ``1d``."""
    match = _DURATION.fullmatch(text.strip())
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now + timedelta(**{{"m": "minutes", "h": "hours", "d": "days"}[unit]: amount})
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{printable(text, 40)} is neither a date-time with offset nor a duration (2h)") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{printable(text, 40)} needs its offset (e.g. +02:00)")
    return moment


def cap_message(args: argparse.Namespace, now: datetime, references: str = "") -> str:
    """A CAP 1.2 message from the command's options (French block, and English when given)."""
    ET.register_namespace("", CAP_NS)

    def sub(parent: ET.Element, name: str, text: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{CAP_NS}}}{name}")
        element.text = text
        return element

    alert = ET.Element(f"{{{CAP_NS}}}alert")
    stamp = lambda moment: moment.astimezone(UTC).isoformat(timespec="seconds")  # noqa: E731
    for name, value in (("identifier", args.identifier or f"kioskctl-{uuid.uuid4().hex[:16]}"),
                        ("sender", args.sender or f"kioskctl@{socket.gethostname()}"), ("sent", stamp(now)),
                        ("status", args.status), ("msgType", "Update" if references else "Alert"), ("scope", "Public")):
        sub(alert, name, value)
    if references:
        sub(alert, "references", references)
    expires = stamp(parse_expiry(args.expires, now))
    for lang, headline, instruction in (("fr-FR", args.headline, args.instruction), ("en-GB", args.headline_en, args.instruction_en)):
        if not headline:
            continue
        info = ET.SubElement(alert, f"{{{CAP_NS}}}info")
        for name, value in (("language", lang), ("category", args.category), ("event", args.event or headline),
                            ("urgency", args.urgency), ("severity", args.severity), ("certainty", args.certainty),
                            ("expires", expires), ("senderName", args.sender_name), ("headline", headline),
                            ("instruction", instruction or "")):
            if value:
                sub(info, name, value)
        area = ET.SubElement(info, f"{{{CAP_NS}}}area")
        sub(area, "areaDesc", args.area)
        for polygon in args.polygon or ():
            sub(area, "polygon", polygon)
        for circle in args.circle or ():
            sub(area, "circle", circle)
        for code in args.zone or ():
            geocode = ET.SubElement(area, f"{{{CAP_NS}}}geocode")
            sub(geocode, "valueName", "zone")
            sub(geocode, "value", code)
    return ET.tostring(alert, encoding="unicode", xml_declaration=False)


def _message(args: argparse.Namespace, call: Call) -> str:
    if args.file is not None:
        data = args.file.read_bytes()[:MAX_FILE_BYTES + 1]
        if len(data) > MAX_FILE_BYTES:
            raise SystemExit(f"kioskctl: {printable(args.file, 300)} is over {MAX_FILE_BYTES} bytes: not sent")
        return data.decode("utf-8", "replace")
    if not args.headline or not args.area or not args.expires:
        raise SystemExit("kioskctl: alert send needs a CAP FILE, or --headline, --area and --expires")
    references = ""
    if args.replaces:
        held = call(argparse.Namespace(**{**vars(args), "device": args.device[0]}), "GET", "/alerts").json().get("alerts", [])
        match = next((a for a in held if isinstance(a, dict) and a.get("id") == args.replaces), None)
        if match is None:
            raise SystemExit(f"kioskctl: {printable(args.device[0])} holds no alert {printable(args.replaces)} to replace")
        references = f"{match['sender']},{match['id']},{match['sent']}"
    return cap_message(args, datetime.now(UTC), references)


def _each(args: argparse.Namespace, call: Call, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """One call per screen; the answer (or the failure) of each, never stopping at the first:
    ``name -> (status, body, detail, exit code)`` (status 0: no answer; the code as kioskctl documents it)."""
    from provisioning.cli_errors import DEVICE_EXIT, REFUSED, device_line
    from provisioning.client import DeviceError

    results: dict[str, Any] = {}
    for name in args.device:
        try:
            answer = call(argparse.Namespace(**{**vars(args), "device": name}), method, path, body, accept=(200, 404, 409, 422))
            results[name] = (answer.status, answer.json() if answer.body else {}, answer.detail(),
                             0 if answer.status == 200 else REFUSED)
        except DeviceError as exc:
            results[name] = (0, {}, device_line(exc), DEVICE_EXIT.get(exc.kind or "", REFUSED))
        except ValueError as exc:  # an answer that is not JSON
            results[name] = (0, {}, f"the screen's answer is not JSON: {printable(exc, 300)}", REFUSED)
    return results


def _print_failures(results: dict[str, Any], what: str) -> int:
    """Each screen that did not do it: one line on stderr; the exit code (one kind of failure: its code)."""
    codes = set()
    for name, (status, _body, detail, code) in results.items():
        if code:
            codes.add(code)
            print(f"kioskctl: {printable(name)}: {what}" + (f" ({status})" if status else "") + f": {detail}",
                  file=sys.stderr, flush=True)
    return 0 if not codes else codes.pop() if len(codes) == 1 else 1


def cmd_send(args: argparse.Namespace, call: Call) -> int:
    results = _each(args, call, "POST", "/alerts", {"cap": _message(args, call)})
    for name, (status, body, _detail, _code) in results.items():
        if status == 200:
            changes = body.get("changes", []) if isinstance(body, dict) else []
            print(f"{printable(name)}: " + ", ".join(f"{c.get('kind')} {printable(c.get('alert_id'), 80)}"
                                                     for c in changes if isinstance(c, dict)))
    return _print_failures(results, "refused")


def cmd_cancel(args: argparse.Namespace, call: Call) -> int:
    results = _each(args, call, "DELETE", f"/alerts/{quote(args.alert_id, safe='')}")
    for name, (status, _body, _detail, _code) in results.items():
        if status == 200:
            print(f"{printable(name)}: lifted")
    return _print_failures(results, "not lifted")


def cmd_list(args: argparse.Namespace, call: Call) -> int:
    results = _each(args, call, "GET", "/alerts")
    if args.json:
        print(json.dumps({name: r[1] for name, r in results.items() if r[0] == 200}, indent=2))
        return _print_failures(results, "failed")
    for name, (status, body, _detail, _code) in results.items():
        if status != 200:
            continue
        alerts = body.get("alerts", []) if isinstance(body, dict) else []
        for alert in alerts:
            if isinstance(alert, dict):
                print(f"{printable(name)}: {printable(alert.get('id'), 60)} {printable(alert.get('severity'), 10)} "
                      f"{'ON SCREEN' if alert.get('on_screen') else 'held'} until {printable(alert.get('expires'), 30)}: "
                      f"{printable(alert.get('headline'), 120)}")
        if not alerts:
            print(f"{printable(name)}: no alert")
    return _print_failures(results, "failed")


def add_alert_commands(sub: "argparse._SubParsersAction", add_key: Callable[[argparse.ArgumentParser], None], call: Call) -> None:
    alert = sub.add_parser("alert", help="emergency alerts (CAP 1.2): send, cancel, list").add_subparsers(dest="alert_command", required=True)
    p = alert.add_parser("send", help="send a CAP file, or an alert written from the options, to screens")
    p.add_argument("file", type=Path, nargs="?", help="a CAP 1.2 XML file (else --headline, --area, --expires)")
    p.add_argument("--device", action="append", required=True, help="a screen's name given at pairing (repeatable)")
    for flag, default in (("--headline", None), ("--headline-en", None), ("--instruction", None), ("--instruction-en", None),
                          ("--event", None), ("--area", None), ("--expires", None), ("--identifier", None), ("--sender", None),
                          ("--sender-name", "kioskctl"), ("--replaces", None)):
        p.add_argument(flag, default=default)
    p.add_argument("--circle", action="append", metavar="'LAT,LON KM'")
    p.add_argument("--polygon", action="append", metavar="'LAT,LON LAT,LON ...'")
    p.add_argument("--zone", action="append", metavar="CODE")
    p.add_argument("--severity", default="Severe", choices=["Extreme", "Severe", "Moderate", "Minor", "Unknown"])
    p.add_argument("--urgency", default="Immediate", choices=["Immediate", "Expected", "Future", "Past", "Unknown"])
    p.add_argument("--certainty", default="Observed", choices=["Observed", "Likely", "Possible", "Unlikely", "Unknown"])
    p.add_argument("--category", default="Safety")
    p.add_argument("--status", default="Actual", choices=["Actual", "Exercise", "Test"])
    p.set_defaults(func=lambda a: cmd_send(a, call))
    p = alert.add_parser("cancel", help="lift an alert on screens")
    p.add_argument("alert_id")
    p.add_argument("--device", action="append", required=True)
    p.set_defaults(func=lambda a: cmd_cancel(a, call))
    p = alert.add_parser("list", help="the alerts screens hold")
    p.add_argument("--device", action="append", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=lambda a: cmd_list(a, call))
    for parser in alert.choices.values():
        add_key(parser)
