"""``kioskctl``: the administrators' tool: find screens, pair, push, ask (bundles: ``cli_bundles``)."""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from common.fingerprints import fingerprint_text
from common.terminal import printable, quoted
from provisioning import IdentityError
from provisioning.admin_key import default_admin_key_path
from provisioning.cli_bundles import admin_key_of, cmd_bundle, cmd_validate
from provisioning.cli_journal import add_journal_commands
from provisioning.client import Answer, DeviceClient, DeviceError
from provisioning.devices import KnownDevice, KnownDevices
from provisioning.discover import FoundDevice, discover


def _row(device: FoundDevice) -> str:
    address = f"{device.addresses[0]}:{device.port}" if device.addresses else f"?:{device.port}"
    fingerprint = printable(fingerprint_text(device.fingerprint_sha256))
    return (f"{printable(device.name, 32):<32} {printable(device.role, 14):<14} {printable(address, 22):<22} "
            f"{printable(device.version, 8):<8} {'yes' if device.paired else 'no':<6} {fingerprint}")


def _cmd_discover(args: argparse.Namespace) -> int:
    if args.json:
        devices = discover(args.seconds, interfaces=args.interface)
        print(json.dumps([d.as_json() for d in devices], indent=2))  # ASCII: a name cannot carry a raw escape
        return 0
    print(f"{'NAME':<32} {'ROLE':<14} {'ADDRESS':<22} {'VERSION':<8} {'PAIRED':<6} FINGERPRINT", flush=True)
    devices = discover(args.seconds, lambda d: print(_row(d), flush=True), interfaces=args.interface)
    print(f"{len(devices)} screen(s) found in {args.seconds:g} s", file=sys.stderr)
    return 0


def _known(args: argparse.Namespace) -> KnownDevices:
    return KnownDevices(default_admin_key_path().parent / "devices.json")


def _client(args: argparse.Namespace) -> DeviceClient:
    device = _known(args).get(args.device)
    if device is None:
        raise DeviceError(0, f"{quoted(args.device)} is not paired yet: kioskctl pair HOST:PORT --fingerprint FP --name NAME")
    return DeviceClient(device.host, device.port, device.fingerprint_sha256, admin_key_of(args))


def _cmd_pair(args: argparse.Namespace) -> int:
    if ":" not in args.address:  # a name from discover: its address and fingerprint come from the LAN
        found = [d for d in discover(3.0, interfaces=args.interface) if d.name == args.address]
        if not found or not found[0].addresses or not found[0].port:
            print(f"kioskctl: no screen named {quoted(args.address)} with an API answered on the LAN", file=sys.stderr)
            return 1
        device = found[0]
        args.name = args.name or device.name
        args.fingerprint = args.fingerprint or device.fingerprint_sha256
        args.address = f"{device.addresses[0]}:{device.port}"
    if not args.fingerprint or not args.name:
        print("kioskctl: pairing by address needs --fingerprint and --name", file=sys.stderr)
        return 1
    host, _, port = args.address.rpartition(":")
    short = fingerprint_text(args.fingerprint)
    print(f"The screen shows its fingerprint: it must read {printable(short)}", file=sys.stderr)
    client = DeviceClient(host, int(port), args.fingerprint, admin_key_of(args))
    if args.code is None:
        offer = client.request("POST", "/pairing/request", signed=False)
        if offer.status != 200:
            print(f"kioskctl: the screen refused to pair: {offer.detail()}", file=sys.stderr)
            return 1
        args.code = input("Code shown on the screen: ")
    key = client.pair(args.code, args.label)
    _known(args).save(KnownDevice(args.name, host, int(port), args.fingerprint.lower()))
    print(f"paired with {printable(args.name)} ({printable(args.address)}) as key {printable(key)}")
    return 0


def _call(args: argparse.Namespace, method: str, path: str, body: object = None, accept: tuple[int, ...] = (200,)) -> Answer:
    """One signed call to the named screen; any other answer becomes a DeviceError with the screen's reason."""
    answer = _client(args).request(method, path, body)
    if answer.status not in accept:
        raise DeviceError(answer.status, answer.detail())
    return answer


def _json_of(answer: Answer) -> dict:
    """The answer's JSON object; anything else is the screen misbehaving, said so plainly."""
    try:
        body = answer.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise DeviceError(answer.status, f"the screen's answer is not a JSON object: {answer.detail()}")
    return body


