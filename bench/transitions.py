"""Transitions: 200+ item changes across image, text and web items; blank frames and hidden/shown gaps.

Every frame is grabbed inside the runtime (--probe-blank-frames); a region that has played and
shows only its background colour counts as a blank frame. Target: 0.

Then the CPU one item change costs (bench/_change_cost.py): full-HD slides cut every second against
one still slide, without the probe (which grabs every frame and would dominate the figure).
"""

import argparse
import statistics

from _change_cost import cpu_per_change
from _harness import KioskProcess, content_server, mixed_layout, workdir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=240)
    parser.add_argument("--crossfade-ms", type=int, default=0, help="0: cuts")
    parser.add_argument("--cpu-window", type=float, default=20.0, help="seconds of each CPU-per-change measure (0: skip)")
    args = parser.parse_args()
    blank_frames(args)
    if args.cpu_window > 0:
        for crossfade_ms in (0, 500):
            cost = cpu_per_change(crossfade_ms=crossfade_ms, window_s=args.cpu_window)
            print(f"CPU per change ({'cut' if not crossfade_ms else f'{crossfade_ms} ms crossfade'}, full-HD slides, "
                  f"offscreen): {cost['per_change_ms']:.0f} ms ({cost['changes']} changes: {cost['slides_pct']:.1f} % "
                  f"of a core, one still slide {cost['static_pct']:.1f} %)")


def blank_frames(args: argparse.Namespace) -> None:
    folder = workdir("transitions")
    server = content_server()
    layout = mixed_layout(folder / "layout.json", server.url, image_s=0.3, text_s=0.3, web_s=0.8, crossfade_ms=args.crossfade_ms)
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--probe-blank-frames",
                          "--data-dir", str(folder / "data")], folder)
    try:
        kiosk.wait_for(lambda _events: kiosk.count("item_hidden") >= args.changes,
                       timeout_s=600, what=f"{args.changes} item changes")
    finally:
        kiosk.stop()
        server.stop()
    shown = kiosk.named("item_shown")
    hidden = kiosk.named("item_hidden")
    gaps_ms = []
    for region in {e["region"] for e in shown}:
        region_shown = [e["t"] for e in shown if e["region"] == region]
        region_hidden = [e["t"] for e in hidden if e["region"] == region]
        # The k-th item to leave a region is replaced by the (k+1)-th to arrive.
        gaps_ms += [(arrived - left) * 1000 for left, arrived in zip(region_hidden, region_shown[1:], strict=False)]
    probe = kiosk.named("frame_probe")[0]
    by_kind = {}
    for s in shown:
        by_kind[s["kind"]] = by_kind.get(s["kind"], 0) + 1
    print(f"item changes: {len(hidden)} (items shown by kind: {by_kind})")
    print(f"frames checked: {probe['frames_checked']}, blank frames: {probe['blank_frames']}")
    print(f"next item_shown - item_hidden: min {min(gaps_ms):.1f} ms, median {statistics.median(gaps_ms):.1f} ms, "
          f"max {max(gaps_ms):.1f} ms over {len(gaps_ms)} changes "
          f"(0 = same frame; < 0 = overlap during a crossfade; > 0 would be a gap)")
    skipped = kiosk.named("item_skipped")
    if skipped:
        print(f"skipped items: {[(e['item'], e.get('msg')) for e in skipped]}")


if __name__ == "__main__":
    main()
