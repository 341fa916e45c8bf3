"""The accessibility data: both palettes meet their contrast figures, the volume covers 18 dB, hostile
values never choose a setting, the speech text is bounded and plain, headphones are recognised."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.accessibility import settings as S
from kiosk.accessibility.contrast import parse_hex, ratio
from kiosk.accessibility.headphones import headphones_plugged
from kiosk.accessibility.palette import HIGH_CONTRAST, NORMAL, ROLES
from kiosk.accessibility.synth import MAX_TEXT_CHARS, clean_text, fix_sizes


def test_wcag_reference_figures():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the well-known just-failing grey
    with pytest.raises(ValueError):
        parse_hex("red")


@pytest.mark.parametrize(("palette", "text_min"), [(NORMAL, 4.5), (HIGH_CONTRAST, 7.0)])
def test_palettes_meet_their_contrast(palette, text_min):
    assert set(palette) == set(ROLES)
    for text, ground in (("text", "background"), ("mutedText", "background"), ("text", "surface"), ("mutedText", "surface"),
                         ("accent", "background"), ("buttonText", "button")):
        assert ratio(palette[text], palette[ground]) >= text_min, (text, ground)
    for control in ("button", "focus"):  # WCAG 1.4.11: controls and the focus indicator >= 3:1
        assert ratio(palette[control], palette["background"]) >= 3.0, control
    assert palette["focus"] != palette["button"]  # focus is never shown by the button's own colour


def test_volume_range_and_steps():
    gains = [S.volume_gain(step) for step in range(S.VOLUME_STEPS)]
    assert S.volume_db(S.VOLUME_STEPS - 1) - S.volume_db(0) >= 18.0
    assert gains == sorted(gains) and gains[-1] == pytest.approx(1.0) and all(0 < g <= 1 for g in gains)
    assert S.clamp_step(99) == S.VOLUME_STEPS - 1 and S.clamp_step(-4) == 0 and S.clamp_step(True) == S.DEFAULT_VOLUME_STEP


@pytest.mark.parametrize(("hostile", "scale"), [(math.nan, 1.0), (math.inf, 1.0), (True, 1.0), ("2", 1.0), (None, 1.0),
                                               (10 ** 5000, 1.0), (-1e308, 1.0), (1.6, 1.5), (1.8, 2.0), (1e9, 1.0)],
                         ids=["nan", "inf", "bool", "str", "none", "5000-digits", "-1e308", "1.6", "1.8", "1e9"])
def test_hostile_scales_keep_the_default_or_the_nearest(hostile, scale):
    assert S.nearest_scale(hostile) == scale


def test_languages():
    assert [S.checked_language(x) for x in ("fr", "EN", "fr_FR", "en-GB", "de", "", None, "fr" * 50)] == [
        "fr", "en", "fr", "en", None, None, None, None]


@settings(max_examples=200, deadline=200)
@given(st.text(max_size=3000))
def test_speech_text_is_plain_and_bounded(text):
    cleaned = clean_text(text)
    assert len(cleaned) <= MAX_TEXT_CHARS
    assert not any(ch in "[]\x1b\n\r\t\x00" for ch in cleaned)


def test_stdout_wav_header_gets_real_sizes():
    streamed = b"RIFF\xff\xff\xff\x7fWAVEfmt " + bytes(20) + b"data\xff\xff\xff\x7f" + bytes(100)
    fixed = fix_sizes(streamed)
    assert int.from_bytes(fixed[4:8], "little") == len(fixed) - 8
    assert int.from_bytes(fixed[40:44], "little") == 100


ANALOG = ("alsa_output.pci-0000_00_1f.3.analog-stereo", "Built-in Audio Analog Stereo")
HDMI = ("alsa_output.pci-0000_01_00.1.hdmi-stereo", "HDMI Audio")
JACK = ("alsa_output.pci-0000_00_1f.3.analog-stereo-headphones", "Built-in Audio Headphones")
USB_HEADSET = ("alsa_output.usb-Logitech_USB_Headset-00.analog-stereo", "Logitech USB Headset")


def test_headphones_switch_speech_on_only_when_they_appear():
    assert headphones_plugged([ANALOG], [ANALOG, JACK])
    assert headphones_plugged([ANALOG, HDMI], [ANALOG, HDMI, USB_HEADSET])
    assert headphones_plugged([ANALOG], [JACK], default_after=JACK)
    assert not headphones_plugged([ANALOG, JACK], [ANALOG, JACK])       # nothing new
    assert not headphones_plugged([ANALOG], [ANALOG, HDMI])             # a screen is not headphones
    assert not headphones_plugged([ANALOG, JACK], [ANALOG])             # unplugging does not switch on
    assert not headphones_plugged([], [])


def test_what_a_focused_control_says():
    from PySide6.QtGui import QAccessible

    from kiosk.accessibility.focus_speech import spoken_for

    assert spoken_for("Agenda", QAccessible.Role.Button, "Les sorties", None, "fr") == "Agenda, bouton. Les sorties"
    assert spoken_for("Speech", QAccessible.Role.CheckBox, "", False, "en") == "Speech, check box, not checked"
    assert spoken_for("Titre", QAccessible.Role.StaticText, " ", None, "fr") == "Titre"


def test_reach_band_for_wheelchair_users():
    # A 1080 px screen 0.60 m tall whose visible area starts 0.80 m above the floor: 1,800 px per metre.
    top, bottom = S.reach_band_px(1080, 0.80, 0.60)
    assert (round(top), round(bottom)) == (180, 900)  # 1.30 m and 0.90 m
    assert S.reach_band_px(1080, 1.40, 0.60) is None  # the whole screen is above reach
    assert S.reach_band_px(1080, 1.00, 0.60) == pytest.approx((540.0, 1080.0))  # the band is cut by the screen's bottom
    for hostile in ((math.nan, 0.8, 0.6), (1080, True, 0.6), (1080, 0.8, 0), (10 ** 5000, 0.8, 0.6), ("1080", 0.8, 0.6)):
        assert S.reach_band_px(*hostile) is None
