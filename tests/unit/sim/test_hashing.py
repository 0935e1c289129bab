"""Canonical hashing is exact and ordered, and every piece of every system's state is in the world's hash."""

import copy
import enum
import math
import random

import numpy as np
import pymunk
import pytest

from game.level.model import Level, LightSpec, PropSpec, ToolSpec
from game.level.vortex import generate_vortex
from game.sim.actions import Actions, Button
from game.sim.beats.repair import start_attempt
from game.sim.flaw import Mark
from game.sim.hashing import canonical, digest
from game.sim.lights import FlickerModel
from game.sim.story import STORY, Beat
from game.sim.world import SimSettings, World
from game.tools import HANDS, TOOL_IDS


def test_floats_are_exact():
    assert digest((0.1 + 0.2,)) != digest((0.3,))
    assert digest((1.0,)) != digest((1,))


def test_structure_matters():
    assert canonical((("a", "b"), "c")) != canonical(("a", ("b", "c")))
    assert canonical(("ab",)) != canonical(("a", "b"))


def test_unhashable_things_are_refused():
    with pytest.raises(TypeError):
        digest(({"a": 1},))


class Colour(str, enum.Enum):
    RED = "red"


class Rank(enum.IntEnum):
    HIGH = 3


def test_every_kind_of_value_keeps_its_bytes():
    # The bytes the first encoder wrote: the fast paths for plain types must not change a hash.
    value = (None, True, False, 0, -7, 1.5, -0.0, 0.1, np.float64(0.25), "ab", Colour.RED, Rank.HIGH, [1, (2.0,)], pymunk.Vec2d(1.0, -2.5), (), [])
    assert canonical(value) == (
        b"(NTFi0i-7f0x1.8000000000000p+0f-0x0.0p+0f0x1.999999999999ap-4f0x1.0000000000000p-2s2:abs3:redi3"
        b"(i1(f0x1.0000000000000p+1))(f0x1.0000000000000p+0f-0x1.4000000000000p+1)()())"
    )


# -- every piece of every system's state is in the world's hash ----------------------------------
#
# The systems are not listed here: the sweep starts from the world's own attributes and walks into
# every object that holds state (a new system is swept the day it is added). Each plain value is
# changed in turn, and the hash must change with it. What is deliberately left out of the hash is
# listed below with the reason; anything else that does not move the hash fails the test.

# Level data and references: the same for the whole run, the level's digest stands for them.
NOT_STATE_TYPES = (pymunk.Space, pymunk.Shape, pymunk.Constraint, Level, SimSettings, World, LightSpec, PropSpec, ToolSpec, FlickerModel)
NOT_STATE = {
    # (class, attribute): why the hash leaves it out
    ("World", "settings"): "reduce flicker/motion: recorded by replays beside the hash",
    ("World", "_settings_next"): "settings waiting for the next tick",
    ("World", "events"): "what the last step said; the state it left is hashed",
    ("World", "_pending"): "events of the step under way",
    ("World", "floor_body"): "the space's static body: never moves",
    ("World", "_movable_props"): "the props whose spec lets them move: a subset of props (hashed), chosen at load",
    ("Story", "history"): "a record of the beats reached, for the report; beat and entered_tick are hashed",
    ("Panic", "_gripped"): "set by a scene and spent within the same tick",
    ("Panic", "phase_seed"): "drawn from the seed at the start",
    ("Player", "body.angle"): "the dreamer's body never turns (infinite moment)",
    ("Player", "body.angular_velocity"): "the dreamer's body never turns (infinite moment)",
    ("PropBody", "index"): "its place in the level's list",
    ("PropBody", "was_moving"): "only decides the tick a PropPushed event is said; nothing later depends on it",
    ("Light", "_fast_rate"): "worked out once from its spec and kind",
    ("Light", "_slow_rate"): "worked out once from its spec and kind",
    ("Light", "_fast_amount"): "worked out once from its spec and kind",
    ("Light", "_slow_amount"): "worked out once from its spec and kind",
    ("Light", "_stutter_chance"): "worked out once from its spec and kind",
    ("Light", "_sway_omega"): "worked out once from its spec and kind",
    ("Light", "_base"): "worked out once from its spec and kind",
    ("Light", "_stutter_low"): "worked out once from its spec and kind",
    ("Light", "_stutter_span"): "worked out once from its spec and kind",
    ("Light", "_sway_px"): "worked out once from its spec and kind",
    ("Light", "_sway_ellipse"): "worked out once from its spec and kind",
    ("Light", "_is_house"): "worked out once from its spec and kind",
    ("Light", "_stuttering"): "set afresh in every tick before that tick reads it (stutter, which carries over, is hashed)",
    ("LightRig", "_levels"): "the last step's inputs (anim time, house, gutter, settings), each hashed where it lives; "
                             "a light is worked out with them before it is hashed",
    ("LightRig", "_gutters"): "the gutter of each tick since flicker was reduced, kept for lights not yet worked out "
                              "to the present; hashing works every light out first",
    ("LightRig", "_log_start"): "where _gutters begins (see there)",
    ("Panic", "_tremble_of"): "what this tick's tremble is worked out from when read; the tremble itself is hashed",
    ("PropBody", "_corners_where"): "where the cached outline below was worked out: the body's position and angle are hashed",
    ("PropBody", "_corners"): "the outline's corners, cached from the body's position and angle (hashed)",
    ("PropBody", "_still_energy"): "worked out once from its spec's mass",
    ("LightRig", "settings"): "the world's settings",
    ("Debris", "_torn"): "an index of the loose fragments' bodies by id, for reading them in one go; each body is hashed with its fragment",
    ("Debris", "_by_id"): "the same index, in order",
    ("Debris", "_index"): "the same index, in order",
    ("ToolRack", "world"): "a reference back",
    ("ToolRack", "floor"): "the space's static body: never moves",
    ("LooseTool", "joints"): "the floor's grip on a rolling tool: constant",
    ("PropBody", "joints"): "the floor's grip on a prop: constant",
    ("Varnish", "cells"): "the patch's cells: the same in every attempt",
}
NOT_STATE_IN_MINIGAMES = {
    "rng": "drawn from only as the attempt begins; what it drew is hashed",
    "centre": "the flaw's centre when the attempt began (the flaw's is hashed, and never moves)",
}


