"""``kioskctl``: the administrators' tool (this first part: finding the screens)."""

import argparse
import json
import sys

from provisioning.discover import FoundDevice, discover


def _row(device: FoundDevice) -> str:
    address = f"{device.addresses[0]}:{device.port}" if device.addresses else f"?:{device.port}"
    fingerprint = " ".join(device.fingerprint_sha256[i:i + 4].upper() for i in range(0, 16, 4))
    return f"{device.name:<32} {device.role:<14} {address:<22} {device.version:<8} {'yes' if device.paired else 'no':<6} {fingerprint}"


def _cmd_discover(args: argparse.Namespace) -> int:
    if args.json:
        devices = discover(args.seconds, interfaces=args.interface)
        print(json.dumps([d.as_json() for d in devices], indent=2, ensure_ascii=False))
        return 0
    print(f"{'NAME':<32} {'ROLE':<14} {'ADDRESS':<22} {'VERSION':<8} {'PAIRED':<6} FINGERPRINT", flush=True)
    devices = discover(args.seconds, lambda d: print(_row(d), flush=True), interfaces=args.interface)
    print(f"{len(devices)} screen(s) found in {args.seconds:g} s", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kioskctl", description="Find and manage Istres kiosk screens on the LAN.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("discover", help="list the screens announcing themselves (_kiosk._tcp), as they are found")
    p.add_argument("--seconds", type=float, default=5.0, help="how long to listen (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON list at the end, for scripts")
    p.add_argument("--interface", action="append", metavar="IP", help="listen on this interface address only (repeatable)")
    p.set_defaults(func=_cmd_discover)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
