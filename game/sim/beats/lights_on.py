"""The lights_on beat: the house lights snap on, every shadow and the audience vanish, and the room breaks apart into a swirl.

``world.lights.house`` goes to 1 at once (the lighting renderer then lights everything, no
shadow left). Walls and props tear loose as fragments (``game.sim.debris``) and spiral into
colour around the dreamer, who can still move. The beat ends when the room has dissolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.beats import Scene
from game.sim.debris import Debris
from game.sim.events import Event
from game.sim.timestep import DT


EMPTY_HALL_S = 1.2  # the lit, empty hall is seen this long before the room starts to go
DISSOLVED_AT = 0.985  # share of the room gone into colour at which the beat is over
LONGEST_S = 9.0  # and whatever happens, by then


@dataclass(frozen=True)
class HouseLightsOn(Event):
    pass


@dataclass(frozen=True)
class AudienceVanished(Event):
    pass


@dataclass(frozen=True)
class RoomDissolving(Event):
    fragments: int


@dataclass(frozen=True)
class RoomDissolved(Event):
    pass


class LightsOnScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.debris: Debris | None = None
        self.dissolved = 0.0
        self.done = False

    def enter(self, world) -> None:
        world.player.frozen = False
        world.lights.house = 1.0
        world.lights.gutter = 0.0
        world.emit(HouseLightsOn(world.tick))
        world.emit(AudienceVanished(world.tick))
        self.debris = Debris(world, world.player.position)
        world.emit(RoomDissolving(world.tick, len(self.debris.fragments)))

    def update(self, world, inp) -> None:
        self.ticks += 1
        world.player.drive(inp.move, DT)
        if self.ticks * DT >= EMPTY_HALL_S:
            self.debris.step(world)
        self.dissolved = self.debris.dissolved
        if not self.done and (self.dissolved >= DISSOLVED_AT or self.ticks * DT >= LONGEST_S):
            self.done = True
            world.emit(RoomDissolved(world.tick))

    def exit(self, world) -> None:
        if self.debris is not None:
            self.debris.clear()

    def room_dissolved(self, world) -> bool:
        """The room has come apart into colour (or the longest wait is over)."""
        return self.done

    def hash_state(self) -> tuple:
        return (self.ticks, self.dissolved, self.done, self.debris.hash_state() if self.debris else None)
