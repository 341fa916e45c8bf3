"""Defaults and bounds of the visitor's accessibility settings (pure; reset after every session)."""

import math

TEXT_SCALES = (1.0, 1.5, 2.0)
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

# Volume: 8 levels 3 dB apart, -21 dB .. 0 dB: a range of 21 dB (EN 301 549 5.1.6: >= 18 dB).
VOLUME_STEP_DB = 3.0
VOLUME_STEPS = 8
DEFAULT_VOLUME_STEP = 5   # -6 dB: audible in a hall without startling anyone
SLOW_TIMEOUT_FACTOR = 2.0


def volume_db(step: int) -> float:
    return (step - (VOLUME_STEPS - 1)) * VOLUME_STEP_DB


def volume_gain(step: int) -> float:
    """Linear gain for QAudioOutput.setVolume (Qt 6 takes a linear 0..1 value)."""
    return 10.0 ** (volume_db(clamp_step(step)) / 20.0)


def clamp_step(step: object) -> int:
    if isinstance(step, bool) or not isinstance(step, int):
        return DEFAULT_VOLUME_STEP
    return max(0, min(VOLUME_STEPS - 1, step))


def nearest_scale(value: object) -> float:
    """Only finite numbers choose a scale; anything else keeps the default 1.0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return TEXT_SCALES[0]
    if isinstance(value, int) and abs(value) > 100:  # a 5,000-digit integer does not even convert to float
        return TEXT_SCALES[0]
    if not math.isfinite(value) or not 0.5 <= value <= 4.0:  # outside any sensible scale: the default
        return TEXT_SCALES[0]
    return min(TEXT_SCALES, key=lambda s: abs(s - value))


def checked_language(lang: object) -> str | None:
    """``"fr"``/``"en"`` (also ``"fr-FR"``, ``"EN"``); None for anything else."""
    if not isinstance(lang, str) or len(lang) > 16:
        return None
    head = lang.strip().lower().replace("_", "-").split("-")[0]
    return head if head in LANGUAGES else None
