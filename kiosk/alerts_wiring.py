"""Wiring the alert centre into ``kiosk run``: built from the options, its sources started, stopped in order."""

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from common.clock import SystemClock
from kiosk.accessibility.alert_speech import alert_speaker
from kiosk.alerts import AlertCenter, AlertHook, no_hook
from kiosk.alerts_sources import FeedPoller, start_mqtt
from kiosk.jobs import Jobs
from kiosk.options import RunOptions
from kiosk.player import Player
from media.feeds.cap_area import ScreenPlace


def build_alert_center(options: RunOptions, player: Player, parent: QObject, on_alert_event: AlertHook = no_hook,
                       accessibility: Any = None) -> AlertCenter:
    """``on_alert_event(kind, alert_id, detail)``: the proof journal's hook (shown, updated, lifted, acknowledged).
    ``accessibility`` (kiosk.accessibility.AccessibilityService): alerts are spoken through it, French then English."""

    def after_next_frame(callback: Callable[[float], None]) -> None:
        if player.frame_clock is not None:  # None only before the window exists
            player.frame_clock.after_next_frame(callback)

    place = ScreenPlace(options.alert_location, frozenset(options.alert_zones))
    held: list[AlertCenter] = []
    on_speak = None if accessibility is None else alert_speaker(accessibility, lambda: held[0].store.showing() if held else [])
    center = AlertCenter(place, SystemClock(), options.data_dir, options.show_exercises, on_alert_event, after_next_frame,
                         on_speak=on_speak, parent=parent)
    held.append(center)
    return center


def start_alert_sources(options: RunOptions, center: AlertCenter, jobs: Jobs) -> Callable[[], None]:
    """Restore the stored alerts, start the MQTT topic and the feed poll; returns the stop (any thread)."""
    center.restore()
    stops: list[Callable[[], Any]] = []
    if options.alert_mqtt_url:
        stops.append(start_mqtt(center, options.alert_mqtt_url, options.alert_topic))
    if options.alert_feed_url:
        poller = FeedPoller(center, jobs, options.alert_feed_url, options.alert_feed_every_s, parent=center)
        poller.start()
        center.destroyed.connect(poller.stop)
        stops.insert(0, poller.stop)

    def stop_feeds() -> None:
        """Stopping paho joins its thread: done on a thread of its own, bounded by the shutdown step."""
        for stop in stops:
            threading.Thread(target=stop, name="alert-source-stop", daemon=True).start()

    return stop_feeds
