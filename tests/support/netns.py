"""A test host in its own network namespace, joined to this one by a veth pair, and an avahi-daemon
listening on that link: real DNS-SD traffic that never leaves the machine.

Needs root, iproute2, dbus and avahi-daemon (``make test`` installs them as root).
"""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

AVAHI_CONFIG = """[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces={interface}
enable-dbus=yes
[publish]
disable-publishing=yes
"""


@dataclass(frozen=True, slots=True)
class TestHost:
    namespace: str
    address: str  # the namespace's side of the link

    def command(self, *args: str) -> list[str]:
        return ["ip", "netns", "exec", self.namespace, *args]


def missing_tools() -> list[str]:
    return [tool for tool in ("ip", "dbus-daemon", "avahi-daemon", "avahi-browse") if shutil.which(tool) is None]


SYSTEM_BUS = Path("/run/dbus/system_bus_socket")


def _system_bus_alive() -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.connect(str(SYSTEM_BUS))
        return True
    except OSError:
        return False


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


@contextmanager
def host_with_avahi(folder: Path) -> Iterator[TestHost]:
    suffix = f"{os.getpid() % 10000}"
    namespace, outside, inside = f"kiosk-t{suffix}", f"kth{suffix}", f"ktd{suffix}"
    subnet = f"10.213.{os.getpid() % 250}"
    started: list[str] = []
    _run("ip", "netns", "add", namespace)
    try:
        _run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
        _run("ip", "link", "set", inside, "netns", namespace)
        _run("ip", "addr", "add", f"{subnet}.1/24", "dev", outside)
        _run("ip", "link", "set", outside, "up")
        _run("ip", "netns", "exec", namespace, "ip", "addr", "add", f"{subnet}.2/24", "dev", inside)
        _run("ip", "netns", "exec", namespace, "ip", "link", "set", inside, "up")
        _run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up")  # the runtime serves pages on 127.0.0.1
        if not _system_bus_alive():
            Path("/run/dbus").mkdir(parents=True, exist_ok=True)
            SYSTEM_BUS.unlink(missing_ok=True)  # stale, from a bus that is gone
            Path("/run/dbus/pid").unlink(missing_ok=True)
            _run("dbus-daemon", "--system", "--fork")
            started.append("dbus")
        if subprocess.run(["avahi-daemon", "-c"], capture_output=True).returncode != 0:  # none running yet
            config = folder / "avahi-daemon.conf"
            config.write_text(AVAHI_CONFIG.format(interface=outside))
            _run("avahi-daemon", "-f", str(config), "--no-drop-root", "--no-chroot", "-D")
            started.append("avahi")
            time.sleep(0.5)
        yield TestHost(namespace, f"{subnet}.2")
    finally:
        if "avahi" in started:
            subprocess.run(["avahi-daemon", "-k"], capture_output=True)
        if "dbus" in started and Path("/run/dbus/pid").exists():
            subprocess.run(["kill", Path("/run/dbus/pid").read_text().strip()], capture_output=True)
            Path("/run/dbus/pid").unlink(missing_ok=True)
            SYSTEM_BUS.unlink(missing_ok=True)
        subprocess.run(["ip", "netns", "del", namespace], capture_output=True)
        subprocess.run(["ip", "link", "del", outside], capture_output=True)
