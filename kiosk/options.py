"""What ``kiosk run`` / ``kiosk snapshot`` / ``kiosk demo`` were asked to do."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class RunOptions:
    data_dir: Path
    layout_path: Path | None = None
    windowed: bool = False
    screen_index: int = 0
    screenshot_dir: Path | None = None
    screenshot_every_s: float = 60.0
    screenshot_keep: int = 50
    snapshot_out: Path | None = None  # snapshot mode: save one PNG once settled, then quit
    settle_timeout_s: float = 30.0
    exit_after_s: float | None = None
    probe_blank_frames: bool = False
    probe_live_latency: bool = False
    probe_gui_stalls: bool = False  # diagnostics: log event-loop lateness and every stall over 50 ms
    api_port: int | None = None  # serve the management API (HTTPS) on this port; 0: any free port
    api_host: str = "0.0.0.0"
    advertise: bool = False
    advertise_interfaces: tuple[str, ...] = ()  # empty: every interface
    device_name: str = "Istres kiosk"
    role: str = "signage"
    cache_budget_bytes: int = 2 * 1024**3
    alert_location: tuple[float, float] | None = None  # emergency alerts: where the screen stands (lat, lon)
    alert_zones: tuple[str, ...] = ()  # and/or its zone codes (CAP geocode values)
    show_exercises: bool = False
    alert_mqtt_url: str | None = None
    alert_topic: str = "istres/alerts/cap"
    alert_feed_url: str | None = None  # an Atom index of CAP messages, polled
    alert_feed_every_s: float = 60.0
    demo_alert_after_s: float | None = None  # kiosk demo: an exercise alert takes over after this, then lifts
