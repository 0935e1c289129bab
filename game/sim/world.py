"""The world: every system of the game, stepped at a fixed 1/60 s, with no window and no clock.

``World.step(actions)`` is the only way time passes. Rendering, audio and captions read the
world and the events of the last step; they never write to it. Settings reach a running world
only at a tick boundary (``change_settings``); a saved game is the systems' own ``to_json``
(``save``) and comes back through the constructor (``resume=``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, fields

import pymunk

from game.level.model import Level
from game.sim import hashing, saved
from game.sim.actions import IDLE, Actions, TickInput
from game.sim.bodies import Player, PropBody, build_walls
from game.sim.events import Event, LevelLoaded
from game.sim.flaw import Flaw
from game.sim.lights import LightRig
from game.sim.panic import Panic
from game.sim.rack import ToolRack
from game.sim.story import Beat, Story
from game.sim.timestep import DT

HASH_INTERVAL = 60  # ticks between the periodic hashes that replays record
# Beats the dreamer spends away from the saved level (in the vortex level, or waking): a saved
# position there is not a place on this level, and the beat puts the dreamer where it begins.
AWAY_FROM_THE_LEVEL = frozenset({Beat.VORTEX, Beat.WAKING})


@dataclass(frozen=True)
class SimSettings:
    """Settings that change what the simulation does, so replays must record them."""

    reduce_flicker: bool = False
    reduce_motion: bool = False

    def to_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict) -> "SimSettings":
        if not isinstance(data, dict):
            raise ValueError(f"settings must be an object, found {type(data).__name__}")
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown simulation setting {unknown[0]!r}")
        for name, value in data.items():
            if not isinstance(value, bool):
                raise ValueError(f"setting {name!r} must be true or false, found {value!r}")
        return cls(**data)


@dataclass
class Stats:
    """What the run's summary tells at waking."""

    attempts: int = 0  # repair minigames played
    tools_used: list[str] = field(default_factory=list)  # in the order first used
    calls_for_help: int = 0
    breaths: int = 0
    alone_ticks: int = 0  # how long the dreamer stayed alone (the alone beat)

    def hash_state(self) -> tuple:
        return (self.attempts, tuple(self.tools_used), self.calls_for_help, self.breaths, self.alone_ticks)

    def to_json(self) -> dict:
        return {"attempts": self.attempts, "tools_used": list(self.tools_used), "calls_for_help": self.calls_for_help, "breaths": self.breaths, "alone_ticks": self.alone_ticks}

    @classmethod
    def from_json(cls, data) -> "Stats":
        data = saved.mapping(data, "stats")
        tools = data.get("tools_used", [])
        if not isinstance(tools, list) or not all(isinstance(t, str) for t in tools):
            raise ValueError("tools_used must be a list of tool ids")
        counts = {name: saved.count(data.get(name, 0), name) for name in ("attempts", "calls_for_help", "breaths", "alone_ticks")}
        return cls(tools_used=list(tools), **counts)


