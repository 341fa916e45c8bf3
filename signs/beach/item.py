"""The beach panel item of a layout: where its live data comes from and how it is shown."""

from datetime import time
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from layouts.base import ItemBase, Strict, described_pattern
from layouts.checks import control_character, source_problems, url_problems, zone_problems
from layouts.errors import Problem

Quantity = Literal["parking_occupied", "parking_free", "parking_free_pmr", "water_temperature", "air_temperature", "wind_speed", "wind_gust",
                   "wind_direction", "uv_index", "h2s"]
DEFAULT_TOPICS = ["application/+/device/+/event/up", "v3/+/devices/+/up"]


def _time_of_day(value: str) -> str:
    time.fromisoformat(value)  # what the display reads it with: what validates must run
    return value


# [0-9], not \d: the pattern engine's \d also takes "٠٧:٠٠", which the display cannot read.
TimeOfDay = Annotated[str, Field(pattern=described_pattern(r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
                                                           "must be a time of day written HH:MM, from 00:00 to 23:59")),
                      AfterValidator(_time_of_day)]
_NAME_OR_INDEX = r"([A-Za-z_][A-Za-z0-9_]*|-?[0-9]{1,6})"
# Where a value sits in a document: ASCII names and list indexes between dots ("data.0.wind").
# "data.²" passed isdigit() and crashed int() in the feed's path walk.
DottedPath = Annotated[str, Field(min_length=1, max_length=200, pattern=described_pattern(
    rf"^{_NAME_OR_INDEX}(\.{_NAME_OR_INDEX}){{0,15}}$",
    "must be a dotted path of ASCII names and list indexes, at most 16 parts, e.g. results.0.value"))]


def _topic_filter(value: str) -> str:
    """An MQTT subscription filter the client accepts: '+' and '#' only as whole levels, '#' last."""
    if control_character(value):
        raise ValueError(f"an MQTT topic must not contain control characters (found {value!r:.80})")
    levels = value.split("/")
    for index, level in enumerate(levels):
        if ("+" in level and level != "+") or ("#" in level and (level != "#" or index != len(levels) - 1)):
            raise ValueError(f"'+' and '#' must be whole topic levels, '#' only the last one (found {value!r:.80})")
    return value


TopicFilter = Annotated[str, Field(min_length=1, max_length=256), AfterValidator(_topic_filter)]


class SensorField(Strict):
    quantity: Quantity
    field: Annotated[str, Field(min_length=1, max_length=64, description="key in the decoded payload")]
    unit: Annotated[str, Field(max_length=16)] = ""
    scale: float = 1.0
    minimum: float | None = None
    maximum: float | None = None


class SensorDevice(Strict):
    dev_eui: Annotated[str, Field(pattern=described_pattern(r"^[0-9A-Fa-f]{16}$", "must be 16 hexadecimal digits"))] | None = None
    tags: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=128)]] = Field(
        default_factory=dict, description="match every device whose tags include these (parking sensors)")
    fields: Annotated[list[SensorField], Field(min_length=1, max_length=32)]


class HttpSource(Strict):
    kind: Literal["opendatasoft", "sensorthings", "json", "flag"]
    url: Annotated[str, Field(max_length=2048, pattern=described_pattern(r"^https?://", "must be an http:// or https:// URL"))]
    every_s: Annotated[float, Field(ge=5, le=86_400)] = 60
    quantity: Quantity | None = Field(default=None, description="what the value is (not for kind flag)")
    value_path: DottedPath = "result"
    time_path: DottedPath = "phenomenonTime"
    unit: Annotated[str, Field(max_length=16)] = ""
    scale: float = 1.0
    minimum: float | None = None
    maximum: float | None = None


