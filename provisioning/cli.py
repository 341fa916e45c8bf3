"""``kioskctl``: the administrators' tool: find screens, pair, push, ask (bundles: ``cli_bundles``)."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from common.terminal import printable
from provisioning.admin_key import default_admin_key_path
from provisioning.cli_alerts import add_alert_commands
from provisioning.cli_bundles import cmd_bundle, cmd_validate
from provisioning.cli_common import call, client_for
from provisioning.cli_common import json_of as _json_of
from provisioning.cli_discover import cmd_discover
from provisioning.cli_errors import EXIT_CODES_TEXT, run_command
from provisioning.cli_fleet import add_fleet_commands
from provisioning.cli_journal import add_journal_commands
from provisioning.cli_pair import cmd_pair
from provisioning.cli_push import push_all
from provisioning.cli_schedule import add_schedule_commands
from provisioning.client import Answer, DeviceClient


def _client(args: argparse.Namespace) -> DeviceClient:
    return client_for(args.device, args)


def _call(args: argparse.Namespace, method: str, path: str, body: object = None, accept: tuple[int, ...] = (200,)) -> Answer:
    """One signed call to the named screen; any other answer becomes a DeviceError with the screen's reason."""
    return call(_client(args), method, path, body, accept)


def _cmd_flag(args: argparse.Namespace) -> int:
    _call(args, "PUT", "/flag", {"flag": args.flag, "set_by": args.set_by})
    print(f"{printable(args.device)}: flag {args.flag}")
    return 0


def _cmd_allow_pairing(args: argparse.Namespace) -> int:
    answer = _json_of(_call(args, "POST", "/pairing/allow"))
    print(f"{printable(args.device)}: pairing open for {answer.get('open_for_s', '?')} s: "
          "on the other machine, kioskctl pair and type the code the screen shows")
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    answer = _call(args, "GET", "/screenshot")
    args.output.write_bytes(answer.body)
    print(f"{printable(args.output, 500)}: {len(answer.body)} bytes")
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    return push_all(args, lambda name: client_for(name, args))


def _cmd_rollback(args: argparse.Namespace) -> int:
    answer = _call(args, "POST", "/layouts/rollback", accept=(200, 202))
    print(f"{printable(args.device)}: {printable(_json_of(answer), 500)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kioskctl", description="Find and manage Istres kiosk screens on the LAN.",
                                     epilog=EXIT_CODES_TEXT, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("discover", help="list the screens announcing themselves (_kiosk._tcp), as they are found")
    p.add_argument("--seconds", type=float, default=5.0, help="how long to listen (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON list at the end, for scripts")
    p.add_argument("--interface", action="append", metavar="IP", help="listen on this interface address only (repeatable)")
    p.set_defaults(func=cmd_discover)

    def add_key(p: argparse.ArgumentParser) -> None:
        p.add_argument("--key", type=Path, help=f"administrator key (default {default_admin_key_path()}, made on first use)")

    p = sub.add_parser("bundle", help="sign a folder (a layout and its media) into a bundle to push")
    p.add_argument("folder", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="the .tar.gz to write")
    p.add_argument("--layout", default="layout.json", help="the layout file inside the folder (default layout.json)")
    add_key(p)
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("pair", help="pair with a screen: it shows a code and its fingerprint; type the code")
    p.add_argument("address", metavar="NAME|HOST:PORT", help="a name from discover, or an address")
    p.add_argument("--fingerprint", help="the screen's certificate sha256 (from discover when pairing by name), pinned from now on")
    p.add_argument("--name", help="how you will call this screen in later commands (default: its advertised name)")
    p.add_argument("--interface", action="append", metavar="IP", help="when pairing by name: browse on this interface only")
    p.add_argument("--code", help="the code on the screen (asked for when not given)")
    p.add_argument("--label", default="kioskctl", help="how the screen lists this administrator")
    add_key(p)
    p.set_defaults(func=cmd_pair)

    p = sub.add_parser("validate", help="check a bundle as a screen would: paths, hashes, signature, layout")
    p.add_argument("bundle", type=Path)
    add_key(p)
    p.set_defaults(func=cmd_validate)
    _add_device_commands(sub, add_key)
    add_fleet_commands(sub, add_key)  # status (one screen or all), admins, revoke, logs
    add_schedule_commands(sub, add_key)  # schedule, override
    add_alert_commands(sub, add_key, _call)
    add_journal_commands(sub, add_key)  # kioskctl journal pull | verify | report
    return parser


def _add_device_commands(sub: "argparse._SubParsersAction", add_key: Callable[[argparse.ArgumentParser], None]) -> None:
    """The commands that talk to one paired screen (or several, for push)."""
    for command, handler, text in (("screenshot", _cmd_screenshot, "a PNG of what is on the screen now"),
                                   ("flag", _cmd_flag, "set the bathing flag shown by the beach panels"),
                                   ("allow-pairing", _cmd_allow_pairing, "let one more administrator pair with this screen (10 min)")):
        p = sub.add_parser(command, help=text)
        p.add_argument("device", help="the name given at pairing")
        if command == "screenshot":
            p.add_argument("-o", "--output", type=Path, required=True)
        if command == "flag":
            p.add_argument("flag", choices=["green", "yellow", "red", "violet", "none"])
            p.add_argument("--set-by", default="Poste de secours", help="who set it (shown on the panel)")
        add_key(p)
        p.set_defaults(func=handler)

    p = sub.add_parser("push", help="send a bundle to one or more screens; each answers once it shows it")
    p.add_argument("bundle", type=Path)
    p.add_argument("devices", nargs="+", help="names given at pairing")
    p.add_argument("--json", action="store_true")
    add_key(p)
    p.set_defaults(func=_cmd_push)

    p = sub.add_parser("rollback", help="show the previous (last good) layout again")
    p.add_argument("device")
    add_key(p)
    p.set_defaults(func=_cmd_rollback)



def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_command(args.func, args)  # one line on stderr and a documented exit code, never a traceback


if __name__ == "__main__":
    sys.exit(main())
