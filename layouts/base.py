"""The pieces every layout model shares: strict objects, transitions, the common item fields."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", description="letters, digits, _ . -"),
]


class Strict(BaseModel):
    # Unknown keys are refused: a typo such as "duraton_s" must not pass silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Transition(Strict):
    kind: Literal["cut", "crossfade"] = "cut"
    duration_ms: Annotated[int, Field(ge=0, le=10_000)] = 600


class ItemBase(Strict):
    id: Identifier | None = Field(default=None, description="stable name used in logs; defaults to the position")
    duration_s: Annotated[float, Field(gt=0, le=86_400)] = Field(default=10.0, description="seconds on screen")
    transition: Transition = Transition()
