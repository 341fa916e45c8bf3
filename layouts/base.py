"""The pieces every layout model shares: strict objects, transitions, the common item fields.

An item kind's model derives from ``ItemBase`` and adds its own cross-field checks by overriding
``problems`` (calling ``super().problems(path)`` first). The kinds themselves are declared in the
sign folders (see ``layouts.kinds``).
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from layouts.errors import Problem

Identifier = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", description="letters, digits, _ . -"),
]
Color = Annotated[
    str,
    Field(pattern=r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$", description="#RRGGBB or #AARRGGBB"),
]
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
    duration_s: Annotated[float, Field(gt=0, le=86_400)] = Field(default=10.0, description="seconds on screen")
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
