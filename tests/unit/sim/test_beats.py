"""The beats after the easel, driven through actions: the flaw, alone, acceptance, reveal, lights on, the vortex, waking."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.level.model import Level
from game.level.vortex import generate_vortex
from game.sim.actions import Actions, Button
from game.sim.beats.acceptance import Accepted, BreathTaken
from game.sim.beats.alone import EchoReturned, HelpCalled, NoAnswer
from game.sim.beats.flaw import NOTICED_TICK, STILL_TICK, UNRAVEL_TICK
from game.sim.beats.vortex import SHREDS
from game.sim.panic import PanicRose
from game.sim.story import Beat
from game.sim.world import SimSettings, World

ROOM = [
    "################",
    "#S.............#",
    "#..............#",
    "#......#.......#",
    "#..............#",
    "#......M.......#",
    "#..............#",
    "################",
]


def world_at(beat: Beat, level: Level | None = None, **settings) -> World:
    level = level or Level.from_ascii(ROOM, seed=11)
    world = World(level, seed=11, settings=SimSettings(**settings), start=beat)
    if level.masterpiece is not None:  # the later beats begin at the easel
        x, y = level.masterpiece.center
        world.player.place((x, y - 30))
    return world


def run(world: World, actions: Actions, ticks: int) -> list:
    events = []
    for _ in range(ticks):
        events += world.step(actions)
    return events


def press(world: World, button: Button) -> list:
    return world.step(Actions.of(button)) + world.step(Actions())


# -- the flaw -------------------------------------------------------------------------------


def test_the_flaw_is_seen_whole_then_noticed_then_held_in_stillness_then_panic_unravels_it():
    world = world_at(Beat.FLAW)
    scene = world.story.scene
    moments, levels, noticed = [], [], []
    while world.story.beat is Beat.FLAW:
        events = world.step(Actions())
        moments.append(scene.moment)
        levels.append(world.panic.level)
        noticed += [world.tick for e in events if isinstance(e, PanicRose) and e.cause == "noticed"]
        assert len(moments) < 60 * 20
    order = [m for i, m in enumerate(moments) if i == 0 or moments[i - 1] != m]
    assert order == ["admiring", "drawn", "still", "unravelling"]
    assert len(noticed) == 1 and levels[NOTICED_TICK - 2] == 0.0  # calm until the eye catches on it
    assert levels[UNRAVEL_TICK - 2] == levels[STILL_TICK]  # the stillness: the heart holds
    assert levels[-1] >= 0.5 and world.story.beat is Beat.REPAIR


def test_reaching_for_a_tool_at_once_still_waits_for_the_flaw_to_be_seen():
    world = world_at(Beat.FLAW)
    press(world, Button.USE_TOOL)
    run(world, Actions(), UNRAVEL_TICK - 4)
    assert world.story.beat is Beat.FLAW and world.flaw.noticed
    run(world, Actions(), 6)
    assert world.story.beat is Beat.REPAIR and (world.story.scene.reaching or world.minigame is not None)  # the reach goes on


# -- alone ----------------------------------------------------------------------------------


def test_a_call_for_help_only_echoes_back():
    world = world_at(Beat.ALONE)
    run(world, Actions(), 90)  # the dreamer looks up first
    events = press(world, Button.CALL_HELP) + run(world, Actions(), 300)
    calls = [e for e in events if isinstance(e, HelpCalled)]
    echoes = [e for e in events if isinstance(e, EchoReturned)]
    assert len(calls) == 1 and world.stats.calls_for_help == 1
    assert len(echoes) >= 3
    assert all(b.loudness < a.loudness for a, b in zip(echoes, echoes[1:]))  # each one fainter
    assert any(isinstance(e, NoAnswer) for e in events)


def test_alone_the_lights_gutter_and_returning_to_the_easel_moves_on():
    world = world_at(Beat.ALONE)
    run(world, Actions(), 90)
    press(world, Button.INTERACT)
    assert world.story.beat is Beat.ALONE  # nobody called, nobody looked: not yet
    run(world, Actions(), 200)
    assert world.lights.gutter == 1.0
    press(world, Button.CALL_HELP)
    press(world, Button.INTERACT)
    assert world.story.beat is Beat.ACCEPTANCE


def test_doors_open_on_empty_rooms_as_the_dreamer_passes():
    rooms = [
        "###########",
        "#S...#....#",
        "#....#....#",
        "#.........#",
        "#....#....#",
        "#M...#....#",
        "###########",
    ]
    world = world_at(Beat.ALONE, Level.from_ascii(rooms, seed=3))
    scene = world.story.scene
    assert [world.level.cell_of(*door) for door in scene.doors] == [(5, 3)]  # the gap in the middle wall
    run(world, Actions(), 80)
    world.player.place(scene.doors[0])
    world.step(Actions())
    assert scene.opened == [0]


# -- acceptance -----------------------------------------------------------------------------


def test_breathing_with_the_guide_calms_the_panic_and_then_the_flaw_can_be_accepted():
    world = world_at(Beat.ACCEPTANCE)
    world.panic.level = 0.9
    world.story.scene.start_panic = 0.9
    breaths = []
    for _ in range(8):
        breaths += [e for e in run(world, Actions.of(Button.BREATHE), 120) + run(world, Actions(), 120) if isinstance(e, BreathTaken)]
        if world.story.scene.calmed:
            break
    assert world.story.scene.calmed
    assert world.panic.level < 0.15
    assert all(not b.own for b in breaths)
    events = press(world, Button.ACCEPT)
    assert any(isinstance(e, Accepted) for e in events)
    levels = [world.flaw.recompose]
    for _ in range(8):
        run(world, Actions(), 60)
        levels.append(world.flaw.recompose)
    assert levels == sorted(levels) and levels[-1] == 1.0  # the flaw recomposes over seconds, never back
    assert 0.0 < levels[2] < 1.0
    run(world, Actions(), 120)
    assert world.story.beat is Beat.REVEAL


def test_acceptance_cannot_be_failed_even_with_no_input():
    world = world_at(Beat.ACCEPTANCE)
    world.panic.level = 1.0
    run(world, Actions(), 60 * 60)
    assert world.story.scene.calmed  # the dreamer breathes on their own


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([None, Button.BREATHE, Button.INTERACT, Button.CALL_HELP, Button.CANCEL]), st.integers(1, 90)), max_size=30))
def test_whatever_is_pressed_acceptance_still_ends_in_acceptance(script):
    world = world_at(Beat.ACCEPTANCE)
    world.panic.level = 0.8
    severity = world.flaw.severity
    for button, ticks in script:
        run(world, Actions.of(button) if button else Actions(), ticks)
    run(world, Actions(), 60 * 40)
    assert world.story.scene.calmed
    press(world, Button.ACCEPT)
    run(world, Actions(), 60 * 8)
    assert world.story.beat is Beat.REVEAL
    assert world.flaw.recompose == 1.0 and world.flaw.severity == severity  # the same flaw, transformed


# -- reveal and lights on -------------------------------------------------------------------


def test_presenting_the_masterpiece_swells_the_applause_faster():
    held, idle = world_at(Beat.REVEAL), world_at(Beat.REVEAL)
    run(held, Actions.of(Button.BREATHE), 420)
    run(idle, Actions(), 420)
    assert held.story.scene.curtain == 1.0
    assert held.story.scene.audience.applause > idle.story.scene.audience.applause > 0.0
    assert held.story.scene.lift > 0.9 and held.story.scene.warmth > idle.story.scene.warmth * 0.99
    for _ in range(60 * 20):
        idle.step(Actions())
        if idle.story.beat is not Beat.REVEAL:
            break
    assert idle.story.beat is Beat.LIGHTS_ON  # it peaks anyway: no fail state


def test_lights_on_snaps_the_house_lights_on_and_tears_the_room_apart():
    world = world_at(Beat.LIGHTS_ON)
    world.step(Actions())
    assert world.lights.house == 1.0
    debris = world.story.scene.debris
    homes = [f.home for f in debris.fragments]
    assert len(homes) > 20
    run(world, Actions(), 150)
    assert 0 < debris.torn < len(debris.fragments)  # tearing loose over time, not all at once
    moved = [f for f in debris.fragments if f.loose and math.dist(f.position, f.home) > 16]
    assert moved
    # What the renderer reads each frame, read in one go, is what each fragment says of itself.
    assert debris.poses().tolist() == [[f.fade, *f.position, f.angle] if f.loose else [-1.0, 0.0, 0.0, 0.0] for f in debris.fragments]
    for _ in range(60 * 10):
        world.step(Actions())
        if world.story.beat is not Beat.LIGHTS_ON:
            break
    assert world.story.beat is Beat.VORTEX
    assert world.level.kind == "vortex"


# -- the vortex ---------------------------------------------------------------------------


def test_the_vortex_pulls_a_dreamer_who_does_nothing():
    world = world_at(Beat.VORTEX, generate_vortex(5))
    scene = world.story.scene
    ex, ey = scene.swirl.eye
    world.player.place((ex + 300, ey))
    run(world, Actions(), 60)
    x, y = world.player.position
    assert y - ey > 20  # carried round the eye (counter-clockwise)...
    assert math.hypot(x - ex, y - ey) > 300  # ...and outward, away from the calm


@pytest.mark.parametrize("level", ["generated", "shipped"])
@pytest.mark.parametrize("reduce_motion", [False, True], ids=["full", "reduced motion"])
def test_swimming_toward_the_eye_reaches_it_within_a_minute_and_wakes(level, reduce_motion):
    from game.level.tiled import load_level

    vortex = generate_vortex(5) if level == "generated" else load_level(Path(__file__).resolve().parents[3] / "levels" / "vortex.tmj")
    world = world_at(Beat.VORTEX, vortex, reduce_motion=reduce_motion)
    scene = world.story.scene
    for _ in range(60 * 60):  # one minute of game time: as long as a person should need, who can see the way
        px, py = world.player.position
        ex, ey = scene.swirl.eye
        world.step(Actions((ex - px, ey - py)))
        if world.story.beat is Beat.WAKING:
            break
    assert scene.reached
    assert world.story.beat is Beat.WAKING


def _eight_way(dx: float, dy: float) -> tuple[float, float]:
    """The nearest of the eight directions the keys give."""
    k = round(math.atan2(dy, dx) / (math.pi / 4)) % 8
    return (math.cos(k * math.pi / 4), math.sin(k * math.pi / 4))


@pytest.mark.parametrize("level", ["shipped", 1, 3, 5, 12, 777])
@pytest.mark.parametrize("reduce_motion", [False, True], ids=["full", "reduced motion"])
def test_a_person_at_the_keys_who_looks_up_every_few_seconds_reaches_the_eye_within_a_minute(level, reduce_motion):
    """A newcomer on a keyboard: eight directions, and a new look at the screen only every three
    seconds, aiming at the way round the shards a little ahead (the bot's planner stands in for
    their eyes). The swirl must forgive a stroke held too long or a little off the eye."""
    from game.bot.planner import Planner
    from game.level.tiled import load_level

    vortex = load_level(Path(__file__).resolve().parents[3] / "levels" / "vortex.tmj") if level == "shipped" else generate_vortex(level)
    world = World(vortex, seed=11, settings=SimSettings(reduce_motion=reduce_motion), start=Beat.VORTEX)
    scene, planner = world.story.scene, Planner(world)
    move = (0.0, 0.0)
    for tick in range(60 * 60):
        if scene.reached:
            break
        if tick % (3 * 60) == 0:
            px, py = world.player.position
            path = planner.path((px, py), scene.swirl.eye) or [scene.swirl.eye]
            aim = next(((x, y) for x, y in path if math.hypot(x - px, y - py) >= 160.0), path[-1])
            move = _eight_way(aim[0] - px, aim[1] - py)
        world.step(Actions(move))
    assert scene.reached


def test_reduce_motion_slows_the_vortex():
    calm = world_at(Beat.VORTEX, generate_vortex(5), reduce_motion=True)
    full = world_at(Beat.VORTEX, generate_vortex(5))
    run(calm, Actions(), 120)
    run(full, Actions(), 120)
    assert calm.story.scene.swirl.turn < 0.6 * full.story.scene.swirl.turn
    ex, ey = full.story.scene.swirl.eye
    assert math.hypot(*calm.story.scene.swirl.pull(ex + 250, ey)) < 0.6 * math.hypot(*full.story.scene.swirl.pull(ex + 250, ey))


def test_fragments_of_the_backstage_orbit_the_eye():
    world = world_at(Beat.LIGHTS_ON, generate_vortex(5))
    world.stats.tools_used = ["paintbrush", "solvent"]  # what the dreamer tried, on the same world
    world.story.enter(Beat.VORTEX)
    orbiters = world.story.scene.orbiters
    assert sorted(o.name for o in orbiters if o.kind == "tool") == ["paintbrush", "solvent"]
    assert len([o for o in orbiters if o.kind == "shred"]) == SHREDS
    before = [math.atan2(o.position[1] - 960, o.position[0] - 960) for o in orbiters]
    run(world, Actions(), 120)
    ex, ey = world.story.scene.swirl.eye
    for orbiter in orbiters:
        assert 40 < math.dist(orbiter.position, (ex, ey)) < 900
    assert before != [math.atan2(o.position[1] - 960, o.position[0] - 960) for o in orbiters]


def test_generated_vortex_levels_are_the_same_for_a_seed_and_open_to_the_eye():
    from game.level.vortex import _connected

    a, b = generate_vortex(12), generate_vortex(12)
    assert a == b and a.kind == "vortex" and a.eye is not None
    assert a != generate_vortex(13)
    walls = [list(row) for row in a.walls]
    assert _connected(walls, a.cell_of(*a.spawn), a.cell_of(*a.eye))


# -- waking ---------------------------------------------------------------------------------


def test_waking_waits_for_the_words_then_any_key_ends_the_dream():
    world = world_at(Beat.WAKING)
    run(world, Actions(), 30)
    press(world, Button.INTERACT)
    assert not world.story.completed  # too soon: the morning is still coming up
    run(world, Actions(), 60 * 5)
    assert world.story.scene.ready
    press(world, Button.BREATHE)
    assert world.story.completed


def test_every_later_beat_is_in_the_state_hash():
    a, b = world_at(Beat.ALONE), world_at(Beat.ALONE)
    run(a, Actions(), 90)
    run(b, Actions(), 90)
    assert a.state_hash() == b.state_hash()
    press(a, Button.CALL_HELP)
    b.step(Actions())
    b.step(Actions())
    assert a.state_hash() != b.state_hash()
