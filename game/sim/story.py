"""The story machine: the nine beats of the dream, in order, and what moves one to the next.

Each beat is a scene object (in ``game/sim/beats/``) with ``enter``, ``update``, ``exit`` and
``finished``. The story is linear and has no fail state: the table below is the whole plot.
"""

from __future__ import annotations

import enum

from game.sim.events import BeatChanged


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


# The transition table, read top to bottom: (from, to, leaves when).
TRANSITIONS = (
    (Beat.BACKSTAGE, Beat.FLAW, "the player inspects the masterpiece"),
    (Beat.FLAW, Beat.REPAIR, "panic passes its threshold or the player reaches for a tool"),
    (Beat.REPAIR, Beat.ALONE, "the flaw passes its limit or every carried tool has failed once"),
    (Beat.ALONE, Beat.ACCEPTANCE, "the player returns to the masterpiece"),
    (Beat.ACCEPTANCE, Beat.REVEAL, "the player accepts"),
    (Beat.REVEAL, Beat.LIGHTS_ON, "the applause peaks"),
    (Beat.LIGHTS_ON, Beat.VORTEX, "the room has dissolved"),
    (Beat.VORTEX, Beat.WAKING, "the player reaches the calm eye"),
    (Beat.WAKING, None, "a key is pressed"),
)
NEXT_BEAT = {source: target for source, target, _ in TRANSITIONS}


def make_scene(beat: Beat):
    from game.sim import beats

    return beats.SCENES[beat]()


class Story:
    """Which beat the dream is in, the scene that runs it, and whether the dream is over."""

    def __init__(self, world, start: Beat = Beat.BACKSTAGE):
        self.world = world
        self.beat = start
        self.entered_tick = world.tick
        self.completed = False  # waking has finished: the run is over
        self.history: list[tuple[Beat, int]] = [(start, world.tick)]
        self.scene = make_scene(start)
        self.scene.enter(world)
        world.emit(BeatChanged(world.tick, None, start.value))

    @property
    def ticks_in_beat(self) -> int:
        return self.world.tick - self.entered_tick

    def update(self, inp) -> None:
        if not self.completed:
            self.scene.update(self.world, inp)
        else:
            self.world.player.drive((0.0, 0.0), 1 / 60)

    def advance(self) -> None:
        """Leave the beat if its scene says it is finished (at most one transition a tick)."""
        if self.completed or not self.scene.finished(self.world):
            return
        self.scene.exit(self.world)
        target = NEXT_BEAT[self.beat]
        if target is None:
            self.completed = True
            return
        self.enter(target)

    def enter(self, target: Beat) -> None:
        world = self.world
        previous = self.beat
        self.beat = target
        self.entered_tick = world.tick + 1  # the step that enters a beat counts as its tick 0
        self.history.append((target, world.tick + 1))
        self.scene = make_scene(target)
        self.scene.enter(world)
        world.emit(BeatChanged(world.tick, previous.value, target.value))

    def hash_state(self) -> tuple:
        return (self.beat.value, self.entered_tick, self.completed, self.scene.hash_state())
