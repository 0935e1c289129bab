"""The story machine: the nine beats of the dream, in order, and what moves one to the next.

``STORY`` is the whole plot, read top to bottom: each beat, the scene that runs it (in
``game/sim/beats/``), the beat after it, and the scene's method that says it is over. The
story is linear and has no fail state. How each beat is shown and heard is registered beside
this table, row for row, in ``game.views.beats``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Callable

from game.sim.beats import Scene
from game.sim.beats.acceptance import AcceptanceScene
from game.sim.beats.alone import AloneScene
from game.sim.beats.backstage import BackstageScene
from game.sim.beats.flaw import FlawScene
from game.sim.beats.lights_on import LightsOnScene
from game.sim.beats.repair import RepairScene
from game.sim.beats.reveal import RevealScene
from game.sim.beats.vortex import VortexScene
from game.sim.beats.waking import WakingScene
from game.sim.events import BeatChanged
from game.sim.timestep import DT


class Beat(str, enum.Enum):
    BACKSTAGE = "backstage"
    FLAW = "flaw"
    REPAIR = "repair"
    ALONE = "alone"
    ACCEPTANCE = "acceptance"
    REVEAL = "reveal"
    LIGHTS_ON = "lights_on"
    VORTEX = "vortex"
    WAKING = "waking"


@dataclass(frozen=True)
class Chapter:
    beat: Beat
    scene: type[Scene]
    then: Beat | None  # the beat after it (None: the dream is over)
    leaves_when: Callable[[Scene, object], bool]  # the scene's own condition, called as (scene, world)


STORY: tuple[Chapter, ...] = (
    Chapter(Beat.BACKSTAGE, BackstageScene, Beat.FLAW, BackstageScene.looked_at_the_masterpiece),
    Chapter(Beat.FLAW, FlawScene, Beat.REPAIR, FlawScene.panicked_or_reached),
    Chapter(Beat.REPAIR, RepairScene, Beat.ALONE, RepairScene.flaw_became_a_splotch),
    Chapter(Beat.ALONE, AloneScene, Beat.ACCEPTANCE, AloneScene.returned_to_the_easel),
    Chapter(Beat.ACCEPTANCE, AcceptanceScene, Beat.REVEAL, AcceptanceScene.flaw_accepted),
    Chapter(Beat.REVEAL, RevealScene, Beat.LIGHTS_ON, RevealScene.applause_peaked),
    Chapter(Beat.LIGHTS_ON, LightsOnScene, Beat.VORTEX, LightsOnScene.room_dissolved),
    Chapter(Beat.VORTEX, VortexScene, Beat.WAKING, VortexScene.rested_in_the_eye),
    Chapter(Beat.WAKING, WakingScene, None, WakingScene.dream_ended),
)
CHAPTERS: dict[Beat, Chapter] = {chapter.beat: chapter for chapter in STORY}


class Story:
    """Which beat the dream is in, the scene that runs it, and whether the dream is over."""

    def __init__(self, world, start: Beat = Beat.BACKSTAGE):
        self.world = world
        self.beat = start
        self.entered_tick = world.tick
        self.completed = False  # waking has finished: the run is over
        self.history: list[tuple[Beat, int]] = [(start, world.tick)]
        self.scene = CHAPTERS[start].scene()
        self.scene.enter(world)
        world.emit(BeatChanged(world.tick, None, start.value))

    @property
    def ticks_in_beat(self) -> int:
        return self.world.tick - self.entered_tick

    def update(self, inp) -> None:
        if not self.completed:
            self.scene.update(self.world, inp)
        else:
            self.world.player.drive((0.0, 0.0), DT)

    def advance(self) -> None:
        """Leave the beat if its scene says it is over (at most one transition a tick)."""
        chapter = CHAPTERS[self.beat]
        if self.completed or not chapter.leaves_when(self.scene, self.world):
            return
        self.scene.exit(self.world)
        if chapter.then is None:
            self.completed = True
            return
        self.enter(chapter.then)

    def enter(self, target: Beat) -> None:
        world = self.world
        previous = self.beat
        self.beat = target
        self.entered_tick = world.tick + 1  # the step that enters a beat counts as its tick 0
        self.history.append((target, world.tick + 1))
        self.scene = CHAPTERS[target].scene()
        self.scene.enter(world)
        world.emit(BeatChanged(world.tick, previous.value, target.value))

    # -- saved games -----------------------------------------------------------------------

    def to_json(self) -> str:
        return self.beat.value

    @staticmethod
    def beat_from_json(data) -> Beat:
        """The beat a saved game resumes at; ValueError names what is wrong."""
        try:
            return Beat(data)
        except ValueError:
            raise ValueError(f"beat {data!r} is not a beat of the story") from None

    def hash_state(self) -> tuple:
        return (self.beat.value, self.entered_tick, self.completed, self.scene.hash_state())
