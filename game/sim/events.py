"""Plain data events the world emits each tick; sound, captions and effects subscribe to them.

Each system defines its own event classes next to its code, all subclasses of ``Event``.
Nothing reacts to an event from inside ``World.step``: presentation reads ``world.events``
after the step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """Base class: every event knows the tick it happened on."""

    tick: int


@dataclass(frozen=True)
class BeatChanged(Event):
    previous: str | None
    beat: str


@dataclass(frozen=True)
class PropPushed(Event):
    prop_index: int
    speed: float  # px/s


@dataclass(frozen=True)
class LevelLoaded(Event):
    title: str
    kind: str
