"""The real ``kiosk`` program as a subprocess, with its JSON log lines collected as they come."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Event = dict[str, Any]


def kiosk_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",  # tests run as root; production keeps the sandbox
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),  # Qt's own caches stay in the test's folder
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


QML_WARNING = re.compile(r"\.qml:\d+|\bQML\b|qrc:/.*:\d+")


class KioskProcess:
    started: list["KioskProcess"] = []  # every process a test started, checked after it (conftest)

    def __init__(self, args: list[str], tmp_path: Path, env: dict[str, str] | None = None,
                 wrap: Callable[..., list[str]] | None = None) -> None:
        self.args = args
        self.events: list[Event] = []
        self._by_name: dict[str, list[Event]] = {}
        self.other_lines: list[str] = []
        self._changed = threading.Condition()
        self.stderr_path = tmp_path / f"kiosk-stderr-{time.monotonic_ns()}.txt"
        self._stderr = open(self.stderr_path, "wb")  # noqa: SIM115
        KioskProcess.started.append(self)
        command = [sys.executable, "-m", "kiosk.cli", *args]
        self.proc = subprocess.Popen(wrap(*command) if wrap else command, stdout=subprocess.PIPE,
                                     stderr=self._stderr, env=env or kiosk_env(tmp_path), cwd=tmp_path)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").strip()
            with self._changed:
                try:
                    parsed = json.loads(line)
                    if isinstance(parsed, dict):
                        self.events.append(parsed)
                        self._by_name.setdefault(str(parsed.get("event")), []).append(parsed)
                    else:
                        self.other_lines.append(line)
                except json.JSONDecodeError:
                    self.other_lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def qml_warnings(self) -> list[str]:
        """QML warnings and errors the process wrote (Qt prints them on stderr): each one is a bug."""
        text = self.stderr_path.read_text(encoding="utf-8", errors="replace") if self.stderr_path.exists() else ""
        return [line for line in text.splitlines() if QML_WARNING.search(line)]

    def named(self, name: str, **fields: Any) -> list[Event]:
        with self._changed:
            return [e for e in self._by_name.get(name, ()) if all(e.get(k) == v for k, v in fields.items())]

    def count(self, name: str) -> int:
        """How many ``name`` events so far, in constant time (benchmarks poll this per line)."""
        with self._changed:
            return len(self._by_name.get(name, ()))

    def wait_for(self, predicate: Callable[[list[Event]], bool], timeout_s: float = 60.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while not predicate(self.events):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    raise AssertionError(f"timed out waiting for {what or predicate}; events: "
                                         f"{[e.get('event') for e in self.events][-30:]}")
                self._changed.wait(min(remaining, 0.5))

    def wait_event(self, name: str, count: int = 1, timeout_s: float = 60.0, **fields: Any) -> Event:
        self.wait_for(lambda _e: len(self.named(name, **fields)) >= count, timeout_s, f"{count} x {name} {fields}")
        return self.named(name, **fields)[count - 1]

    def send(self, signum: int) -> None:
        self.proc.send_signal(signum)

    def stop(self, timeout_s: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(10)
        self._close()
        return code

    def _close(self) -> None:
        self._reader.join(timeout=10)
        if self.proc.stdout:
            self.proc.stdout.close()
        self._stderr.close()

    def wait_exit(self, timeout_s: float = 60.0) -> int:
        code = self.proc.wait(timeout_s)
        self._close()
        return code
