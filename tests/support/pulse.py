"""A private PulseAudio server with a null sink: QtMultimedia gets a real audio device headless, and
what it plays can be recorded from the sink's monitor (``Recorder``) to see when sound really stops.

Started before QtMultimedia is first used in the process (``PULSE_SERVER`` is read at connection).
"""

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

SINK = "kiosk_null"
RATE = 8000            # the monitor recorded at 8 kHz mono s16: enough to see speech start and stop
CHUNK_FRAMES = 80      # 10 ms per read


class PulseServer:
    def __init__(self) -> None:
        if shutil.which("pulseaudio") is None:
            raise RuntimeError("pulseaudio is not installed (scripts/bootstrap.sh installs it as root)")
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-pulse-"))
        self.socket = self.folder / "native"
        env = {**os.environ, "HOME": str(self.folder), "XDG_RUNTIME_DIR": str(self.folder)}
        self._proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=false", "--system=false",
             "-L", f"module-native-protocol-unix socket={self.socket} auth-anonymous=1",
             "-L", f"module-null-sink sink_name={SINK} sink_properties=device.description=Null"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.server = f"unix:{self.socket}"
        deadline = time.monotonic() + 10
        while not self.ctl("list", "short", "sinks").count(SINK):
            if time.monotonic() > deadline or self._proc.poll() is not None:
                self.stop()
                raise RuntimeError("the private PulseAudio server did not start")
            time.sleep(0.05)

    def ctl(self, *args: str) -> str:
        done = subprocess.run(["pactl", "--server", self.server, *args], capture_output=True, text=True, timeout=10, check=False)
        return done.stdout

    def use(self) -> None:
        os.environ["PULSE_SERVER"] = self.server

    def stop(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


class Recorder:
    """Reads the null sink's monitor in 10 ms chunks and stamps each with time.perf_counter()."""

    def __init__(self, pulse: PulseServer) -> None:
        self._proc = subprocess.Popen(["parec", "--server", pulse.server, "-d", f"{SINK}.monitor", "--raw", "--format=s16le",
                                       f"--rate={RATE}", "--channels=1", "--latency-msec=10"], stdout=subprocess.PIPE)
        self.chunks: list[tuple[float, int]] = []  # (arrival, peak amplitude), bounded by the caller's run
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        while True:
            data = self._proc.stdout.read(CHUNK_FRAMES * 2)
            if not data:
                return
            samples = memoryview(data).cast("h") if len(data) % 2 == 0 else memoryview(data[:-1]).cast("h")
            peak = max((abs(s) for s in samples), default=0)
            with self._lock:
                self.chunks.append((time.perf_counter(), peak))
                if len(self.chunks) > 100_000:
                    del self.chunks[:50_000]

    def last_sound_after(self, since: float, threshold: int = 200) -> float | None:
        """Arrival time of the last chunk with sound after ``since`` (None: silent all along)."""
        with self._lock:
            loud = [t for t, peak in self.chunks if t >= since and peak >= threshold]
        return loud[-1] if loud else None

    def sound_between(self, start: float, end: float, threshold: int = 200) -> bool:
        with self._lock:
            return any(start <= t <= end and peak >= threshold for t, peak in self.chunks)

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(5)
