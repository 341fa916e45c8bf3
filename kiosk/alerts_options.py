"""The ``kiosk run`` options for emergency alerts: where the screen is, which sources to listen to."""

import argparse
import math
from typing import Any


def location(text: str) -> tuple[float, float]:
    """``LAT,LON`` in decimal degrees (WGS 84), e.g. ``43.5030,4.9890``."""
    lat_text, sep, lon_text = text.partition(",")
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        lat = lon = math.nan
    if not sep or len(text) > 40 or not (math.isfinite(lat) and math.isfinite(lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not LAT,LON in degrees (e.g. 43.5030,4.9890)")
    return lat, lon


def zone(text: str) -> str:
    if not text or len(text) > 100 or any(not ch.isprintable() or ch.isspace() for ch in text):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a zone code (e.g. 13047, the INSEE code of Istres)")
    return text


def mqtt_url(text: str) -> str:
    from media.feeds.mqtt_feed import MqttSettings

    try:
        MqttSettings.from_url(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def feed_url(text: str) -> str:
    if not text.startswith(("http://", "https://")) or len(text) > 2000:
        raise argparse.ArgumentTypeError(f"{text[:60]!r} is not an http(s) address")
    return text


def add_alert_arguments(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("emergency alerts (CAP 1.2)")
    group.add_argument("--location", type=location, metavar="LAT,LON",
                       help="where this screen stands: alerts whose circle or polygon contains it apply here")
    group.add_argument("--zone", type=zone, action="append", metavar="CODE",
                       help="a zone code of this screen (repeatable): alerts with that geocode value apply here. "
                            "Without --location and --zone, every alert received applies")
    group.add_argument("--show-exercises", action="store_true", help="also show Exercise and Test alerts (marked EXERCICE)")
    group.add_argument("--alert-mqtt", type=mqtt_url, metavar="URL", help="MQTT broker carrying CAP messages (mqtt://host:1883)")
    group.add_argument("--alert-topic", default="istres/alerts/cap", metavar="TOPIC",
                       help="MQTT topic of CAP messages (default istres/alerts/cap)")
    group.add_argument("--alert-feed", type=feed_url, metavar="URL", help="an Atom index of CAP messages to poll (as MeteoAlarm publishes)")
    group.add_argument("--alert-feed-every", type=float, default=60.0, metavar="S", help="seconds between polls (default 60)")


def alert_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The RunOptions fields from the parsed arguments (defaults for commands without them)."""
    every = getattr(args, "alert_feed_every", 60.0)
    return {
        "alert_location": getattr(args, "location", None),
        "alert_zones": tuple(getattr(args, "zone", None) or ()),
        "show_exercises": getattr(args, "show_exercises", False),
        "alert_mqtt_url": getattr(args, "alert_mqtt", None),
        "alert_topic": getattr(args, "alert_topic", "istres/alerts/cap"),
        "alert_feed_url": getattr(args, "alert_feed", None),
        "alert_feed_every_s": min(max(every, 5.0), 86400.0) if math.isfinite(every) else 60.0,
    }
