"""How many times the runtime started since the machine booted: a crash loop shows at a glance.

One small file in the data dir holds the kernel's boot id and the count of starts under it; a new
boot id (the machine restarted) starts the count again. Written atomically; unreadable is zero.
"""

import json
from pathlib import Path

from common.atomic import write_atomically

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
MAX_STARTS = 10**9


def count_this_start(data_dir: Path, boot_id_file: Path = BOOT_ID) -> int:
    """Record this start; the restarts since boot (0: the first run since boot)."""
    try:
        boot_id = boot_id_file.read_text().strip()[:64]
    except OSError:
        boot_id = "unknown"
    path = data_dir / "starts.json"
    try:
        saved = json.loads(path.read_bytes()[:4096])
        starts = saved["starts"] if isinstance(saved, dict) and saved.get("boot_id") == boot_id else 0
        starts = starts if type(starts) is int and 0 <= starts < MAX_STARTS else 0
    except (OSError, ValueError, KeyError):
        starts = 0
    starts += 1
    try:
        write_atomically(path, json.dumps({"boot_id": boot_id, "starts": starts}).encode())
    except OSError:
        pass  # a full disk: the figure is still right for this run
    return starts - 1