def _attributes(obj) -> list[str]:
    names = [name for cls in type(obj).__mro__ for name in getattr(cls, "__slots__", ())]
    return list(dict.fromkeys(names + list(getattr(obj, "__dict__", {}))))


def _changed(value):
    """A different value of the same kind, or None when there is no plain way to make one."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum):
        return next(member for member in type(value) if member is not value)
    if isinstance(value, float):  # the least change a float can make: the hash keeps floats exact
        return math.nextafter(value, math.inf)
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "~"
    if isinstance(value, frozenset):
        return value | {Button.CANCEL} if Button.CANCEL not in value else value - {Button.CANCEL}
    if isinstance(value, tuple):
        if not value:
            return (0.5,)
        first = _changed(value[0])
        return None if first is None else (first, *value[1:])
    if isinstance(value, pymunk.Vec2d):
        return pymunk.Vec2d(math.nextafter(value.x, math.inf), value.y)
    return None


class Sweep:
    """Walks the world's objects, changes each plain value in turn, and notes those the hash misses."""

    def __init__(self, world: World, exempt_minigame: bool = False):
        self.world = world
        self.missed: list[str] = []
        self.seen: set[int] = set()
        self.exempt_minigame = exempt_minigame

    def moves_the_hash(self, change, undo) -> bool:
        before = self.world.state_hash()
        change()
        try:
            return self.world.state_hash() != before
        finally:
            undo()

    def exempt(self, obj, name: str) -> bool:
        if (type(obj).__name__, name) in NOT_STATE:
            return True
        from game.sim.minigame import Minigame

        return isinstance(obj, Minigame) and name in NOT_STATE_IN_MINIGAMES

    def object(self, obj, path: str) -> None:
        if id(obj) in self.seen:
            return
        self.seen.add(id(obj))
        for name in _attributes(obj):
            value = getattr(obj, name, None)
            if self.exempt(obj, name) or isinstance(value, NOT_STATE_TYPES) or callable(value):
                continue
            self.value(obj, name, value, f"{path}.{name}")

    def value(self, obj, name: str, value, where: str) -> None:
        if isinstance(value, pymunk.Body):
            self.body(obj, name, value, where)
        elif isinstance(value, list):
            self.sequence(value, where)
        elif isinstance(value, dict):
            if not self.moves_the_hash(lambda: value.__setitem__("~", 1), lambda: value.pop("~")):
                self.missed.append(f"{where} (a new entry)")
        elif isinstance(value, random.Random):
            state = value.getstate()
            if not self.moves_the_hash(value.random, lambda: value.setstate(state)):
                self.missed.append(f"{where} (its generator drawn from)")
        elif _changed(value) is not None or value is None:
            self.plain(obj, name, value, where)
        elif hasattr(value, "__dict__") or hasattr(type(value), "__slots__"):
            self.object(value, where)
        else:
            self.missed.append(f"{where} (a {type(value).__name__} the sweep cannot change)")

    def plain(self, obj, name: str, value, where: str) -> None:
        new = _changed(value) if value is not None else 7
        try:
            moved = self.moves_the_hash(lambda: object.__setattr__(obj, name, new), lambda: object.__setattr__(obj, name, value))
        except (AttributeError, TypeError):  # None stands for "not yet" where a value would be read as an object
            if value is not None:
                raise
            return
        if not moved:
            self.missed.append(where)

    def sequence(self, items: list, where: str) -> None:
        if items and isinstance(items[0], NOT_STATE_TYPES):  # the walls' shapes: level data
            return
        if items and hasattr(items[0], "hash_state") or items and (hasattr(items[0], "__dict__") or hasattr(type(items[0]), "__slots__")):
            self.object(items[0], f"{where}[0]")
            return
        extra = copy.copy(items[0]) if items else "paintbrush"  # an empty list: a tool id, the likeliest item
        try:
            if not self.moves_the_hash(lambda: items.append(extra), items.pop):
                self.missed.append(f"{where} (one more item)")
        except (AttributeError, TypeError):  # an empty list of objects: nothing to sweep
            if items:
                raise
        if items and _changed(items[0]) is not None:
            first = items[0]
            if not self.moves_the_hash(lambda: items.__setitem__(0, _changed(first)), lambda: items.__setitem__(0, first)):
                self.missed.append(f"{where}[0]")

    def body(self, owner, name: str, body: pymunk.Body, where: str) -> None:
        for part in ("position", "velocity", "angle", "angular_velocity"):
            if (type(owner).__name__, f"{name}.{part}") in NOT_STATE:
                continue
            old = getattr(body, part)
            if not self.moves_the_hash(lambda: setattr(body, part, _changed(old)), lambda: setattr(body, part, old)):
                self.missed.append(f"{where}.{part}")


