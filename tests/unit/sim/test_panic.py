"""Panic: rises when the flaw is seen and with each failure, shows in heart, hands and time."""

from __future__ import annotations

import math

from game.sim.panic import GRIP_CEILING, SLOWEST_TIME, TREMBLE_MAX, Heartbeat, Panic


def run(world, panic: Panic, ticks: int, grip: bool = False) -> list:
    events = []
    for _ in range(ticks):
        if grip:
            panic.grip()
        world._pending.clear()
        panic.step(world)
        events += [e for e in world._pending if isinstance(e, Heartbeat)]
    return events


def test_calm_until_the_flaw_is_noticed(world_factory):
    world = world_factory()
    world.run(ticks=120)
    assert world.panic.level == 0.0
    assert world.time_scale == 1.0
    assert world.panic.tremble == (0.0, 0.0)
    assert not any(isinstance(e, Heartbeat) for e in world.events)


def test_noticing_jumps_and_gripping_climbs_to_a_ceiling(world_factory):
    world = world_factory()
    panic = Panic()
    panic.notice(world)
    first = panic.level
    assert first > 0
    panic.notice(world)  # only the first sight jumps
    assert panic.level == first
    run(world, panic, 60, grip=True)
    assert panic.level > first
    run(world, panic, 60 * 60, grip=True)
    assert panic.level == GRIP_CEILING
    level = panic.level
    run(world, panic, 60)  # no grip: it does not climb by itself
    assert panic.level == level


def test_failures_raise_it_and_breathing_lowers_it(world_factory):
    world = world_factory()
    panic = Panic()
    for _ in range(3):
        before = panic.level
        panic.fail(world)
        assert panic.level > before
    for _ in range(100):
        panic.fail(world)
    assert panic.level == 1.0
    panic.breathe(0.3)
    assert math.isclose(panic.level, 0.7)
    panic.breathe(5.0)
    assert panic.level == 0.0


def test_the_heart_quickens_with_panic(world_factory):
    world = world_factory()
    calm, wild = Panic(), Panic()
    calm.level, wild.level = 0.2, 1.0
    slow = run(world, calm, 600)
    fast = run(world, wild, 600)
    assert len(fast) > len(slow) > 5
    assert fast[-1].bpm > slow[-1].bpm


def test_panic_slows_time_and_shakes_the_hand(world_factory):
    world = world_factory()
    panic = Panic(1.0)
    panic.level = 1.0
    shakes = []
    for _ in range(120):
        panic.step(world)
        shakes.append(max(abs(panic.tremble[0]), abs(panic.tremble[1])))
    assert math.isclose(world.time_scale, SLOWEST_TIME)
    assert max(shakes) <= TREMBLE_MAX * 1.0001  # per axis
    assert max(shakes) > TREMBLE_MAX * 0.3  # it really trembles
    assert len({round(s, 6) for s in shakes}) > 50  # and keeps changing
    assert panic.unravel > 0.5


def test_animation_time_runs_slow_under_panic(world_factory):
    world = world_factory()
    world.panic.level = 1.0
    world.run(ticks=60)
    assert world.anim_time < 0.6  # a second of ticks, under half a second of animation


def test_panic_is_in_the_world_hash(world_factory):
    world = world_factory()
    before = world.state_hash()
    world.panic.level = 0.5
    assert world.state_hash() != before
