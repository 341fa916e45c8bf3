"""The region's playback rules, with a fake scene in place of QML and the resolver."""

import time

import pytest

from kiosk.region import RegionController
from kiosk.resolver import Resolution
from layouts import parse_layout


class FakeScene:
    """Stands for a Scene: resolutions are set by the test; frames are drawn when the test says."""

    def __init__(self) -> None:
        self.resolutions: dict[int, Resolution] = {}
        self.requested: dict[int, float] = {}
        self.frame_callbacks = []
        self.checks = 0

    def request_resolution(self, region_index: int, item_index: int) -> None:
        self.requested.setdefault(item_index, time.monotonic())

    def resolution(self, region_index: int, item_index: int):
        return self.resolutions.get(item_index)

    def requested_at(self, region_index: int, item_index: int):
        return self.requested.get(item_index)

    def after_next_frame(self, callback) -> None:
        self.frame_callbacks.append(callback)

    def draw_frame(self) -> None:
        batch, self.frame_callbacks = self.frame_callbacks, []
        for callback in batch:
            callback(time.monotonic())

    def region_drew_item(self, region) -> None:
        pass

    def region_check(self) -> None:
        self.checks += 1


def make_region(qtbot, durations=(0.2, 0.2, 0.2)):
    layout = parse_layout(
        '{"schema_version": 2, "name": "t", "regions": [{"id": "r", "x": 0, "y": 0, "width": 10, "height": 10, "playlist": ['
        + ",".join(f'{{"id": "i{i}", "kind": "text", "text": "t{i}", "duration_s": {d}}}' for i, d in enumerate(durations))
        + "]}]}")
    scene = FakeScene()
    region = RegionController(None, 0, layout.regions[0], "#000000")  # type: ignore[arg-type]
    region._scene = scene  # the fake takes the Scene's place (a Scene is also the QObject parent)
    loads, shows, unloads = [], [], []
    region.load_requested.connect(lambda slot, d: loads.append((slot, d)))
    region.show_requested.connect(lambda slot, kind, ms: shows.append(slot))
    region.unload_requested.connect(unloads.append)
    return region, scene, loads, shows, unloads


def ready(index: int) -> Resolution:
    return Resolution({"kind": "text", "text": f"t{index}"})


def test_the_next_item_is_prepared_ahead_and_swapped_only_when_ready(qtbot):
    region, scene, loads, shows, unloads = make_region(qtbot)
    scene.resolutions = {0: ready(0), 1: ready(1), 2: ready(2)}
    region.start()
    assert [d["item"] for _, d in loads] == ["i0"]
    region.report_ready(0, loads[0][1]["token"])
    assert shows == [0]
    scene.draw_frame()
    assert region.has_shown and region.shown_item_id() == "i0"
    assert [d["item"] for _, d in loads] == ["i0", "i1"]  # prepared ahead, in the other slot
    assert loads[1][0] == 1
    qtbot.wait(300)  # the deadline passes; i1 never said it was ready
    assert shows == [0] and region.shown_item_id() == "i0"  # the current item stays: no blank
    region.report_ready(1, loads[1][1]["token"])
    assert shows == [0, 1]  # swapped at once, the deadline having passed
    scene.draw_frame()
    assert region.shown_item_id() == "i1"


def test_a_failing_item_is_skipped_and_stale_reports_are_ignored(qtbot):
    region, scene, loads, shows, unloads = make_region(qtbot)
    scene.resolutions = {0: ready(0), 1: ready(1), 2: ready(2)}
    region.start()
    region.report_ready(0, loads[0][1]["token"])
    scene.draw_frame()
    stale_token = loads[0][1]["token"]
    region.report_failed(1, loads[1][1]["token"], "broken")
    assert unloads[-1] == 1
    assert [d["item"] for _, d in loads][-1] == "i2"  # i1 rests; i2 is prepared instead
    region.report_ready(1, stale_token)  # a report for a view long gone changes nothing
    assert shows == [0]


def test_an_item_still_downloading_is_waited_for_then_skipped(qtbot):
    region, scene, loads, shows, unloads = make_region(qtbot)
    scene.resolutions = {1: ready(1)}  # i0 is still being fetched
    region.start()
    assert loads == []  # keeps the order: waits for i0 within the grace period
    scene.requested[0] -= 10  # ...which has now run out
    region._prepare_next()
    assert [d["item"] for _, d in loads] == ["i1"]


