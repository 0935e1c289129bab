"""The vortex beat: a level of its own, a swirl of colour to swim against toward the calm eye.

On entering, the world loads the vortex level the backstage leads to (unless it is already
in one). The swirl pulls the dreamer round and outward; the tools they used and shreds of the
masterpiece orbit the eye. The beat ends once the dreamer has rested a moment in the eye.
"""

from __future__ import annotations

import math

from game.level.vortex import vortex_level_for
from game.sim.beats import Scene
from game.sim.vortex import EYE_RADIUS, EyeReached, Orbiter, Swirl, VortexEntered, swim


SHREDS = 12  # shreds of the masterpiece adrift in the swirl
ORBIT_RINGS_PX = (110.0, 520.0)  # the orbiters keep to rings between these distances from the eye
EYE_REST_S = 1.5  # the dreamer rests this long in the eye before waking


def eye_of(level) -> tuple[float, float]:
    """Where a vortex level's calm eye is: its own, else its middle."""
    return level.eye if level.eye is not None else (level.pixel_width / 2, level.pixel_height / 2)


def orbiter_names(world) -> list[tuple[str, str]]:
    """What orbits the eye, each (kind, name): the tools the dreamer used (else those carried), then
    the masterpiece's shreds."""
    tools = list(world.stats.tools_used) or list(world.tools.carried)
    return [("tool", tool) for tool in tools] + [("shred", str(index)) for index in range(SHREDS)]


class VortexScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.swirl: Swirl | None = None
        self.orbiters: list[Orbiter] = []
        self.reached = False
        self.rest_ticks = 0

    def enter(self, world) -> None:
        if world.level.kind != "vortex":
            world.load_level(vortex_level_for(world.level, world.seed))
        eye = eye_of(world.level)
        self.swirl = Swirl(eye, world.settings.reduce_motion)
        rng = world.rng("vortex:orbits")
        for kind, name in orbiter_names(world):
            ring = rng.uniform(*ORBIT_RINGS_PX)
            self.orbiters.append(Orbiter(world.space, self.swirl, kind, name, ring, rng.uniform(0, 2 * math.pi), rng.uniform(-2.0, 2.0)))
        world.player.frozen = False
        world.emit(VortexEntered(world.tick, eye[0], eye[1]))

    def distance_to_eye(self, world) -> float:
        px, py = world.player.position
        return math.hypot(px - self.swirl.eye[0], py - self.swirl.eye[1])

    def update(self, world, inp) -> None:
        self.ticks += 1
        self.swirl.step()
        swim(world.player, self.swirl, inp.move)
        for orbiter in self.orbiters:
            orbiter.step(self.swirl)
        if self.distance_to_eye(world) <= EYE_RADIUS:
            if not self.reached:
                self.reached = True
                world.emit(EyeReached(world.tick))
        if self.reached:
            self.rest_ticks += 1

    def exit(self, world) -> None:
        for orbiter in self.orbiters:  # the fragments settle out of the dream
            if orbiter.body.space is world.space:
                world.space.remove(orbiter.body)

    def rested_in_the_eye(self, world) -> bool:
        """The dreamer reached the calm eye and rested there."""
        return self.rest_ticks >= EYE_REST_S * 60

    def hash_state(self) -> tuple:
        return (
            self.ticks,
            self.swirl.hash_state() if self.swirl else None,
            tuple(o.hash_state() for o in self.orbiters),
            self.reached,
            self.rest_ticks,
        )
