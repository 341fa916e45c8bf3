"""``kiosk``: the runtime's command line."""

import argparse
import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.journal_cli import add_journal_commands


def default_data_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "istres-kiosk"


def _cmd_validate(args: argparse.Namespace) -> int:
    from common.terminal import printable
    from layouts import LayoutInvalid, LayoutTooNew, load_layout_file

    try:
        layout = load_layout_file(args.file)
    except LayoutInvalid as exc:
        # A problem quotes the document (unknown keys, values): escaped, and cut so a 1 MB value is not echoed.
        for problem in exc.problems:
            print(f"{printable(args.file, 500)}: {printable(problem, 500)}")
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    except LayoutTooNew as exc:
        print(f"{printable(args.file, 500)}: {printable(exc, 500)}")
        return 1
    print(f"{args.file}: valid layout {layout.name!r} ({len(layout.regions)} regions)")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.acts:  # the legal-acts feed's schema (media.acts)
        from media.acts.feed_schema import acts_json_schema_text as schema_text
    elif args.schedule:  # a bundle's schedule.json (layouts.schedule_check)
        from layouts.schedule_check import schedule_json_schema_text as schema_text
    else:
        from layouts.schema import layout_json_schema_text as schema_text
    sys.stdout.write(schema_text())
    return 0


def _add_schema_parser(sub: "argparse._SubParsersAction") -> None:
    p = sub.add_parser("schema", help="print the layout JSON Schema (for editors)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--acts", action="store_true", help="print the JSON Schema of the legal-acts feed instead")
    which.add_argument("--schedule", action="store_true", help="print the JSON Schema of a bundle's schedule.json instead")
    p.set_defaults(func=_cmd_schema)


def _run_options(args: argparse.Namespace, **overrides: object):  # noqa: ANN202
    from kiosk.options import RunOptions

    fields = dict(
        data_dir=args.data_dir,
        layout_path=args.layout,
        windowed=getattr(args, "windowed", False),
        screen_index=getattr(args, "screen", 0),
        screenshot_dir=getattr(args, "screenshot_dir", None),
        screenshot_every_s=getattr(args, "screenshot_every", 60.0),
        screenshot_keep=getattr(args, "screenshot_keep", 50),
        exit_after_s=getattr(args, "exit_after", None),
        probe_blank_frames=getattr(args, "probe_blank_frames", False),
        probe_live_latency=getattr(args, "probe_live_latency", False),
        probe_gui_stalls=getattr(args, "probe_gui_stalls", False),
        cache_budget_bytes=round(getattr(args, "cache_budget_mb", 2048) * 1024 * 1024),
        advertise=getattr(args, "advertise", False),
        api_port=getattr(args, "api_port", None),
        api_host=getattr(args, "api_host", "0.0.0.0"),
        advertise_interfaces=tuple(getattr(args, "advertise_interface", None) or ()),
        device_name=getattr(args, "device_name", "Istres kiosk"),
        role=getattr(args, "role", "signage"),
    )
    from kiosk.alerts_options import alert_fields

    fields.update(alert_fields(args))
    fields.update(overrides)
    return RunOptions(**fields)


def _cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import run
    from kiosk.logs import setup_logging

    setup_logging()
    return run(_run_options(args))


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from kiosk.app import run
    from kiosk.logs import setup_logging

    setup_logging()
    if args.data_dir is not None:
        return run(_run_options(args, snapshot_out=args.out, settle_timeout_s=args.timeout))
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kiosk-snapshot-") as scratch:
        args.data_dir = Path(scratch)
        return run(_run_options(args, snapshot_out=args.out, settle_timeout_s=args.timeout))


DEMO_ALERT_AFTER_S = 14.0  # the demo's exercise alert takes over then, and lifts 20 s later


def demo_layout_path() -> Path:
    return Path(str(resources.files("kiosk") / "demo" / "layout.json"))


def _cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.app import run
    from kiosk.logs import setup_logging

    setup_logging()
    from signs.legal_acts.demo import assemble_demo  # the demo's legal-acts screen, its PDFs made now

    args.layout = assemble_demo(demo_layout_path(), args.data_dir / "demo-layout")
    from signs.town_hall.demo import add_town_hall, write_headless_screenshots  # the town-hall kiosk takes a turn too

    add_town_hall(args.layout)
    headless = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    if headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        out = args.out.resolve()
        print(json.dumps({"event": "demo_headless", "msg": f"no display: running offscreen for {args.seconds:g} s, "
                          f"screenshots every {args.every:g} s in {out}/"}), flush=True)
        write_headless_screenshots(out / "town-hall")
        return run(_run_options(args, windowed=True, screenshot_dir=out, screenshot_every_s=args.every,
                                exit_after_s=args.seconds, show_exercises=True, demo_alert_after_s=DEMO_ALERT_AFTER_S))
    return run(_run_options(args, windowed=True, show_exercises=True, demo_alert_after_s=DEMO_ALERT_AFTER_S))


