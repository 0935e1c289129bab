"""The reveal beat: the curtain rises on a grand hall, the applause erupts and swells, and the dreamer presents the masterpiece.

Holding BREATHE grips the frame and lifts it to the hall (``lift`` 0..1) after one deep breath;
the applause swells faster while it is held, and swells anyway if it is not. The beat ends a
moment after the applause peaks. ``warmth`` (0..1) is the stage light's glow for the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.actions import Button
from game.sim.audience import Audience
from game.sim.beats import Scene
from game.sim.events import Event
from game.sim.timestep import DT


# Tuning.
CURTAIN_RISE_S = 3.0  # the curtain takes this long to rise
APPLAUSE_AT = 0.55  # the applause erupts when the curtain is this far up
LIFT_PER_S = 1.2  # how fast the frame rises while gripped
LOWER_PER_S = 0.5  # and settles when let go
WARMTH_PER_S = 0.35  # the warm light comes up this fast once the curtain is up
PEAK_HOLD_S = 1.2  # the peak of the applause is held this long before the lights


@dataclass(frozen=True)
class CurtainRising(Event):
    pass


@dataclass(frozen=True)
class CurtainRaised(Event):
    pass


@dataclass(frozen=True)
class FrameGripped(Event):
    """The dreamer takes a deep breath and lifts the masterpiece to the hall."""


class RevealScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.curtain = 0.0  # 0 down .. 1 fully risen
        self.lift = 0.0  # 0 at rest .. 1 held high
        self.gripped = False  # the first grip has happened
        self.warmth = 0.0
        self.audience = Audience()
        self.peak_ticks = 0

    def enter(self, world) -> None:
        world.player.frozen = True
        world.player.place(world.player.position)
        world.emit(CurtainRising(world.tick))

    def update(self, world, inp) -> None:
        self.ticks += 1
        world.player.drive((0.0, 0.0), DT)
        if self.curtain < 1.0:
            self.curtain = min(1.0, self.curtain + DT / CURTAIN_RISE_S)
            if self.curtain >= 1.0:
                world.emit(CurtainRaised(world.tick))
        if self.curtain >= APPLAUSE_AT:
            self.audience.start(world)
        presenting = inp.is_held(Button.BREATHE)
        if presenting:
            if not self.gripped:
                self.gripped = True
                world.stats.breaths += 1
                world.emit(FrameGripped(world.tick))
            self.lift = min(1.0, self.lift + LIFT_PER_S * DT)
        else:
            self.lift = max(0.0, self.lift - LOWER_PER_S * DT)
        if self.curtain >= 1.0:
            self.warmth = min(1.0, self.warmth + WARMTH_PER_S * DT * (1.5 if presenting else 1.0))
        self.audience.swell(world, presenting and self.lift > 0.5)
        if self.audience.peaked:
            self.peak_ticks += 1

    def exit(self, world) -> None:
        world.player.frozen = False

    def applause_peaked(self, world) -> bool:
        """The applause peaked and was held a moment."""
        return self.peak_ticks >= PEAK_HOLD_S * 60

    def hash_state(self) -> tuple:
        return (self.ticks, self.curtain, self.lift, self.gripped, self.warmth, self.audience.hash_state(), self.peak_ticks)