class BeachPanelItem(ItemBase):
    kind: Literal["beach_panel"]
    site_name: Annotated[str, Field(min_length=1, max_length=80)] = "Plage de la Romaniquette"
    mqtt_url: Annotated[str, Field(pattern=described_pattern(r"^mqtts?://", "must be an mqtt:// or mqtts:// URL"), max_length=512,
                                   description="mqtt://host:port or mqtts://")] | None = None
    mqtt_ca_file: Annotated[str, Field(min_length=1, max_length=512)] | None = Field(
        default=None, description="CA certificate (PEM) for mqtts:// when not a public one; relative to the layout")
    replay: Annotated[str, Field(min_length=1, max_length=512)] | None = Field(
        default=None, description="instead of MQTT: a replay file (relative to the layout), or builtin:romaniquette")
    topics: Annotated[list[TopicFilter], Field(max_length=32)] = Field(default_factory=lambda: list(DEFAULT_TOPICS))
    flag_topic: TopicFilter | None = None
    http_sources: Annotated[list[HttpSource], Field(max_length=32)] = Field(
        default_factory=list, description="values (or the flag) polled from city data platforms over HTTP")
    devices: Annotated[list[SensorDevice], Field(max_length=256)] = Field(default_factory=list)
    parking_total: Annotated[int, Field(ge=0, le=10_000)] = 52
    parking_pmr: Annotated[int, Field(ge=0, le=10_000)] = 2
    ttl_s: dict[Quantity, Annotated[float, Field(ge=1, le=7 * 86_400)]] = Field(
        default_factory=dict, description="time-to-live per quantity; default 1800 s (parking 3600 s)")
    h2s_threshold_ppm: Annotated[float, Field(gt=0, le=100)] = 1.0
    h2s_hold_s: Annotated[float, Field(ge=0, le=86_400)] = 900
    timezone: Annotated[str, Field(min_length=1, max_length=64)] = "Europe/Paris"
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = Field(default=43.4930, description="for sunrise and sunset")
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = 4.9790
    theme: Literal["day", "night", "auto"] = Field(
        default="auto", description="auto: day between sunrise and sunset (or day_from/night_from without coordinates)")
    day_from: TimeOfDay = "07:00"
    night_from: TimeOfDay = "21:00"
    languages: Literal["fr", "fr+en"] = "fr+en"

    def problems(self, path: str) -> list[Problem]:
        found = super().problems(path) + zone_problems(f"{path}.timezone", self.timezone)
        if self.mqtt_url is not None and self.replay is not None:
            found.append(Problem(path, "give mqtt_url or replay, not both"))
        if self.mqtt_url is None and self.replay is None and not self.http_sources:
            found.append(Problem(path, "give a source of live data: mqtt_url, replay or http_sources"))
        if self.mqtt_url is not None:
            found += url_problems(f"{path}.mqtt_url", self.mqtt_url, ("mqtt", "mqtts"))
        for name, value in self.file_references().items():
            found += source_problems(f"{path}.{name}", value)
        for s_index, source in enumerate(self.http_sources):
            spath = f"{path}.http_sources[{s_index}]"
            if (source.kind == "flag") != (source.quantity is None):
                found.append(Problem(f"{spath}.quantity", "needed for every kind but flag, and not allowed for flag"))
            found += url_problems(f"{spath}.url", source.url, ("http", "https")) + _rule_number_problems(spath, source)
        for d_index, device in enumerate(self.devices):
            found += self._device_problems(f"{path}.devices[{d_index}]", device)
        return found

    def _device_problems(self, path: str, device: SensorDevice) -> list[Problem]:
        found = []
        for f_index, rule in enumerate(device.fields):
            found += _rule_number_problems(f"{path}.fields[{f_index}]", rule)
            if rule.quantity.startswith("parking_free") and (rule.minimum is None or rule.minimum < 0
                                                             or rule.maximum is None or rule.maximum > self.parking_total):
                found.append(Problem(f"{path}.fields[{f_index}]",
                                     f"a count of free spaces needs minimum >= 0 and maximum <= parking_total ({self.parking_total})"))
        if device.dev_eui is None and not device.tags:
            found.append(Problem(path, "give a dev_eui or tags to say which devices this is"))
        return found

    def file_references(self) -> dict[str, str]:
        files = {"mqtt_ca_file": self.mqtt_ca_file}
        if self.replay is not None and not self.replay.startswith("builtin:"):
            files["replay"] = self.replay
        return {name: value for name, value in files.items() if value is not None}


def _rule_number_problems(path: str, rule: SensorField | HttpSource) -> list[Problem]:
    """What the feed's value rules refuse at run time (a ValueError there), said here instead."""
    found = []
    if rule.scale == 0:
        found.append(Problem(f"{path}.scale", "must not be 0 (every value would become 0)"))
    if rule.minimum is not None and rule.maximum is not None and rule.minimum > rule.maximum:
        found.append(Problem(f"{path}.minimum", f"is over maximum ({rule.minimum:g} > {rule.maximum:g})"))
    return found


ITEM_MODELS = (BeachPanelItem,)