def _add_run_parser(sub: "argparse._SubParsersAction", add_common: Any) -> None:
    p = sub.add_parser("run", help="play a layout fullscreen (or windowed), until SIGTERM")
    p.add_argument("--layout", type=Path, help="layout JSON file; without it, the stored current / last-good layout")
    add_common(p, default_data_dir())
    p.add_argument("--windowed", action="store_true", help="a normal window at the layout's size instead of fullscreen")
    p.add_argument("--screen", type=int, default=0, help="index of the screen to fill (default 0)")
    p.add_argument("--screenshot-dir", type=Path, help="keep screenshots of the screen in this folder")
    p.add_argument("--screenshot-every", type=float, default=60.0, metavar="S", help="seconds between screenshots (default 60)")
    p.add_argument("--screenshot-keep", type=int, default=50, metavar="N", help="newest screenshots kept (default 50)")
    p.add_argument("--exit-after", type=float, metavar="S", help="quit cleanly after S seconds (tests, benchmarks)")
    p.add_argument("--api-port", type=int, metavar="PORT",
                   help="serve the management API over HTTPS on this port (0: any free port); off without it")
    p.add_argument("--api-host", default="0.0.0.0", metavar="IP", help="address the API listens on (default all)")
    p.add_argument("--advertise", action="store_true", help="announce this screen on the LAN (_kiosk._tcp, DNS-SD)")
    p.add_argument("--advertise-interface", action="append", metavar="IP",
                   help="announce on this interface address only (repeatable; default: every interface)")
    p.add_argument("--device-name", default="Istres kiosk", help="the name administrators see (default 'Istres kiosk')")
    p.add_argument("--role", default="signage", help="what the screen is for, as discovery shows it: signage, legal-acts, ... (default signage)")
    p.add_argument("--probe-blank-frames", action="store_true",
                   help="diagnostics: grab every frame and log regions showing only their background (costly)")
    p.add_argument("--probe-live-latency", action="store_true",
                   help="diagnostics: log live_drawn when the frame showing a new sensor value is swapped")
    p.add_argument("--probe-gui-stalls", action="store_true",
                   help="diagnostics: log every GUI-thread stall over 50 ms with what ran, and lateness each second")
    from kiosk.alerts_options import add_alert_arguments

    add_alert_arguments(p)
    p.set_defaults(func=_cmd_run)


BUILT_IN_COMMANDS = ("run", "snapshot", "validate", "schema", "demo", "journal")


def build_parser(with_sign_commands: bool = True) -> argparse.ArgumentParser:
    """``with_sign_commands=False``: only the built-in commands, without importing every sign folder
    (about 0.3 s that ``kiosk run`` would otherwise spend before its first frame)."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Digital-signage and kiosk runtime (Qt 6 Quick).")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def add_common(p: argparse.ArgumentParser, data_default: Path | None) -> None:
        p.add_argument("--data-dir", type=Path, default=data_default,
                       help=f"state folder: layouts/, cache/ (default: {data_default or 'a new temporary folder'})")
        p.add_argument("--cache-budget-mb", type=float, default=2048, metavar="MB",
                       help="most the content cache may hold on disk (default 2048)")

    _add_run_parser(sub, add_common)

    p = sub.add_parser("snapshot", help="render a layout headless once it has settled and save a PNG")
    p.add_argument("layout", type=Path, help="layout JSON file")
    p.add_argument("--out", type=Path, required=True, help="PNG file to write")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="grab anyway after S seconds (default 30)")
    add_common(p, None)
    p.set_defaults(func=_cmd_snapshot)

    p = sub.add_parser("validate", help="check a layout file; print every problem with its JSON path")
    p.add_argument("file", type=Path)
    p.set_defaults(func=_cmd_validate)

    _add_schema_parser(sub)

    if with_sign_commands:
        from signs.kinds import command_contributors

        for add_commands in command_contributors():  # subcommands a sign brings (kiosk replay, ...)
            add_commands(sub)
    add_journal_commands(sub, default_data_dir())  # kiosk journal verify | export | report

    p = sub.add_parser("demo", help="play the built-in demo; headless: offscreen with screenshots")
    add_common(p, default_data_dir().with_name("istres-kiosk-demo"))
    p.add_argument("--out", type=Path, default=Path("demo-out"), help="screenshot folder when headless (default demo-out)")
    p.add_argument("--seconds", type=float, default=60.0, help="how long a headless demo runs (default 60)")
    p.add_argument("--every", type=float, default=4.0, help="seconds between headless screenshots (default 4)")
    p.set_defaults(func=_cmd_demo, layout=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    built_in = next((w for w in words if not w.startswith("-")), None) in BUILT_IN_COMMANDS
    args = build_parser(with_sign_commands=not built_in).parse_args(argv)
    code = args.func(args)
    if args.func in (_cmd_run, _cmd_snapshot, _cmd_demo):
        from kiosk.shutdown import exit_now

        exit_now(code)  # the stop sequence ran; Qt's teardown at interpreter exit is skipped (bounded exit)
    return code


if __name__ == "__main__":
    sys.exit(main())
