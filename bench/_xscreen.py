"""An Xvfb screen of our own, grabs of it, and what a process tree costs (CPU seconds, PSS) from /proc.

Used by bench/vs_chromium.py to measure a browser and the runtime the same way: the same display,
the same grab loop for the first content frame, the same /proc sums for CPU and memory.
"""

import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageGrab

CLOCK_TICKS_PER_S = os.sysconf("SC_CLK_TCK")
GRAB_TIMEOUT_S = 60.0


@dataclass
class XServer:
    display: str
    proc: subprocess.Popen

    @classmethod
    def start(cls, width_px: int = 1920, height_px: int = 1080) -> "XServer":
        """Xvfb picks a free display itself (-displayfd) and writes its number once it accepts clients:
        no race with other X servers starting on the machine."""
        read_end, write_end = os.pipe()
        # -br: a black root window (the "blank" every grab is compared with); no TCP listener.
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width_px}x{height_px}x24",
                                 "-br", "-nolisten", "tcp"], pass_fds=(write_end,),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as numbers:
            number = numbers.readline().strip()  # empty when Xvfb exited
        if not number.isdigit():
            proc.kill()
            raise RuntimeError("Xvfb did not start")
        return cls(f":{number.decode()}", proc)

    def grab(self) -> Image.Image:
        return ImageGrab.grab(xdisplay=self.display)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def wait_for_content(screen: XServer, is_content: Callable[[Image.Image], bool], started: float,
                     timeout_s: float = GRAB_TIMEOUT_S) -> float:
    """Seconds from ``started`` (time.monotonic) until a grab of the screen shows the content.

    A grab takes about 25 ms at 1920x1080: the figure is accurate to about one grab. The grab
    time counted is when it began (the frame was on screen by then at the latest... or just after).
    """
    deadline = started + timeout_s
    while time.monotonic() < deadline:
        began = time.monotonic()
        try:
            image = screen.grab()
        except OSError:  # the X server refused one connection (busy): the next grab tries again
            time.sleep(0.01)
            continue
        if is_content(image):
            return began - started
    raise TimeoutError(f"no content frame on {screen.display} within {timeout_s:g} s")


def probes_match(expected: list[tuple[tuple[int, int], tuple[int, int, int]]], tolerance: int = 40,
                 share: float = 0.9) -> Callable[[Image.Image], bool]:
    """A test of a grab: at least ``share`` of the probe points have the expected colour (per channel)."""
    def is_content(image: Image.Image) -> bool:
        pixels = image.load()
        hits = sum(1 for (x, y), rgb in expected
                   if all(abs(a - b) <= tolerance for a, b in zip(pixels[x, y][:3], rgb, strict=True)))
        return hits >= share * len(expected)
    return is_content


def tree_pids(root: int) -> list[int]:
    """``root`` and every live descendant (by parent pid, so double forks under it are found too)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # it exited meanwhile
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [root], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def cpu_s(pid: int) -> float:
    """utime + stime of one process, plus those of its children that already exited and were reaped."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After ")": field 3 is index 0, so utime (14), stime (15), cutime (16), cstime (17) are 11-14.
    return sum(int(v) for v in fields[11:15]) / CLOCK_TICKS_PER_S


def tree_cpu_s(root: int) -> float:
    return sum(cpu_s(pid) for pid in tree_pids(root))


def pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def tree_pss_kib(root: int) -> int:
    """Proportional set size of the whole tree: shared pages are counted once across it."""
    return sum(pss_kib(pid) for pid in tree_pids(root))


def stop_tree(proc: subprocess.Popen, grace_s: float = 5.0) -> None:
    """SIGTERM the process, then SIGKILL whatever of its tree is left (its own pids only)."""
    pids = tree_pids(proc.pid)
    proc.terminate()
    try:
        proc.wait(grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for pid in pids[1:]:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
