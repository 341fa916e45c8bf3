"""The beach panel kind: its view, its live source (MQTT, replay, HTTP), and ``kiosk replay``."""

import argparse
import sys
from pathlib import Path

from common.clock import Clock
from media.feeds.mqtt_feed import MqttSettings
from signs.beach.alerting import LocalAlertRaiser, set_local_alerts
from signs.beach.feeds import document_parser, message_parser, panel_key, replay_path
from signs.beach.item import BeachPanelItem
from signs.kinds import ItemKind
from signs.live import HttpPoll, LiveSpec
from signs.resolution import Descriptor, ResolveContext

VIEW = Path(__file__).parent / "qml" / "BeachPanelView.qml"


def describe(item: BeachPanelItem, ctx: ResolveContext) -> Descriptor:
    return {"live": panel_key(item)}


def live_spec(item: BeachPanelItem, base_dir: Path) -> LiveSpec:
    def make_adapter(clock: Clock):  # noqa: ANN202 - a QObject; Qt is loaded only when a panel is shown
        from signs.beach.live import BeachPanelLive

        return BeachPanelLive(item, clock)

    mqtt = None
    topics: tuple[str, ...] = ()
    if item.mqtt_url is not None:
        ca_file = str(base_dir / item.mqtt_ca_file) if item.mqtt_ca_file else None
        mqtt = MqttSettings.from_url(item.mqtt_url, ca_file)
        topics = tuple(item.topics) + ((item.flag_topic,) if item.flag_topic else ())
    return LiveSpec(
        key=panel_key(item), make_adapter=make_adapter, parse_message=message_parser(item), mqtt=mqtt, topics=topics,
        replay_file=replay_path(item.replay, base_dir) if item.replay is not None else None,
        http=tuple(HttpPoll(s.url, s.every_s, document_parser(s)) for s in item.http_sources),
        label=item.mqtt_url or item.replay or "http")


KINDS = [ItemKind("beach_panel", VIEW, describe=describe, live=live_spec)]


def _cmd_replay(args: argparse.Namespace) -> int:
    from media.feeds.readings import PayloadRejected
    from media.feeds.replay import load_replay, publish_replay

    try:
        replay = load_replay(replay_path(args.file, Path.cwd()))
        settings = MqttSettings.from_url(args.mqtt)
    except (PayloadRejected, ValueError) as exc:
        print(f"kiosk replay: {exc}", file=sys.stderr)
        return 1
    print(f"replaying {len(replay.messages)} messages every {replay.cycle_s:g} s to {settings.host}:{settings.port}, "
          f"{args.cycles} cycle(s)", flush=True)
    try:
        publish_replay(replay, settings, args.cycles, lambda m: print(f"{m.at_s:6.2f} s  {m.topic}", flush=True))
    except OSError as exc:
        print(f"kiosk replay: cannot reach the broker {args.mqtt}: {exc}", file=sys.stderr)
        return 1
    return 0


def add_commands(sub: "argparse._SubParsersAction") -> None:
    p = sub.add_parser("replay", help="publish recorded uplinks to a real MQTT broker on their timeline")
    p.add_argument("file", help="replay file (JSON), or builtin:romaniquette")
    p.add_argument("--mqtt", required=True, metavar="URL", help="mqtt://[user:password@]host[:port] or mqtts://...")
    p.add_argument("--cycles", type=int, default=1, help="how many times to play it (default 1)")
    p.set_defaults(func=_cmd_replay)


def take_local_alerts(raiser: LocalAlertRaiser) -> None:
    """The runtime's alert centre (signs.kinds.hand_to_signs): an H2S alert becomes one of its alerts."""
    set_local_alerts(raiser)
