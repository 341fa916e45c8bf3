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


REACH_LOW_M, REACH_HIGH_M = 0.90, 1.30  # French public buildings: controls within reach from a wheelchair


def reach_band_px(window_height_px: object, screen_bottom_m: object, screen_height_m: object) -> tuple[float, float] | None:
    """The rows of the window (top, bottom in px from its top) that lie between 0.90 and 1.30 m from
    the floor, for a screen whose visible area starts ``screen_bottom_m`` above the floor and is
    ``screen_height_m`` tall (the installation's figures). None when the figures are not finite,
    positive numbers or when the band misses the screen."""
    values = (window_height_px, screen_bottom_m, screen_height_m)
    if any(isinstance(v, bool) or not isinstance(v, int | float) or (isinstance(v, int) and abs(v) > 100_000) for v in values):
        return None  # a 5,000-digit integer does not even convert to float
    h_px, bottom, tall = (float(v) for v in values)  # type: ignore[arg-type]
    if not all(math.isfinite(v) and 0 < v < 1e5 for v in (h_px, tall)) or not math.isfinite(bottom) or not 0 <= bottom < 10:
        return None
    px_per_m = h_px / tall
    top_px = h_px - (REACH_HIGH_M - bottom) * px_per_m
    bottom_px = h_px - (REACH_LOW_M - bottom) * px_per_m
    top_px, bottom_px = max(0.0, top_px), min(h_px, bottom_px)
    return (top_px, bottom_px) if bottom_px - top_px > 0 else None
