"""The flaw beat: the close-up. The dreamer takes in the masterpiece, notices the imperfection, and panic takes hold.

It plays in four moments, so the player notices what the dreamer notices:

- *admiring*: the whole piece, calm, for ``ADMIRE_S``;
- *drawn*: the eye catches on the knot — the heart jumps (``Panic.notice``) and the camera
  glides onto the flaw and pushes in (``gaze`` 0..1 for the renderer) over ``GAZE_S``;
- *still*: a beat of stillness, ``STILL_S``: nothing moves, the rest of the picture falls away;
- *unravelling*: panic climbs and the smooth lines come apart around the flaw.

The beat gives way to repair when panic passes its threshold, or when the player reaches for a
tool (USE) once the flaw has been seen — the reach carries over, so the repair begins with it.
"""

from __future__ import annotations

from game.sim.actions import Button
from game.sim.beats import Scene
from game.sim.timestep import DT, ticks

ADMIRE_S = 1.2  # the whole piece, before the eye catches
GAZE_S = 1.6  # the camera glides onto the flaw and pushes in
STILL_S = 1.2  # a beat of stillness once it is seen close
PANIC_THRESHOLD = 0.5  # panic level at which looking becomes doing
NOTICED_TICK = ticks(ADMIRE_S)
STILL_TICK = NOTICED_TICK + ticks(GAZE_S)
UNRAVEL_TICK = STILL_TICK + ticks(STILL_S)


class FlawScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.reached = False  # the player pressed USE: into the repair once the flaw is seen

    def enter(self, world) -> None:
        world.player.frozen = True
        world.player.place(world.player.position)  # stop where they stand

    def update(self, world, inp) -> None:
        self.ticks += 1
        world.player.drive((0.0, 0.0), DT)
        if self.ticks == NOTICED_TICK:
            world.flaw.noticed = True
            world.panic.notice(world)
        if self.ticks >= UNRAVEL_TICK:
            world.panic.grip()
        if inp.was_pressed(Button.USE_TOOL):
            self.reached = True

    @property
    def moment(self) -> str:
        """"admiring", "drawn", "still" or "unravelling"."""
        if self.ticks < NOTICED_TICK:
            return "admiring"
        if self.ticks < STILL_TICK:
            return "drawn"
        return "still" if self.ticks < UNRAVEL_TICK else "unravelling"

    @property
    def gaze(self) -> float:
        """0..1: how far the camera has glided onto the flaw and pushed in."""
        return min(1.0, max(0.0, (self.ticks - NOTICED_TICK) / (STILL_TICK - NOTICED_TICK)))

    @property
    def seen(self) -> bool:
        """The flaw has been seen close, and held in a beat of stillness."""
        return self.ticks >= UNRAVEL_TICK

    def exit(self, world) -> None:
        world.player.frozen = False
        if self.reached:
            world.tools.hand_out = True  # the repair scene takes the reach as its first

    def panicked_or_reached(self, world) -> bool:
        """Once the flaw has been seen: panic passed its threshold, or the player reached for a tool."""
        return self.seen and (self.reached or world.panic.level >= PANIC_THRESHOLD)

    def hash_state(self) -> tuple:
        return (self.ticks, self.reached)
