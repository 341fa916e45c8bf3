"""The pieces every layout model shares: strict objects, transitions, the common item fields.

An item kind's model derives from ``ItemBase`` and adds its own cross-field checks by overriding
``problems`` (calling ``super().problems(path)`` first). The kinds themselves are declared in the
sign folders (see ``layouts.kinds``).
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from layouts.errors import Problem

_PATTERN_MESSAGES: dict[str, str] = {}


def described_pattern(pattern: str, message: str) -> str:
    """Give ``pattern`` (for ``Field(pattern=...)``) the plain sentence a value that fails it is told.

    Patterns spell digits [0-9]: ``\\d`` also matches "٠٧" and "²", which the runtime cannot read.
    """
    _PATTERN_MESSAGES[pattern] = message
    return pattern


def pattern_message(pattern: str) -> str | None:
    return _PATTERN_MESSAGES.get(pattern)


# The length is checked first, so a long id is told it is too long, not that it has a bad character.
Identifier = Annotated[
    str,
    Field(min_length=1, max_length=64, description="letters, digits, _ . -",
          pattern=described_pattern(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                                    "may only use letters, digits, '_', '.' and '-', starting with a letter or digit")),
]
Color = Annotated[
    str,
    Field(pattern=described_pattern(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$", "must be a colour written #RRGGBB or #AARRGGBB"),
          description="#RRGGBB or #AARRGGBB"),
]
MIN_DURATION_S = 0.2  # below, a player timer spins (1e-9 s rounds to 0 ms) and nobody can see the item
Source = Annotated[
    str,
    Field(
        min_length=1,
        max_length=2048,
        description="an http(s) URL, or a path relative to the layout file",
    ),
]


class Strict(BaseModel):
    # Unknown keys are refused: a typo such as "duraton_s" must not pass silently. NaN and
    # Infinity are refused for every number: they pass every range check and reach decisions.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Transition(Strict):
    kind: Literal["cut", "crossfade"] = "cut"
    duration_ms: Annotated[int, Field(ge=0, le=10_000)] = 600


class ItemBase(Strict):
    id: Identifier | None = Field(default=None, description="stable name used in logs; defaults to the position")
    duration_s: Annotated[float, Field(ge=MIN_DURATION_S, le=86_400)] = Field(default=10.0, description="seconds on screen")
    transition: Transition = Transition()

    def problems(self, path: str) -> list[Problem]:
        """Rules that span this item's fields; ``path`` is the item's JSON path. Kinds extend this."""
        t = self.transition
        if t.kind == "crossfade" and t.duration_ms > self.duration_s * 1000:
            return [Problem(f"{path}.transition.duration_ms",
                            f"a {t.duration_ms} ms crossfade is longer than the item itself ({self.duration_s:g} s)")]
        return []

    def file_references(self) -> dict[str, str]:
        """Field name -> value of every field naming a file or URL this item needs (bundles check them)."""
        return {}
