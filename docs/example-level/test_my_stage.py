"""My level's own tests: run `pytest` in this folder (`pytest -n auto` spreads them over the cores).

The fixtures come from the game's pytest plugin, installed with the game: `flawed_level` is the
level they all use (here, mine), `flawed_driver` plays it through the actions a player sends,
`flawed_window` is one hidden window for pictures.
"""

from pathlib import Path

import pytest

from game.level.tiled import load_level
from game.playtest import Subject, play
from game.sim.actions import Button
from game.sim.beats.backstage import near_easel
from game.sim.story import Beat

LEVEL = Path(__file__).with_name("my_stage.tmj")


@pytest.fixture
def flawed_level():
    """Every fixture of the plugin uses my level instead of its test room."""
    return load_level(LEVEL)


def test_the_easel_is_a_straight_walk_right_from_the_spawn(flawed_driver):
    world = flawed_driver.world
    flawed_driver.steer(1.0, 0.0)
    flawed_driver.run_until(lambda: near_easel(world, reach=30.0), limit=600, what="the easel")
    flawed_driver.steer(0.0, 0.0).press(Button.INTERACT)
    assert world.story.beat == Beat.FLAW


def test_the_stage_is_lit_at_the_start(flawed_driver, flawed_window):
    picture = flawed_driver.screenshot(flawed_window).convert("L")
    assert picture.getextrema()[1] > 120  # some light reaches the floor


@pytest.mark.parametrize("seed", range(1, 5))
def test_the_bot_plays_it_to_the_end(seed):
    result = play(Subject.file(LEVEL, seed=seed))
    assert result.completed, result.stuck.line()
