"""The waking beat: morning light, the masterpiece as a memory, a few lines, the run's summary — and any key ends the dream.

``fade`` (0..1) brings up the morning; the words and the summary appear after ``READ_S``
seconds, and from then on a press of any button ends the story.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.beats import Scene
from game.sim.events import Event
from game.sim.timestep import DT


FADE_S = 3.0  # the morning light comes up over this long
READ_S = 4.0  # the summary shows, and a key can end the dream, from this long in


@dataclass(frozen=True)
class Woke(Event):
    pass


@dataclass(frozen=True)
class SummaryShown(Event):
    attempts: int
    ticks: int
    seed: int


@dataclass(frozen=True)
class DreamEnded(Event):
    pass


class WakingScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.fade = 0.0
        self.ready = False
        self.done = False

    def enter(self, world) -> None:
        world.player.frozen = True
        world.player.place(world.player.position)
        world.emit(Woke(world.tick))

    def update(self, world, inp) -> None:
        self.ticks += 1
        world.player.drive((0.0, 0.0), DT)
        self.fade = min(1.0, self.ticks * DT / FADE_S)
        if not self.ready and self.ticks * DT >= READ_S:
            self.ready = True
            world.emit(SummaryShown(world.tick, world.stats.attempts, world.tick, world.seed))
        elif self.ready and inp.pressed and not self.done:
            self.done = True
            world.emit(DreamEnded(world.tick))

    def exit(self, world) -> None:
        world.player.frozen = False

    def dream_ended(self, world) -> bool:
        """After the summary, a key was pressed."""
        return self.done

    def hash_state(self) -> tuple:
        return (self.ticks, self.fade, self.ready, self.done)
