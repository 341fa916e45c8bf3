"""``kioskctl schedule`` and ``kioskctl override``: what a screen will show, and a layout above its schedule.

- ``kioskctl schedule SCREEN [--days N] [--json]``: the timeline the screen itself evaluates;
- ``kioskctl override SCREEN BUNDLE --until TIME``: show the bundle's layout until TIME, which is an
  ISO 8601 time (with or without offset: without, this machine's local time) or ``HH:MM`` (its next
  occurrence, local time); ``kioskctl override SCREEN --lift`` ends every override.

A schedule itself travels in a bundle: put ``schedule.json`` next to the layout before
``kioskctl bundle`` (see README, "Schedules"), then ``kioskctl push``.
"""

import argparse
import json
import re
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from common.terminal import printable, quoted
from provisioning.cli_common import client_for, json_of
from provisioning.client import Answer, DeviceClient, DeviceError

_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")


def _client(args: argparse.Namespace) -> DeviceClient:
    return client_for(args.device, args)


def _body(answer: Answer) -> dict[str, Any]:
    if answer.status != 200:
        raise DeviceError(answer.status, answer.detail() + "".join(f"\n    {p}" for p in answer.problems()))
    return json_of(answer)


def until_instant(text: str, now: datetime | None = None) -> datetime:
    """TIME as an aware instant: ISO 8601 (local when it has no offset) or HH:MM (next occurrence, local)."""
    now = now or datetime.now().astimezone()
    match = _CLOCK.match(text)
    if match:
        at = now.replace(hour=int(match[1]), minute=int(match[2]), second=0, microsecond=0)
        return at if at > now else (at.replace(tzinfo=None) + timedelta(days=1)).astimezone()
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{quoted(text, 64)} is neither HH:MM nor an ISO 8601 time (2026-11-26T18:00)") from None
    return at if at.tzinfo is not None else at.astimezone()


def _cmd_schedule(args: argparse.Namespace) -> int:
    body = _body(_client(args).request("GET", f"/schedule?days={args.days}"))
    if args.json:
        print(json.dumps(body, indent=2))
        return 0
    zone = printable(body.get("time_zone", "?"))
    print(f"{printable(args.device)}: the next {args.days} day(s), times in {zone}"
          + (" -- CLOCK SUSPECT: the screen shows its default layout" if body.get("clock_suspect") else ""))
    print(f"{'FROM':<17} {'UNTIL':<17} {'LAYOUT':<28} SOURCE")
    for segment in body.get("segments") or []:
        if isinstance(segment, dict):
            start, end = (printable(str(segment.get(k, "?"))[:16].replace("T", " "), 16) for k in ("start_local", "end_local"))
            print(f"{start:<17} {end:<17} {printable(segment.get('layout'), 28):<28} {printable(segment.get('source'), 40)}")
    for override in body.get("overrides") or []:
        if isinstance(override, dict):
            print(f"override {printable(override.get('layout'), 40)} until {printable(override.get('until'), 40)}")
    return 0


def _cmd_override(args: argparse.Namespace) -> int:
    if args.lift:
        body = _body(_client(args).request("DELETE", "/layouts/override"))
        print(f"{printable(args.device)}: {body.get('lifted', 0)} override(s) lifted")
        return 0
    if args.bundle is None or args.until is None:
        print("kioskctl: override needs BUNDLE and --until TIME (or --lift)", file=sys.stderr)
        return 1
    try:
        until = until_instant(args.until)
    except ValueError as exc:
        print(f"kioskctl: --until {exc}", file=sys.stderr)
        return 1
    path = f"/layouts/override?until={quote(until.isoformat(timespec='seconds'), safe='')}"
    body = _body(_client(args).push(args.bundle, path=path))
    print(f"{printable(args.device)}: {printable(body.get('layout'))} until {printable(body.get('until'))} "
          f"({until.isoformat(timespec='minutes')} here): {printable(body.get('detail'), 200)}")
    return 0


def add_schedule_commands(sub: "argparse._SubParsersAction", add_key: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("schedule", help="what a screen will show over the next days, by its schedule")
    p.add_argument("device", help="the name given at pairing")
    p.add_argument("--days", type=int, default=7, choices=range(1, 367), metavar="N", help="how many days (1-366, default 7)")
    p.add_argument("--json", action="store_true")
    add_key(p)
    p.set_defaults(func=_cmd_schedule)

    p = sub.add_parser("override", help="show a bundle's layout above the schedule until a time")
    p.add_argument("device", help="the name given at pairing")
    p.add_argument("bundle", type=Path, nargs="?", help="a bundle made by kioskctl bundle")
    p.add_argument("--until", metavar="TIME", help="HH:MM (next occurrence) or an ISO 8601 time; local time unless it has an offset")
    p.add_argument("--lift", action="store_true", help="end every override now")
    add_key(p)
    p.set_defaults(func=_cmd_override)
