"""Each system saves and reads back its own state; a saved world is checked as state, not only as JSON."""

from __future__ import annotations

import math

import pytest

from game.sim.actions import Actions, Button
from game.sim.story import Beat
from game.sim.world import SimSettings, World


def played_world(world_factory):
    world = world_factory(seed=9)
    tool = world.tools.loose[0]
    world.player.place(tool.position)
    world.step(Actions((0.0, 0.0), frozenset({Button.INTERACT})))
    world.story.enter(Beat.REPAIR)
    from game.sim.beats.repair import start_attempt

    start_attempt(world, tool.tool)
    while world.minigame is not None:
        world.step()
    world.stats.calls_for_help = 2
    return world


def test_a_saved_world_comes_back_as_it_was(world_factory, room_level):
    world = played_world(world_factory)
    saved = world.save()
    back = World(room_level, seed=9, resume=saved)
    assert back.story.beat is world.story.beat
    assert back.stats == world.stats
    assert back.flaw.hash_state()[:3] == world.flaw.hash_state()[:3] and back.flaw.blots == world.flaw.blots
    assert back.tools.carried == world.tools.carried and len(back.tools.loose) == len(world.tools.loose)
    assert (back.panic.level, back.panic.noticed) == (world.panic.level, world.panic.noticed)
    assert back.player.position == world.player.position
    assert back.save() == saved


@pytest.mark.parametrize("change, why", [
    (lambda s: s.update(player=[math.nan, 10.0]), "finite"),
    (lambda s: s.update(player=[1e308, 10.0]), "floor"),
    (lambda s: s.update(player=[-5000.0, 10.0]), "floor"),
    (lambda s: s.update(player=[16.0, 16.0]), "floor"),  # inside the corner wall
    (lambda s: s.update(beat="intermission"), "not a beat"),
    (lambda s: s["tools"].update(carried=["hammer"]), "not a tool"),
    (lambda s: s["tools"].update(carried=["solvent", "solvent"]), "twice"),
    (lambda s: s["stats"].update(attempts=-1), "whole number"),
    (lambda s: s["panic"].update(level=7.0), "from 0 to 1"),
    (lambda s: s["flaw"].update(blots=[]), "blots"),
    (lambda s: s["flaw"].update(severity=float("inf")), "finite"),
    (lambda s: s["flaw"]["blots"][0].__setitem__(6, [300, 0, 0]), "colour"),
    (lambda s: s["flaw"]["blots"][0].__setitem__(7, "smudge"), "kind"),
    (lambda s: s.pop("flaw"), "no flaw"),
])
def test_a_saved_world_that_cannot_be_is_refused_naming_why(world_factory, room_level, change, why):
    saved = played_world(world_factory).save()
    change(saved)
    with pytest.raises(ValueError, match=why):
        World(room_level, seed=9, resume=saved)


def test_settings_reach_a_running_world_only_at_the_next_tick(world_factory):
    world = world_factory()
    calm = SimSettings(reduce_flicker=True)
    world.change_settings(calm)
    assert world.settings == SimSettings()  # not mid-tick
    world.step()
    assert world.settings == calm