def _cmd_status(args: argparse.Namespace) -> int:
    status = _json_of(_call(args, "GET", "/status"))
    if args.json:
        print(json.dumps(status, indent=2))
    else:
        for key in ("device_name", "role", "software_version", "layout", "uptime_s", "memory_rss_kib"):
            print(f"{key:<18} {printable(status.get(key))}")
        on_screen = status.get("on_screen")
        for region, item in (on_screen.items() if isinstance(on_screen, dict) else ()):
            print(f"{'on screen':<18} {printable(region)}: {printable(item)}")
    return 0


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
    """To several screens at once, each in its own thread; one line of progress and one result per screen."""
    import threading

    results: dict[str, str] = {}
    lock = threading.Lock()

    def push_one(name: str) -> None:
        shown = -1

        def progress(sent: int, total: int) -> None:
            nonlocal shown
            percent = 100 * sent // max(1, total)
            if percent // 25 != shown // 25 and not args.json:
                shown = percent
                with lock:
                    print(f"{printable(name)}: {'#' * (percent // 5):<20} {percent:3d} %", flush=True)

        try:
            answer = _client(argparse.Namespace(**{**vars(args), "device": name})).push(args.bundle, progress)
            if answer.status in (200, 202):
                body = _json_of(answer)
                results[name] = f"{answer.status} {printable(body.get('detail') or body, 300)}"
            else:
                results[name] = f"refused ({answer.status}): {answer.detail()}" + "".join(f"\n    {p}" for p in answer.problems())
        except DeviceError as exc:
            results[name] = f"failed: {printable(exc, 300)}"
        except Exception as exc:  # noqa: BLE001 - one screen's failure must not lose the others' results
            results[name] = f"failed: {type(exc).__name__}: {printable(exc, 300)}"

    threads = [threading.Thread(target=push_one, args=(name,)) for name in args.devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name in args.devices:
            print(f"{printable(name)}: {results.get(name, 'failed: no result')}")
    return 0 if all(r.startswith("200") for r in results.values()) else 1


def _cmd_rollback(args: argparse.Namespace) -> int:
    answer = _call(args, "POST", "/layouts/rollback", accept=(200, 202))
    print(f"{printable(args.device)}: {printable(_json_of(answer), 500)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kioskctl", description="Find and manage Istres kiosk screens on the LAN.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("discover", help="list the screens announcing themselves (_kiosk._tcp), as they are found")
    p.add_argument("--seconds", type=float, default=5.0, help="how long to listen (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON list at the end, for scripts")
    p.add_argument("--interface", action="append", metavar="IP", help="listen on this interface address only (repeatable)")
    p.set_defaults(func=_cmd_discover)

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
    p.set_defaults(func=_cmd_pair)

    p = sub.add_parser("validate", help="check a bundle as a screen would: paths, hashes, signature, layout")
    p.add_argument("bundle", type=Path)
    add_key(p)
    p.set_defaults(func=cmd_validate)
    _add_device_commands(sub, add_key)
    add_journal_commands(sub, add_key)  # kioskctl journal pull | verify | report
    return parser


def _add_device_commands(sub: "argparse._SubParsersAction", add_key: Callable[[argparse.ArgumentParser], None]) -> None:
    """The commands that talk to one paired screen (or several, for push)."""
    for command, handler, text in (("status", _cmd_status, "what the screen is showing, its health"),
                                   ("screenshot", _cmd_screenshot, "a PNG of what is on the screen now"),
                                   ("flag", _cmd_flag, "set the bathing flag shown by the beach panels"),
                                   ("allow-pairing", _cmd_allow_pairing, "let one more administrator pair with this screen (10 min)")):
        p = sub.add_parser(command, help=text)
        p.add_argument("device", help="the name given at pairing")
        if command == "status":
            p.add_argument("--json", action="store_true")
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
    try:
        return args.func(args)
    except DeviceError as exc:
        print(f"kioskctl: {printable(exc, 500)}" + (f" (HTTP {exc.status})" if exc.status else ""), file=sys.stderr)
        return 3 if exc.status == 401 else 1
    except IdentityError as exc:
        print(f"kioskctl: {printable(exc, 500)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
