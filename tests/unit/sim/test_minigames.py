"""The repair minigames: bounded, cancellable, skill-answering — and the flaw always worse after."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bot import minigame_actions
from game.sim.actions import IDLE, Actions, Button
from game.sim.beats.repair import start_attempt
from game.sim.minigame import FAILING_TICKS, AttemptFailed, MinigameStarted
from game.sim.story import Beat
from game.tools import HANDS, TOOL_IDS, TOOLS

GAMES = [*TOOL_IDS, HANDS.id]  # every tool, plus bare hands


def in_repair(world_factory, seed=None):
    world = world_factory(seed=seed)
    world.story.enter(Beat.REPAIR)
    return world


def play(world, tool, actions, after=IDLE):
    """Start `tool`, feed `actions` (then `after` each tick) until it is done; return (game, ticks)."""
    game = start_attempt(world, tool)
    ticks = 0
    for act in actions:
        if world.minigame is None:
            break
        world.step(act)
        ticks += 1
    while world.minigame is not None:
        world.step(after(world) if callable(after) else after)
        ticks += 1
        assert ticks <= game.bound + 1, f"{tool} ran past its bound"
    return game, ticks


def test_there_is_a_minigame_of_its_own_for_every_tool():
    mechanics = {TOOLS[t].minigame for t in TOOL_IDS}
    assert len(mechanics) == len(TOOL_IDS) >= 4
    assert all(TOOLS[t].minigame.tool == t for t in TOOL_IDS)  # each attempt names its own record


buttons = st.frozensets(st.sampled_from([Button.USE_TOOL, Button.CANCEL, Button.INTERACT, Button.NEXT_TOOL]))
cancel_free = st.frozensets(st.sampled_from([Button.USE_TOOL, Button.INTERACT, Button.NEXT_TOOL]))


def action_lists(held):
    return st.lists(
        st.builds(lambda x, y, h: Actions((x, y), h), st.floats(-1, 1), st.floats(-1, 1), held),
        max_size=120,
    ).flatmap(lambda head: st.integers(1, 12).map(lambda repeat: [a for a in head for _ in range(repeat)]))


@pytest.mark.parametrize("tool", GAMES)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(actions=action_lists(buttons), panic=st.floats(0, 1))
def test_any_play_ends_in_bounds_and_worsens_the_flaw(world_factory, tool, actions, panic):
    world = in_repair(world_factory)
    world.panic.level = panic
    severity = world.flaw.severity
    area = world.flaw.area
    game, ticks = play(world, tool, actions)
    assert game.done and ticks <= game.bound
    assert game.outcome in ("failed", "timed_out", "cancelled")
    assert world.flaw.severity > severity
    assert world.flaw.area > area
    assert world.stats.attempts == 1


@pytest.mark.parametrize("tool", GAMES)
def test_with_no_input_it_ends_by_itself(world_factory, tool):
    world = in_repair(world_factory)
    severity = world.flaw.severity
    game, ticks = play(world, tool, [])
    assert game.outcome == "timed_out"
    assert ticks <= game.bound
    assert world.flaw.severity > severity


@pytest.mark.parametrize("tool", GAMES)
def test_cancel_leaves_at_once_and_still_worsens(world_factory, tool):
    world = in_repair(world_factory)
    severity = world.flaw.severity
    game, ticks = play(world, tool, [IDLE] * 50 + [Actions.of(Button.CANCEL)])
    assert game.outcome == "cancelled"
    assert ticks <= 51 + FAILING_TICKS + 1
    assert world.flaw.severity > severity


@pytest.mark.parametrize("tool", TOOL_IDS)
def test_good_play_creeps_toward_fixed_then_fails(world_factory, tool):
    world = in_repair(world_factory)
    world.panic.level = 0.5
    seen = []
    idle_world = in_repair(world_factory)
    idle_world.panic.level = 0.5
    idle, _ = play(idle_world, tool, [])

    def bot(w):
        if w.minigame is not None:
            seen.append(w.minigame.progress)
        return minigame_actions(w)

    game, _ = play(world, tool, [], after=bot)
    assert game.outcome in ("failed", "timed_out")  # never fixed
    assert game.progress >= 0.7, f"{tool}: a good player only got to {game.progress:.2f}"
    assert game.progress > idle.progress + 0.5
    assert max(seen) < 1.0
    # It crept: many distinct steps of progress, not a jump.
    assert len({round(p, 3) for p in seen}) >= 6
    # Skill lessens the damage (never prevents it).
    assert game.damage < idle.damage


def test_the_play_decides_where_the_flaw_spreads(world_factory):
    def stroke(move):
        world = in_repair(world_factory)
        play(world, "paintbrush", [Actions(move, frozenset({Button.USE_TOOL}))] * 300)
        return world.flaw.blots[-1]

    up, down = stroke((0.0, 1.0)), stroke((0.0, -1.0))
    assert up.v > down.v
    assert up.colour != down.colour

    def knot(move):
        world = in_repair(world_factory)
        presses = []
        for _ in range(8):
            presses += [IDLE] * 20 + [Actions(move, frozenset({Button.USE_TOOL}))] * 3 + [IDLE] * 47
        play(world, "needle_and_thread", presses)
        return world.flaw.blots[-1]

    left, right = knot((-1.0, 0.0)), knot((1.0, 0.0))
    assert right.u > left.u


def test_events_for_sound_and_captions(world_factory):
    world = in_repair(world_factory)
    start_attempt(world, "needle_and_thread")
    kinds = set()
    world.step()
    while world.minigame is not None:
        world.step()
        kinds |= {type(e).__name__ for e in world.events}
    assert {"AttemptFailed", "FlawWorsened", "ThreadSnapped", "PanicRose"} <= kinds
    world = in_repair(world_factory)
    start_attempt(world, "solvent")
    assert any(isinstance(e, MinigameStarted) for e in world._pending)


@pytest.mark.parametrize("tool", GAMES)
def test_replayable(world_factory, tool):
    def once():
        world = in_repair(world_factory)
        world.panic.level = 0.7
        script = [Actions((math.sin(i / 7), math.cos(i / 11)), frozenset({Button.USE_TOOL}) if i % 9 < 4 else frozenset()) for i in range(400)]
        play(world, tool, script)
        return world.state_hash()

    assert once() == once()


def test_attempt_is_counted_in_the_stats(world_factory):
    world = in_repair(world_factory)
    failed = []
    for tool in ("varnish", "hands"):
        if world.story.beat is not Beat.REPAIR:
            world.story.enter(Beat.REPAIR)  # the first attempt ended the beat (no tools carried)
        start_attempt(world, tool)
        while world.minigame is not None:  # the events of every step, read as they happen
            failed += [event for event in world.step() if isinstance(event, AttemptFailed)]
    assert world.stats.attempts == 2
    assert world.stats.tools_used == ["varnish"]  # bare hands are no tool
    assert [event.tool for event in failed] == ["varnish", "hands"]
    assert all(event.outcome in ("failed", "timed_out") for event in failed)


@pytest.mark.parametrize("tool", GAMES)
def test_every_minigame_lets_the_play_shape_the_worsening(world_factory, tool):
    def style(move):
        world = in_repair(world_factory)
        script = [Actions(move, frozenset({Button.USE_TOOL}) if i % 12 < 6 else frozenset()) for i in range(900)]
        play(world, tool, script)
        blot = world.flaw.blots[-1]
        return (round(blot.u, 4), round(blot.v, 4), round(blot.angle, 3), round(blot.stretch, 3), blot.colour), world.flaw.severity

    (shape_a, severity_a), (shape_b, severity_b) = style((0.8, 0.6)), style((-0.6, -0.8))
    assert shape_a != shape_b  # the play changed how it spread...
    assert severity_a > 0.1 and severity_b > 0.1  # ...never whether
