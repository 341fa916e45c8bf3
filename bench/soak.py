"""Soak: 5,000+ accelerated item changes; resident memory at the start and at the end.

"Start" is after a warm-up (caches, QML types and the web engine loaded); growth is measured from
there. Target: < 5 % growth of the runtime process.
"""

import argparse
import time

from _harness import KioskProcess, content_server, mixed_layout, rss_kib, workdir


def changes(kiosk: KioskProcess) -> int:
    return kiosk.count("item_hidden")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=300)
    args = parser.parse_args()
    folder = workdir("soak")
    server = content_server()
    # 0.2 s: the shortest item duration a layout may ask for (layouts.base).
    layout = mixed_layout(folder / "layout.json", server.url, image_s=0.2, text_s=0.2, web_s=0.4)
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(folder / "data")], folder)
    started = time.monotonic()
    try:
        kiosk.wait_for(lambda _e: changes(kiosk) >= args.warmup, 600, "warm-up")
        start_main, start_all = rss_kib(kiosk.proc.pid), rss_kib(kiosk.proc.pid, with_children=True)
        print(f"after {changes(kiosk)} changes (warm-up): runtime {start_main / 1024:.1f} MiB, "
              f"with web engine processes {start_all / 1024:.1f} MiB")
        step = max(500, args.changes // 5)
        for target in range(args.warmup + step, args.warmup + args.changes + 1, step):
            kiosk.wait_for(lambda _e, t=target: changes(kiosk) >= t, 1800, f"{target} changes")
            print(f"after {changes(kiosk)} changes: runtime {rss_kib(kiosk.proc.pid) / 1024:.1f} MiB, "
                  f"with web engine {rss_kib(kiosk.proc.pid, True) / 1024:.1f} MiB ({time.monotonic() - started:.0f} s)")
        end_main, end_all = rss_kib(kiosk.proc.pid), rss_kib(kiosk.proc.pid, with_children=True)
        done = changes(kiosk)
    finally:
        kiosk.stop()
        server.stop()
    growth_main = (end_main - start_main) / start_main * 100
    growth_all = (end_all - start_all) / start_all * 100
    by_kind = {}
    for e in kiosk.named("item_shown"):
        by_kind[e["kind"]] = by_kind.get(e["kind"], 0) + 1
    print(f"soak: {done - args.warmup} changes after warm-up ({by_kind}) in {time.monotonic() - started:.0f} s")
    print(f"soak: runtime RSS {start_main / 1024:.1f} -> {end_main / 1024:.1f} MiB ({growth_main:+.2f} %), "
          f"with web engine {start_all / 1024:.1f} -> {end_all / 1024:.1f} MiB ({growth_all:+.2f} %); target < 5 %")
    errors = [e for e in kiosk.events if e.get("level") in ("error", "critical")]
    if errors:
        print(f"errors logged: {len(errors)}, first: {errors[0]}")


if __name__ == "__main__":
    main()
