"""This runtime against Debian's Chromium in ``--kiosk`` mode, on the same content, one after the other.

Both run fullscreen on one Xvfb screen (1920x1080x24) started here. For each player and case:
- first content frame: seconds from process start until a grab of the X screen shows the content
  (probe points of the first slide / of the web page's background), the same grab loop for both;
- CPU: seconds of CPU of the whole process tree (utime + stime from /proc, descendants included)
  over ``--measure`` seconds after ``--warmup`` seconds, as % of one core; the X server's CPU in
  the same window is printed apart (software rendering pushes its pixels through it);
- PSS of the whole tree at the end of the window (smaps_rollup: shared pages counted once).

Chromium draws without a GPU (--disable-gpu: Skia raster + software compositor); the runtime uses
its default renderer under X (Qt Quick with Mesa's software OpenGL, llvmpipe, when no GPU).
The machine may be shared: CPU seconds are less noisy than wall time; repeat with --repeat.
Re-run on a quiet machine: ``make bench-vs-chromium`` (or ``.venv/bin/python bench/vs_chromium.py --repeat 3``).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _harness  # noqa: F401 - puts the repository on sys.path
from _shared_content import animated_page_html, make_slides, page_probes, slide_probes, slideshow_html, slideshow_layout, web_layout
from _xscreen import XServer, probes_match, stop_tree, tree_cpu_s, tree_pss_kib, wait_for_content

from tests.support.http import LoopbackServer, Route

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = ["--kiosk", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-gpu", "--noerrdialogs", "--password-store=basic",
                  "--window-position=0,0", "--window-size=1920,1080"]


def chromium_command(url: str, profile: Path) -> list[str]:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        sys.exit("chromium is not installed: `make bench` installs it (apt-get install chromium, as root)")
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    return [binary, *CHROMIUM_FLAGS, *sandbox, f"--user-data-dir={profile}", url]


def runtime_command(layout: Path, data_dir: Path) -> list[str]:
    """This checkout's runtime, or the one of ``--runtime-root`` (an older checkout, for before/after figures)."""
    return [sys.executable, "-m", "kiosk.cli", "run", "--layout", str(layout), "--data-dir", str(data_dir)]


def measure(command: list[str], env: dict[str, str], screen: XServer, is_content, args: argparse.Namespace) -> dict:
    """One player on one case: first content frame, CPU % over the window, PSS; then it is stopped."""
    started = time.monotonic()
    log_path = Path(env["HOME"]) / "stdout.txt"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT, cwd=env["HOME"])
    try:
        try:
            first_s = wait_for_content(screen, is_content, started)
        except TimeoutError:
            tail = log_path.read_text(errors="replace").splitlines()[-15:]
            raise TimeoutError(f"{command[0]}: no content on the screen; its last lines:\n" + "\n".join(tail)) from None
        time.sleep(max(0.0, args.warmup - (time.monotonic() - started)))
        cpu0, x0, t0 = tree_cpu_s(proc.pid), tree_cpu_s(screen.proc.pid), time.monotonic()
        time.sleep(args.measure)
        cpu1, x1, t1 = tree_cpu_s(proc.pid), tree_cpu_s(screen.proc.pid), time.monotonic()
        pss_mib = tree_pss_kib(proc.pid) / 1024
        if proc.poll() is not None:
            raise RuntimeError(f"{command[0]} exited early (code {proc.returncode})")
    finally:
        stop_tree(proc)
    window_s = t1 - t0
    return {"first_s": first_s, "cpu_pct": 100 * (cpu1 - cpu0) / window_s, "x_cpu_pct": 100 * (x1 - x0) / window_s,
            "pss_mib": pss_mib, "events": logged_events(log_path, started)}


def logged_events(log_path: Path, started: float) -> dict[str, float]:
    """The runtime's own start-up events (seconds from process start), to compare with what the screen showed."""
    found: dict[str, float] = {}
    for line in log_path.read_text(errors="replace").splitlines():
        if line.startswith("{") and '"mono"' in line:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("event") in ("start", "first_frame", "layout_applied") and record["event"] not in found:
                found[record["event"]] = round(record["mono"] - started, 3)
    return found


