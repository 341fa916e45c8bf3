import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from media.feeds.lorawan import parse_uplink
from media.feeds.readings import PayloadRejected
from media.feeds.replay import Redater, load_replay
from signs.beach.feeds import replay_path
from tests.support.mosquitto import Mosquitto


def test_the_builtin_replay_loads_and_each_send_is_a_new_uplink():
    replay = load_replay(replay_path("builtin:romaniquette", Path()))
    assert replay.cycle_s == 60 and len(replay.messages) > 50
    weather = next(m for m in replay.messages if m.topic.startswith("v3/"))
    from datetime import UTC, datetime
    redater = Redater()
    first, second = (parse_uplink(weather.topic, redater.render(weather, datetime.now(UTC))) for _ in range(2))
    assert first.dedup_id != second.dedup_id and first.f_cnt != second.f_cnt
    assert (datetime.now(UTC) - first.observed_at).total_seconds() < 5


@pytest.mark.parametrize("content", ['{"cycle_s": 10}', '{"cycle_s": 10, "messages": [{"at_s": 12, "topic": "t", "payload": {}}]}', "nope"])
def test_bad_replay_files_are_refused(tmp_path: Path, content: str):
    path = tmp_path / "r.json"
    path.write_text(content)
    with pytest.raises(PayloadRejected, match="bad-replay"):
        load_replay(path)


def test_kiosk_replay_publishes_to_a_real_broker(tmp_path: Path):
    broker = Mosquitto(tmp_path).start()
    import paho.mqtt.client as mqtt

    got: list[str] = []
    subscribed = threading.Event()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.on_connect = lambda c, *_: (c.subscribe("#"), subscribed.set())
    client.on_message = lambda c, u, m: got.append(m.topic)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    replay = tmp_path / "short.json"
    replay.write_text(json.dumps({"cycle_s": 1, "messages": [
        {"at_s": 0, "topic": "istres/plage/drapeau", "payload": {"flag": "red", "set_by": "Poste"}},
        {"at_s": 0.2, "topic": "istres/plage/drapeau", "payload": {"flag": "green", "set_by": "Poste"}}]}))
    try:
        assert subscribed.wait(10)
        result = subprocess.run([sys.executable, "-m", "kiosk.cli", "replay", str(replay), "--mqtt", broker.url, "--cycles", "2"],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 10
        while got.count("istres/plage/drapeau") < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        bad = subprocess.run([sys.executable, "-m", "kiosk.cli", "replay", str(replay), "--mqtt", "http://x"],
                             capture_output=True, text=True, timeout=60)
        assert bad.returncode == 1 and "not an mqtt" in bad.stderr
    finally:
        client.loop_stop()
        client.disconnect()
        broker.stop()
    assert got.count("istres/plage/drapeau") == 4


@pytest.mark.parametrize("content", [
    '{"cycle_s": NaN, "messages": [{"at_s": 0, "topic": "t", "payload": {}}]}',
    '{"cycle_s": true, "messages": [{"at_s": 0, "topic": "t", "payload": {}}]}',
    '{"cycle_s": 10, "messages": [{"at_s": Infinity, "topic": "t", "payload": {}}]}',
    '{"cycle_s": 10, "messages": [{"at_s": 0, "topic": 5, "payload": {}}]}',
    '{"cycle_s": 10, "messages": [{"at_s": 0, "topic": "t", "payload": []}]}',
    '{"cycle_s": 10, "cycle_s": 20, "messages": [{"at_s": 0, "topic": "t", "payload": {}}]}',
    '{"cycle_s": 10, "messages": ' + "[" * 40 + "]" * 40 + "}",
    '[]',
])
def test_hostile_replay_files_are_refused_with_one_cause(tmp_path: Path, content: str):
    path = tmp_path / "r.json"
    path.write_text(content)
    with pytest.raises(PayloadRejected, match="bad-replay"):
        load_replay(path)
