"""The flaw beat: the close-up. The dreamer sees the imperfection and panic takes hold.

The dreamer stands frozen at the easel; the camera pushes in (``push_in`` 0..1 for the
renderer) and panic climbs. The beat gives way to repair when panic passes its threshold or
the player reaches for a tool (USE) — the reach carries over, so the repair begins with it.
"""

from __future__ import annotations

from game.sim.actions import Button
from game.sim.beats import Scene
from game.sim.timestep import DT

PANIC_THRESHOLD = 0.5  # panic level at which looking becomes doing
PUSH_IN_TICKS = 150  # the camera's push-in toward the flaw takes this long


class FlawScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.reached = False  # the player pressed USE: straight into the repair

    def enter(self, world) -> None:
        world.player.frozen = True
        world.player.place(world.player.position)  # stop where they stand
        world.flaw.noticed = True
        world.panic.notice(world)

    def update(self, world, inp) -> None:
        self.ticks += 1
        world.player.drive((0.0, 0.0), DT)
        world.panic.grip()
        if inp.was_pressed(Button.USE_TOOL):
            self.reached = True

    @property
    def push_in(self) -> float:
        return min(1.0, self.ticks / PUSH_IN_TICKS)

    def exit(self, world) -> None:
        world.player.frozen = False
        if self.reached:
            world.tools.hand_out = True  # the repair scene takes the reach as its first

    def panicked_or_reached(self, world) -> bool:
        """Panic passed its threshold, or the player reached for a tool."""
        return self.reached or world.panic.level >= PANIC_THRESHOLD

    def hash_state(self) -> tuple:
        return (self.ticks, self.reached)