ROOM = [
    "################",
    "#S1....c.......#",
    "#..............#",
    "#..2....L....M.#",
    "#..............#",
    "################",
]


def world_in(beat: Beat) -> World:
    level = generate_vortex(3) if beat is Beat.VORTEX else Level.from_ascii(ROOM, seed=7)
    world = World(level, seed=3, start=beat)
    if world.tools.loose:
        world.tools.pick_up(world.tools.loose[0])  # something carried, something still on the floor
    for tick in range(40):
        world.step(Actions(move=(1.0, 0.3)) if tick % 3 else Actions.of(Button.BREATHE))
    world.stats.tools_used.append("solvent")  # every list and count holds something
    world.stats.calls_for_help += 1
    world.flaw.worsen(Mark(0.6, 0.4), 0.1, world.tick)
    return world


@pytest.mark.parametrize("beat", [chapter.beat for chapter in STORY], ids=lambda beat: beat.value)
def test_every_piece_of_every_systems_state_moves_the_hash(beat):
    world = world_in(beat)
    assert world.tools.carried or beat is Beat.VORTEX  # lists are swept full, not empty
    sweep = Sweep(world)
    sweep.object(world, "world")
    assert sweep.missed == [], "state the hash does not see (or add it to NOT_STATE, with why): " + ", ".join(sweep.missed)
    assert len(sweep.seen) > 8  # it walked into the systems, not just the world


@pytest.mark.parametrize("tool", [*TOOL_IDS, HANDS.id])
def test_every_piece_of_a_minigames_state_moves_the_hash(tool):
    world = world_in(Beat.REPAIR)
    game = start_attempt(world, tool)
    for tick in range(25):
        world.step(Actions(move=(0.5, -0.5), held=frozenset({Button.USE_TOOL}) if tick % 4 < 2 else frozenset()))
    assert world.minigame is game
    sweep = Sweep(world)
    sweep.object(game, "world.minigame")
    assert sweep.missed == [], f"{tool}: state the hash does not see: " + ", ".join(sweep.missed)


def test_the_sweep_catches_a_system_left_out_of_the_hash(monkeypatch):
    """The sweep itself is tested: drop the tools (and a flaw field) from the hash, and it says so."""
    from game.sim.flaw import Flaw
    from game.sim.rack import ToolRack

    monkeypatch.setattr(ToolRack, "hash_state", lambda self: ())
    original = Flaw.hash_state
    monkeypatch.setattr(Flaw, "hash_state", lambda self: original(self)[:-1])  # the blots
    sweep = Sweep(world_in(Beat.BACKSTAGE))
    sweep.object(sweep.world, "world")
    assert any(path.startswith("world.tools.carried") for path in sweep.missed)
    assert any(path.startswith("world.tools.loose") for path in sweep.missed)
    assert any(path.startswith("world.flaw.blots") for path in sweep.missed)
