"""The audience in the grand hall: how many wait, how loud their applause is, how many stand.

Only the swell is simulated (plain numbers in the hash); each silhouette's look is derived by
the renderer from the seed, so hundreds of them cost the simulation nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.events import Event
from game.sim.timestep import DT


# Tuning.
SEATS = 720  # silhouettes in the hall
SWELL_HELD_PER_S = 0.2  # applause gained per s while the dreamer presents the masterpiece
SWELL_IDLE_PER_S = 0.07  # ...and while they only stand there (it swells anyway, slower)
STAND_FROM = 0.45  # applause level at which the first rows rise to their feet
SWELL_STEP = 0.25  # an ApplauseSwelled event each time the level crosses a multiple of this


@dataclass(frozen=True)
class ApplauseStarted(Event):
    pass


@dataclass(frozen=True)
class ApplauseSwelled(Event):
    level: float  # 0..1


@dataclass(frozen=True)
class ApplausePeaked(Event):
    pass


class Audience:
    """The hall: silent until the curtain rises, then applause that only ever swells."""

    def __init__(self, seats: int = SEATS):
        self.seats = seats
        self.present = True  # gone when the house lights come on
        self.applause = 0.0  # 0 silence .. 1 a roaring ovation
        self.clapping = False
        self.swells = 0  # multiples of SWELL_STEP crossed
        self.peaked = False

    @property
    def standing(self) -> float:
        """0..1, the share of the hall on its feet."""
        if self.applause <= STAND_FROM:
            return 0.0
        return min(1.0, (self.applause - STAND_FROM) / (1.0 - STAND_FROM))

    def start(self, world) -> None:
        if not self.clapping:
            self.clapping = True
            self.applause = max(self.applause, 0.08)
            world.emit(ApplauseStarted(world.tick))

    def swell(self, world, presenting: bool) -> None:
        if not self.clapping or self.peaked:
            return
        rate = SWELL_HELD_PER_S if presenting else SWELL_IDLE_PER_S
        self.applause = min(1.0, self.applause + rate * DT)
        while self.applause >= (self.swells + 1) * SWELL_STEP - 1e-9 and self.swells < round(1 / SWELL_STEP):
            self.swells += 1
            world.emit(ApplauseSwelled(world.tick, self.applause))
        if self.applause >= 1.0:
            self.peaked = True
            world.emit(ApplausePeaked(world.tick))

    def hash_state(self) -> tuple:
        return (self.seats, self.present, self.applause, self.clapping, self.swells, self.peaked)