@pytest.mark.parametrize("durations", [(0.2,)])
def test_a_playlist_of_one_stays_without_reloading(qtbot, durations):
    region, scene, loads, shows, unloads = make_region(qtbot, durations)
    scene.resolutions = {0: ready(0)}
    region.start()
    region.report_ready(0, loads[0][1]["token"])
    scene.draw_frame()
    qtbot.wait(500)
    assert len(loads) == 1 and shows == [0]


@pytest.mark.parametrize("durations", [(0.2,)])
def test_a_playlist_of_one_shows_its_refreshed_content_but_not_the_same_content_again(qtbot, durations):
    region, scene, loads, shows, unloads = make_region(qtbot, durations)
    scene.resolutions = {0: ready(0)}
    region.start()
    region.report_ready(0, loads[0][1]["token"])
    scene.draw_frame()
    scene.resolutions[0] = ready(0)  # resolved again (an ETag check): equal content, a new object
    region.on_resolved(0, scene.resolutions[0])
    qtbot.wait(300)
    assert len(loads) == 1
    scene.resolutions[0] = Resolution({"kind": "text", "text": "t0 with a new act"})  # the feed changed
    region.on_resolved(0, scene.resolutions[0])
    assert len(loads) == 2 and loads[1][0] == 1 and loads[1][1]["text"] == "t0 with a new act"  # beneath
    region.report_ready(1, loads[1][1]["token"])
    qtbot.waitUntil(lambda: shows == [0, 1], timeout=2000)  # at its deadline, as any item change


def interactive(index: int, idle_ms: int) -> Resolution:
    return Resolution({"kind": "text", "text": f"t{index}", "idle_timeout_ms": idle_ms})


def test_an_interactive_item_stays_while_the_visitor_touches_it_then_hands_back_the_playlist(qtbot):
    region, scene, loads, shows, unloads = make_region(qtbot, (0.2, 0.2))
    scene.resolutions = {0: interactive(0, 400), 1: ready(1)}
    ended = []
    region.session_ended.connect(ended.append)
    region.start()
    region.report_ready(0, loads[0][1]["token"])
    scene.draw_frame()
    region.report_ready(1, loads[1][1]["token"])  # the attract loop's next item is ready beneath
    token = loads[0][1]["token"]
    for _ in range(4):  # 4 x 150 ms of touches: three times the item's 0.2 s, never 0.4 s idle
        region.report_interaction(0, token)
        qtbot.wait(150)
    assert shows == [0] and region.shown_item_id() == "i0" and ended == []
    qtbot.waitUntil(lambda: ended == [0], timeout=2000)  # idle: the view forgets the visitor...
    assert shows == [0, 1]  # ...and the playlist goes on at once (its time had run out)
    region.report_interaction(0, token)  # a touch on a view that is leaving starts nothing
    scene.draw_frame()
    assert region.shown_item_id() == "i1"


def test_touches_on_a_plain_item_hold_nothing(qtbot):
    region, scene, loads, shows, unloads = make_region(qtbot, (0.2, 0.2))
    scene.resolutions = {0: ready(0), 1: ready(1)}
    region.start()
    region.report_ready(0, loads[0][1]["token"])
    scene.draw_frame()
    region.report_ready(1, loads[1][1]["token"])
    region.report_interaction(0, loads[0][1]["token"])
    qtbot.waitUntil(lambda: shows == [0, 1], timeout=2000)


def test_a_touch_on_the_attract_loop_opens_the_interactive_item_at_once(qtbot):
    region, scene, loads, shows, unloads = make_region(qtbot, (30, 30, 30))  # long durations: only the touch moves it
    scene.resolutions = {0: ready(0), 1: ready(1), 2: interactive(2, 400)}
    region.start()
    region.report_ready(0, loads[0][1]["token"])
    scene.draw_frame()
    assert region.property("opensOnTouch")  # an attract item on screen, a kiosk in the playlist
    assert [d["item"] for _, d in loads] == ["i0", "i1"]  # i1 prepared beneath, as usual
    region.touched_attract()
    assert loads[-1][1]["item"] == "i2" and loads[-1][0] == 1  # the kiosk replaces it beneath...
    region.report_ready(1, loads[-1][1]["token"])
    assert shows == [0, 1]  # ...and comes forward as soon as it can draw, not after 30 s
    scene.draw_frame()
    assert region.shown_item_id() == "i2" and not region.property("opensOnTouch")
    before = len(loads)  # the next attract item is prepared beneath, as after any swap
    region.touched_attract()  # touches on the kiosk itself are its own: nothing is reloaded
    assert len(loads) == before and [d["item"] for _, d in loads].count("i2") == 1
    assert region._session.active  # the visitor's touch started their session with it
