"""From uplinks to readings: which device field is which quantity, with checks on every value.

A ``SensorMap`` says, per device EUI (or per tag, for the 52 parking sensors), which decoded field
gives which quantity, its unit and scale, the plausible range and the sentinel codes sensors send
instead of a value (0xFFFE warming up, 0xFFFF fault). Duplicated uplinks (several gateways, or a
re-delivery) and out-of-order ones (by the network server's time) are dropped; an fCnt that falls
back to a low number is a device reset, accepted. An uplink timed outside the feed window (``media.feeds.feedtime``) is refused
before it can become the device's "latest": one uplink dated 2999 would otherwise freeze the device.

A SensorMap remembers what it has seen: use each one from one thread (the parsers it is fed from
are pure and can run anywhere).
"""

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from media.feeds.cayenne import decode_cayenne_lpp
from media.feeds.feedtime import FEED_WINDOW, TimeWindow
from media.feeds.readings import PayloadRejected, Reading, Uplink
from media.feeds.values import DEFAULT_SENTINELS, check_rule_numbers, check_value

DEDUP_MEMORY = 2048  # uplink ids remembered to drop duplicates
DEVICE_MEMORY = 4096  # devices whose last uplink is remembered (the beach has about 60)


@dataclass(frozen=True, slots=True)
class FieldRule:
    quantity: str
    field: str  # key in the decoded payload (server codec or Cayenne LPP: "temperature_1")
    unit: str
    scale: float = 1.0
    minimum: float | None = None
    maximum: float | None = None
    sentinels: Mapping[int, str] = field(default_factory=lambda: dict(DEFAULT_SENTINELS))

    def __post_init__(self) -> None:
        check_rule_numbers(self.scale, self.minimum, self.maximum, f"field {self.field}")


@dataclass(frozen=True, slots=True)
class DeviceRule:
    fields: tuple[FieldRule, ...]
    dev_eui: str | None = None  # lower-case
    tags: tuple[tuple[str, str], ...] = ()  # all must match (e.g. ("site", "romaniquette"))

    def matches(self, uplink: Uplink) -> bool:
        if self.dev_eui is not None and self.dev_eui != uplink.dev_eui:
            return False
        return all(uplink.tags.get(k) == v for k, v in self.tags)


class SensorMap:
    def __init__(self, rules: list[DeviceRule], window: TimeWindow = FEED_WINDOW) -> None:
        self._rules = rules
        self._window = window
        self._seen_ids: OrderedDict[str, None] = OrderedDict()
        self._last: OrderedDict[str, tuple[int | None, datetime]] = OrderedDict()  # dev_eui -> (fCnt, observed_at)

    def readings(self, uplink: Uplink, received_at: datetime) -> tuple[list[Reading], list[PayloadRejected]]:
        """The readings an uplink carries, and a rejection for each value that was refused."""
        rule = next((r for r in self._rules if r.matches(uplink)), None)
        if rule is None:
            raise PayloadRejected("unknown-device", f"no sensor is configured for {uplink.dev_eui} ({uplink.device_name})")
        self._window.check(uplink.observed_at, received_at, f"{uplink.dev_eui} uplink time")
        self._check_new(uplink)
        decoded = uplink.decoded
        if decoded is None:
            if uplink.frm_payload is None:
                raise PayloadRejected("no-payload", f"{uplink.dev_eui} sent neither a decoded object nor a payload")
            decoded = decode_cayenne_lpp(uplink.frm_payload)
        readings: list[Reading] = []
        rejected: list[PayloadRejected] = []
        for rule_field in rule.fields:
            if rule_field.field not in decoded:
                continue
            try:
                value = check_value(decoded[rule_field.field], f"{uplink.dev_eui}.{rule_field.field}",
                                    quantity=rule_field.quantity, unit=rule_field.unit, scale=rule_field.scale,
                                    minimum=rule_field.minimum, maximum=rule_field.maximum,
                                    sentinels=rule_field.sentinels)
            except PayloadRejected as exc:
                rejected.append(exc)
                continue
            readings.append(Reading(f"{uplink.source}:{uplink.dev_eui}", rule_field.quantity, value, rule_field.unit,
                                    uplink.observed_at, received_at, uplink.raw, uplink.tags))
        return readings, rejected

    def _check_new(self, uplink: Uplink) -> None:
        if uplink.dedup_id:
            if uplink.dedup_id in self._seen_ids:
                raise PayloadRejected("duplicate", f"uplink {uplink.dedup_id} from {uplink.dev_eui} was already taken")
            self._seen_ids[uplink.dedup_id] = None
            if len(self._seen_ids) > DEDUP_MEMORY:
                self._seen_ids.popitem(last=False)
        last = self._last.get(uplink.dev_eui)
        if last is not None:
            last_fcnt, last_at = last
            # The network server's clock orders uplinks even across a device reset (fCnt back to 0).
            if uplink.observed_at <= last_at:
                raise PayloadRejected("out-of-order", f"{uplink.dev_eui}: {uplink.observed_at.isoformat()} is not newer "
                                                      f"than {last_at.isoformat()}")
            if uplink.f_cnt is not None and last_fcnt is not None and uplink.f_cnt == last_fcnt:
                raise PayloadRejected("duplicate", f"{uplink.dev_eui}: fCnt {uplink.f_cnt} again")
        self._last[uplink.dev_eui] = (uplink.f_cnt, uplink.observed_at)
        self._last.move_to_end(uplink.dev_eui)
        if len(self._last) > DEVICE_MEMORY:  # tag rules match any EUI: the memory stays bounded
            self._last.popitem(last=False)