class World:
    """The whole simulated game. Build it from a level and a seed, then step it.

    ``start`` begins the story at another beat (a vortex level on its own starts at the vortex);
    ``resume`` (what ``save()`` gave, checked by ``check_saved``) resumes a saved game at its beat.
    """

    def __init__(self, level: Level, seed: int | None = None, settings: SimSettings | None = None, start: Beat | None = None, resume: dict | None = None):
        self.seed = level.seed if seed is None else int(seed)
        self.settings = settings or SimSettings()
        self._settings_next: SimSettings | None = None
        self.tick = 0
        self.anim_time = 0.0  # s of animation time; runs slow when panic slows time
        self.time_scale = 1.0  # how fast animation time passes (1 normal, < 1 slowed)
        self.events: list[Event] = []  # emitted during the last step
        self.stats = Stats()
        self._held_before: frozenset = frozenset()
        self._pending: list[Event] = []
        # The flaw and panic outlive level changes (the vortex level keeps the dream's state).
        self.flaw = Flaw(self.rng("flaw"))
        self.panic = Panic(self.rng("panic").uniform(0.0, 6.283185307179586))
        self.minigame = None  # the repair minigame being played (game.sim.minigame), or None
        self.load_level(level)
        if resume is not None:
            start = self.restore(resume)
        self.story = Story(self, start or Beat.BACKSTAGE)

    # -- building -------------------------------------------------------------------------

    def rng(self, purpose: str) -> random.Random:
        """A generator of its own for one purpose, derived from the seed the same way in any process."""
        return random.Random(f"{self.seed}:{purpose}")

    def load_level(self, level: Level) -> None:
        """(Re)build the physical world from a level: walls, player, props, tools, lights."""
        self.level = level
        self.space = pymunk.Space()
        self.space.iterations = 12
        # Push overlaps apart faster than pymunk's default, so a body walking into a wall
        # sinks in about a pixel, not three.
        self.space.collision_bias = (1.0 - 0.3) ** 60
        self.floor_body = self.space.static_body  # props and tools rub against it
        self.wall_shapes = build_walls(self.space, level)
        self.player = Player(self.space, level.spawn)
        self.props = [PropBody(self.space, self.floor_body, spec, index) for index, spec in enumerate(level.props)]
        self._movable_props = [prop for prop in self.props if prop.spec.movable]  # the rest never move: no step
        self.lights = LightRig(level.lights, self.rng("lights"), self.settings)
        self.tools = ToolRack(self, level.tools)
        self.emit(LevelLoaded(self.tick, level.title, level.kind))

    def change_settings(self, settings: SimSettings) -> None:
        """Take new simulation settings (reduce flicker, reduce motion) from the next tick on."""
        self._settings_next = settings

    # -- saved games ----------------------------------------------------------------------

    def save(self) -> dict:
        """What a saved game keeps of this world, each part written by the system that owns it."""
        return {
            "beat": self.story.to_json(),
            "player": self.player.to_json(),
            "stats": self.stats.to_json(),
            "tools": self.tools.to_json(),
            "panic": self.panic.to_json(),
            "flaw": self.flaw.to_json(),
        }

    @staticmethod
    def check_saved(state) -> None:
        """Raise ValueError naming the first thing wrong with what ``save()`` wrote (read back)."""
        state = saved.mapping(state, "the saved world")
        missing = [name for name in ("beat", "player", "stats", "tools", "panic", "flaw") if name not in state]
        if missing:
            raise ValueError(f"the saved world has no {missing[0]}")
        Story.beat_from_json(state["beat"])
        Player.position_from_json(state["player"])
        Stats.from_json(state["stats"])
        ToolRack.carried_from_json(state["tools"])
        Panic.from_json(state["panic"])
        Flaw.from_json(state["flaw"])

    def restore(self, state: dict) -> Beat:
        """Put a saved game's state into this freshly built world (before its story begins); returns the beat to resume at."""
        self.check_saved(state)
        beat = Story.beat_from_json(state["beat"])
        self.stats = Stats.from_json(state["stats"])
        self.tools.restore(state["tools"])
        self.panic = Panic.from_json(state["panic"], self.panic.phase_seed)
        self.flaw = Flaw.from_json(state["flaw"])
        if beat not in AWAY_FROM_THE_LEVEL:
            x, y = Player.position_from_json(state["player"])
            level = self.level
            if not (0 <= x < level.pixel_width and 0 <= y < level.pixel_height) or level.is_wall(*level.cell_of(x, y)):
                raise ValueError(f"the saved position ({x:g}, {y:g}) is not on the level's floor")
            self.player.place((x, y))
        return beat

    # -- stepping -------------------------------------------------------------------------

    def emit(self, event: Event) -> None:
        self._pending.append(event)

    def step(self, actions: Actions = IDLE) -> list[Event]:
        """Advance the world by one fixed tick and return the events it emitted."""
        if self._settings_next is not None:
            self.settings, self._settings_next = self._settings_next, None
        actions = actions.for_sim()
        inp = TickInput(
            move=actions.move,
            held=actions.held,
            pressed=actions.held - self._held_before,
            released=self._held_before - actions.held,
        )
        self._held_before = actions.held

        self.story.update(inp)  # the current beat decides what the player's input does
        self.panic.step(self)  # after the scene has gripped or calmed it; sets time_scale
        for prop in self._movable_props:
            prop.step(self)
        self.tools.step(inp)
        self.space.step(DT)
        self.anim_time += DT * self.time_scale
        self.lights.step(self)
        self.story.advance()  # leave the beat when it is done (the transition table)

        self.tick += 1
        self.events, self._pending = self._pending, []
        return self.events

    def run(self, actions: list[Actions] | None = None, ticks: int = 0) -> None:
        """Step through a list of actions, then idle for `ticks` more."""
        for act in actions or ():
            self.step(act)
        for _ in range(ticks):
            self.step(IDLE)

    # -- reading --------------------------------------------------------------------------

    @property
    def beat(self) -> Beat:
        return self.story.beat

    def hash_state(self) -> tuple:
        """Everything that makes this world this world, as nested tuples of plain values."""
        return (
            self.tick,
            self.seed,
            self.anim_time,
            self.time_scale,
            tuple(sorted(b.value for b in self._held_before)),
            self.player.hash_state(),
            tuple(prop.hash_state() for prop in self.props),
            self.tools.hash_state(),
            self.lights.hash_state(),
            self.stats.hash_state(),
            self.story.hash_state(),
            self.flaw.hash_state(),
            self.panic.hash_state(),
            self.minigame.hash_state() if self.minigame is not None else None,
        )

    def state_hash(self) -> str:
        return hashing.digest(self.hash_state())

