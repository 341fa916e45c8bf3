"""``kioskctl pair``: by a name from discover, or by address and the fingerprint the screen shows.

The fingerprint may be the 16 hex digits the screen shows (``2D31 D5A4 1456 C880``) or all 64: it is
checked against the certificate the screen presents, and the whole presented fingerprint is pinned.
The code is asked for until it is six digits; a wrong one is asked for again while the screen still
shows it.
"""

import argparse
import re
import sys

from common.fingerprints import fingerprint_text
from common.terminal import printable, quoted
from provisioning.cli_bundles import admin_key_of
from provisioning.cli_common import known_devices
from provisioning.cli_errors import LOCAL, CommandFailed
from provisioning.client import Answer, DeviceClient, DeviceError
from provisioning.client_text import normal_fingerprint
from provisioning.devices import KnownDevice
from provisioning.discover import discover

CODE = re.compile(r"[0-9]{6}")
ASK_AGAIN = "type the 6 digits shown on the screen"
MAX_PROMPTS = 20  # then give up: stdin is not a person
REASONS = {
    "closed": "pairing is not open on this screen: a paired administrator runs kioskctl allow-pairing, "
              "or restart a screen nobody has paired yet",
    "no-code": "the screen shows no code for this machine (codes last 2 minutes): run kioskctl pair again",
    "busy": "the screen shows a code another machine asked for: wait until it goes, then pair again",
}


def _reason(answer: Answer) -> str:
    try:
        body = answer.json()
    except ValueError:
        return ""
    return body.get("reason", "") if isinstance(body, dict) and isinstance(body.get("reason"), str) else ""


def refusal_line(answer: Answer) -> str:
    return REASONS.get(_reason(answer)) or f"the screen refused to pair: {answer.detail()}"


def read_code(prompt: str = "Code shown on the screen: ") -> str:
    """Ask until six digits are typed (spaces allowed: "123 456"); EOF is no code."""
    for _ in range(MAX_PROMPTS):
        try:
            typed = input(prompt)
        except EOFError:
            raise CommandFailed("no code typed: nothing was paired") from None
        code = re.sub(r"\s", "", typed)
        if CODE.fullmatch(code):
            return code
        print(ASK_AGAIN, file=sys.stderr, flush=True)
    raise CommandFailed(f"no 6-digit code after {MAX_PROMPTS} tries: nothing was paired")


def _resolve_by_name(args: argparse.Namespace) -> None:
    found = [d for d in discover(3.0, interfaces=args.interface) if d.name == args.address]
    if not found or not found[0].addresses or not found[0].port:
        raise CommandFailed(f"no screen named {quoted(args.address)} with an API answered on the LAN "
                            "(kioskctl discover lists them; or pair by HOST:PORT --fingerprint)")
    device = found[0]
    args.name = args.name or device.name
    args.fingerprint = args.fingerprint or device.fingerprint_sha256
    args.address = f"{device.addresses[0]}:{device.port}"


def _host_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandFailed(f"{quoted(address)} is not HOST:PORT (e.g. 192.168.1.20:8443)", LOCAL)
    return host, int(port)


def cmd_pair(args: argparse.Namespace) -> int:
    if ":" not in args.address:  # a name from discover: its address and fingerprint come from the LAN
        _resolve_by_name(args)
    if not args.fingerprint or not args.name:
        raise CommandFailed("pairing by address needs --fingerprint (the 16 hex digits the screen shows) and --name", LOCAL)
    host, port = _host_port(args.address)
    fingerprint = normal_fingerprint(args.fingerprint)
    client = DeviceClient(host, port, fingerprint, admin_key_of(args))
    typed = args.code is not None
    if not typed:
        offer = client.request("POST", "/pairing/request", signed=False)  # a certificate that does not match: exit 5
        if offer.status != 200:
            raise CommandFailed(refusal_line(offer))
        print(f"The screen presented certificate {fingerprint_text(client.presented_fingerprint)}, as you typed: "
              "check the screen shows the same, and the code under it", file=sys.stderr)
    key = _confirm(client, args, typed)
    known_devices().save(KnownDevice(args.name, host, port, client.presented_fingerprint))
    print(f"paired with {printable(args.name)} ({printable(args.address)}) as key {printable(key)}; "
          f"certificate {fingerprint_text(client.presented_fingerprint)} pinned")
    return 0


def _confirm(client: DeviceClient, args: argparse.Namespace, typed: bool) -> str:
    code = re.sub(r"\s", "", args.code) if typed else read_code()
    for _ in range(MAX_PROMPTS):
        if not CODE.fullmatch(code):
            raise CommandFailed(f"--code {quoted(args.code)}: {ASK_AGAIN}", LOCAL)
        try:
            return client.pair(code, args.label)
        except DeviceError as exc:
            answer = getattr(exc, "answer", None)
            reason = _reason(answer) if answer is not None else ""
            if reason in REASONS:
                raise CommandFailed(REASONS[reason]) from None
            if reason != "wrong-code" or typed:
                raise
            print(f"{printable(exc, 200)}: {ASK_AGAIN}", file=sys.stderr, flush=True)
            code = read_code()
    raise CommandFailed("too many wrong codes: nothing was paired")
