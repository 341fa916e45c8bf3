"""``kioskctl discover``: the screens announcing themselves, one row as each answers.

On a terminal a spinner line under the table says the search goes on (and how long is left); piped,
only the rows are written. The MINE column names the screens this administrator already paired (the
name given at pairing), matched on the pinned certificate fingerprint, not on the announced name.
"""

import argparse
import itertools
import json
import sys
import threading
import time

from common.fingerprints import fingerprint_text
from common.terminal import printable
from provisioning.cli_common import known_devices
from provisioning.discover import FoundDevice, discover

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
TICK_S = 0.1
HEADER = f"{'NAME':<24} {'ROLE':<12} {'ADDRESS':<22} {'VERSION':<8} {'PAIRED':<6} {'MINE':<14} FINGERPRINT"


def row(device: FoundDevice, mine: dict[str, str]) -> str:
    address = f"{device.addresses[0]}:{device.port}" if device.addresses else f"?:{device.port}"
    yours = mine.get(device.fingerprint_sha256.lower(), "-")
    return (f"{printable(device.name, 24):<24} {printable(device.role, 12):<12} {printable(address, 22):<22} "
            f"{printable(device.version, 8):<8} {'yes' if device.paired else 'no':<6} {printable(yours, 14):<14} "
            f"{printable(fingerprint_text(device.fingerprint_sha256))}")


class _Spinner:
    """The last line of a terminal: a spinner, what was found, the seconds left; rows print above it."""

    def __init__(self, seconds: float, on: bool) -> None:
        self._lock = threading.Lock()
        self._until = time.monotonic() + seconds
        self._found = 0
        self._on = on
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._spin, daemon=True, name="discover-spinner")

    def __enter__(self) -> "_Spinner":
        if self._on:
            self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._on:
            self._thread.join(1.0)
            with self._lock:
                sys.stdout.write("\r\x1b[K")
                sys.stdout.flush()

    def print_row(self, line: str) -> None:
        with self._lock:
            self._found += 1
            print(("\r\x1b[K" if self._on else "") + line, flush=True)

    def _spin(self) -> None:
        for frame in itertools.cycle(SPINNER):
            if self._stop.wait(TICK_S):
                return
            left = max(0.0, self._until - time.monotonic())
            with self._lock:
                sys.stdout.write(f"\r\x1b[K{frame} browsing the LAN: {self._found} screen(s), {left:.0f} s left")
                sys.stdout.flush()


def cmd_discover(args: argparse.Namespace) -> int:
    mine = {fp.lower(): name for fp, name in known_devices().by_fingerprint().items()}
    if args.json:
        devices = discover(args.seconds, interfaces=args.interface)
        print(json.dumps([{**d.as_json(), "mine": mine.get(d.fingerprint_sha256.lower())} for d in devices], indent=2))
        return 0
    print(HEADER, flush=True)
    with _Spinner(args.seconds, sys.stdout.isatty()) as spinner:
        devices = discover(args.seconds, lambda d: spinner.print_row(row(d, mine)), interfaces=args.interface)
    print(f"{len(devices)} screen(s) found in {args.seconds:g} s, {sum(d.fingerprint_sha256.lower() in mine for d in devices)} "
          "paired by you", file=sys.stderr)
    return 0
