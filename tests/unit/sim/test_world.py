"""The world's physics and clock, driven through actions."""

from __future__ import annotations

import math

from game.level.model import Level
from game.sim.actions import Actions, Button
from game.sim.bodies import PLAYER_MAX_SPEED
from game.sim.events import PropPushed
from game.sim.world import DT, World

CORRIDOR = [
    "##########",
    "#S...#...#",
    "##########",
]


def test_moving_right_moves_the_player_right(driver):
    x0, y0 = driver.world.player.position
    driver.steer(1, 0).advance(30)
    x1, y1 = driver.world.player.position
    assert x1 > x0 + 40
    assert abs(y1 - y0) < 1e-6


def test_player_accelerates_to_a_top_speed_and_slides_to_rest(driver):
    driver.steer(0, -1).advance(5)
    early = math.hypot(*driver.world.player.velocity)
    driver.advance(60)
    assert early < PLAYER_MAX_SPEED - 1  # accelerates, does not jump to full speed
    assert math.hypot(*driver.world.player.velocity) <= PLAYER_MAX_SPEED + 1e-6
    driver.steer(0, 0).advance(30)
    assert math.hypot(*driver.world.player.velocity) < 1e-6


def test_walls_stop_the_player():
    world = World(Level.from_ascii(CORRIDOR, seed=1))
    for _ in range(240):
        world.step(Actions(move=(1, 0)))
    x, _ = world.player.position
    wall_face = 5 * 32  # the wall tile in column 5 starts here
    assert x < wall_face - 8.5  # the body's radius keeps it off the wall (1.5 px of give)
    assert x > wall_face - 12.0  # ...and it did get all the way there


def test_a_movable_prop_is_pushed_and_emits_an_event():
    level = Level.from_ascii(["#########", "#S.c....#", "#########"], seed=2)
    world = World(level)
    start = world.props[0].position
    events = []
    for _ in range(90):
        events += world.step(Actions(move=(1, 0)))
    assert world.props[0].position[0] > start[0] + 20
    assert any(isinstance(e, PropPushed) for e in events)


def test_a_fixed_prop_does_not_move():
    level = Level.from_ascii(["#########", "#S.C....#", "#########"], seed=2)
    world = World(level)
    start = world.props[0].position
    for _ in range(90):
        world.step(Actions(move=(1, 0)))
    assert world.props[0].position == start
    assert world.player.position[0] < start[0]


def test_a_pushed_prop_rubs_to_a_halt(world_factory):
    level = Level.from_ascii(["###########", "#S.c......#", "###########"], seed=2)
    world = world_factory(level)
    for _ in range(40):
        world.step(Actions(move=(1, 0)))
    for _ in range(120):
        world.step(Actions())
    assert world.props[0].body.velocity.length < 1.0


def test_the_clock_counts_fixed_ticks(driver):
    driver.advance(120)
    assert driver.world.tick == 120
    assert driver.world.anim_time == sum([DT] * 120)


def test_same_seed_and_actions_give_the_same_hash_and_different_seeds_differ(world_factory):
    script = [Actions(move=(1, 0.5))] * 50 + [Actions.of(Button.INTERACT)] + [Actions(move=(-0.3, -1))] * 50
    a, b, c = world_factory(seed=11), world_factory(seed=11), world_factory(seed=12)
    for act in script:
        a.step(act), b.step(act), c.step(act)
    assert a.state_hash() == b.state_hash()
    assert a.state_hash() != c.state_hash()


def test_button_presses_are_edges(driver):
    seen = []
    original = driver.world.story.scene.update
    driver.world.story.scene.update = lambda world, inp: (seen.append(inp.was_pressed(Button.INTERACT)), original(world, inp))
    driver.hold(Button.INTERACT).advance(3).release(Button.INTERACT).advance(1).hold(Button.INTERACT).advance(1)
    assert seen == [True, False, False, False, True]
