"""The real Jobs pool with slow servers: downloads waiting on the network do not starve the others."""

import threading
import time

from kiosk.jobs import Jobs
from media.fetch import FetchOutcome, fetch, fetch_document
from tests.support.http import Route


def test_a_good_source_is_fetched_while_three_trickling_ones_are_in_flight(qtbot, http_server, tmp_path):
    jobs = Jobs(max_threads=3)
    for i in range(3):
        http_server.routes[f"/slow{i}"] = Route(b"x" * 1000, trickle_every_s=0.5)
    http_server.routes["/good.json"] = Route(b'{"ok": true}')
    http_server.routes["/good.png"] = Route(b"PNG" * 1000)
    done: dict[str, tuple[object, BaseException | None, float]] = {}
    started = time.monotonic()

    def record(name):
        return lambda result, error: done.__setitem__(name, (result, error, time.monotonic() - started))

    for i in range(3):
        jobs.submit(lambda i=i: fetch_document(f"{http_server.url}/slow{i}", deadline_s=4), record(f"slow{i}"))
    # All three are in flight: each server has sent its first bytes.
    qtbot.waitUntil(lambda: http_server.stats.body_bytes_sent >= 3, timeout=3000)
    jobs.submit(lambda: fetch_document(http_server.url + "/good.json"), record("good.json"))
    jobs.submit(lambda: fetch(http_server.url + "/good.png", tmp_path / "good.png"), record("good.png"))
    qtbot.waitUntil(lambda: {"good.json", "good.png"} <= done.keys(), timeout=2500)
    assert not any(name.startswith("slow") for name in done)  # the slow ones are still trickling
    assert done["good.json"][0].body == b'{"ok": true}'
    assert done["good.png"][0].outcome is FetchOutcome.FETCHED
    qtbot.waitUntil(lambda: len(done) == 5, timeout=6000)
    for i in range(3):
        result, error, at_s = done[f"slow{i}"]
        assert error is None and result.outcome is FetchOutcome.FAILED
        assert "4 s deadline" in result.error
        assert 3.9 <= at_s < 5.0
    assert jobs.wait_idle(5000)


def test_no_more_than_max_threads_jobs_compute_at_once(qtbot):
    jobs = Jobs(max_threads=2, network_threads=4)
    lock = threading.Lock()
    running, most = [0], [0]

    def work():
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)  # stands for a Pillow decode, holding its compute slot
        with lock:
            running[0] -= 1

    finished = []
    for _ in range(8):
        jobs.submit(work, lambda result, error: finished.append(error))
    qtbot.waitUntil(lambda: len(finished) == 8, timeout=5000)
    assert finished == [None] * 8
    assert most[0] == 2
    assert jobs.wait_idle(5000)  # dropped only once its workers are done