def serve_content(folder: Path) -> tuple[LoopbackServer, dict]:
    server = LoopbackServer().start()
    slides = make_slides(folder)
    for slide in slides:
        server.routes[f"/{slide.name}"] = Route(slide.read_bytes(), content_type="image/jpeg")
    urls = [f"{server.url}/{slide.name}" for slide in slides]
    server.routes["/slideshow.html"] = Route(slideshow_html([f"/{s.name}" for s in slides]).encode(), content_type="text/html")
    server.routes["/animated.html"] = Route(animated_page_html().encode(), content_type="text/html")
    cases = {
        "slideshow": {"page": f"{server.url}/slideshow.html", "layout": slideshow_layout(folder / "slideshow.json", urls),
                      "probe": probes_match(slide_probes(slides[0]))},
        "web": {"page": f"{server.url}/animated.html", "layout": web_layout(folder / "web.json", f"{server.url}/animated.html"),
                "probe": probes_match(page_probes())},
    }
    return server, cases


def player_env(screen: XServer, home: Path, runtime_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update({"DISPLAY": screen.display, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
                "XDG_CONFIG_HOME": str(home / "config"), "PYTHONPATH": str(runtime_root)})
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once, not on every start
    if os.geteuid() == 0:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
    return env


def run_case(name: str, case: dict, screen: XServer, args: argparse.Namespace, scratch: Path) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {"chromium": [], "runtime": []}
    for run in range(args.repeat):
        for player in args.players:
            home = Path(tempfile.mkdtemp(prefix=f"{player}-", dir=scratch))
            command = (chromium_command(case["page"], home / "profile") if player == "chromium"
                       else runtime_command(case["layout"], home / "data"))
            try:
                figures = measure(command, player_env(screen, home, args.runtime_root), screen, case["probe"], args)
            except (TimeoutError, RuntimeError) as exc:  # reported, left out of the medians, never hidden
                print(f"{name} run {run + 1} {player:8s}: FAILED: {exc}", flush=True)
                continue
            results[player].append(figures)
            print(f"{name} run {run + 1} {player:8s}: first content frame {figures['first_s']:.2f} s, "
                  f"CPU {figures['cpu_pct']:.1f} % (X server {figures['x_cpu_pct']:.1f} %), "
                  f"PSS {figures['pss_mib']:.0f} MiB {figures['events'] or ''}", flush=True)
            time.sleep(1)  # the previous tree is gone before the next one starts
    return results


def report(name: str, results: dict[str, list[dict]]) -> None:
    print(f"\n{name}: median of {len(results['runtime'])} run(s) | chromium | runtime | runtime / chromium")
    for key, label in (("first_s", "first content frame (s)"), ("cpu_pct", "CPU, process tree (% of one core)"),
                       ("x_cpu_pct", "CPU, X server (% of one core)"), ("pss_mib", "PSS, process tree (MiB)")):
        chromium = statistics.median(r[key] for r in results["chromium"]) if results["chromium"] else float("nan")
        runtime = statistics.median(r[key] for r in results["runtime"]) if results["runtime"] else float("nan")
        ratio = runtime / chromium if chromium else float("nan")
        print(f"  {label:36s} | {chromium:8.2f} | {runtime:8.2f} | {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each player per case (medians printed)")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds from start before the CPU window")
    parser.add_argument("--measure", type=float, default=30.0, help="seconds of the CPU window")
    parser.add_argument("--cases", nargs="+", default=["slideshow", "web"], choices=["slideshow", "web"])
    parser.add_argument("--players", nargs="+", default=["chromium", "runtime"], choices=["chromium", "runtime"])
    parser.add_argument("--runtime-root", type=Path, default=ROOT, help="checkout whose runtime runs (default: this one)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-vs-chromium-"))
    server, cases = serve_content(scratch)
    screen = XServer.start()
    print(f"Xvfb {screen.display} 1920x1080x24; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          f"(other work on the machine adds noise)", flush=True)
    try:
        for name in args.cases:
            report(name, run_case(name, cases[name], screen, args, scratch))
    finally:
        screen.stop()
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
