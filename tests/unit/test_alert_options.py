"""``kiosk run`` alert options: a screen's place and sources are checked when the command is read."""

import pytest

from kiosk.cli import _run_options, build_parser


def options(*args: str):  # noqa: ANN201
    return _run_options(build_parser().parse_args(["run", *args]))


def test_place_and_sources():
    run = options("--location", "43.5030,4.9890", "--zone", "13047", "--zone", "FR013", "--show-exercises",
                  "--alert-mqtt", "mqtt://127.0.0.1:1883", "--alert-feed", "https://feeds.example/index", "--alert-feed-every", "1")
    assert run.alert_location == (43.503, 4.989) and run.alert_zones == ("13047", "FR013") and run.show_exercises
    assert run.alert_mqtt_url == "mqtt://127.0.0.1:1883" and run.alert_feed_every_s == 5.0  # at least 5 s between polls
    assert options().alert_location is None and options().alert_zones == () and not options().show_exercises


@pytest.mark.parametrize("args", [["--location", "91,5"], ["--location", "nan,inf"], ["--location", "43.5"],
                                  ["--location", "4" * 5000 + ",1"], ["--zone", "a b"], ["--zone", "\x1b[2J"],
                                  ["--alert-mqtt", "http://x"], ["--alert-feed", "file:///etc/passwd"]])
def test_bad_values_are_refused(args, capsys):
    with pytest.raises(SystemExit):
        options(*args)
    assert "error: argument" in capsys.readouterr().err
