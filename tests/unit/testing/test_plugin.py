"""The pytest plugin level authors get (game.testing.plugin): this suite runs on it, and so does the
worked example of levels/README.md."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.level import kit
from game.level.tileset import PNG, TSJ, TSX
from game.resources import shipped_levels
from game.sim.actions import Button
from game.sim.story import Beat

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "example-level"


def test_the_suite_s_fixtures_are_the_plugin_s(world_factory, flawed_world, window, flawed_window):
    assert world_factory is flawed_world and window is flawed_window


def test_a_world_is_built_from_a_level_file(flawed_world):
    world = flawed_world(shipped_levels() / "long_wing.tmj", seed=5, reduce_flicker=True)
    assert world.level.title == "The Long Wing" and world.seed == 5 and world.settings.reduce_flicker


def test_the_driver_holds_presses_and_waits_with_a_limit(flawed_driver):
    world = flawed_driver.world
    start = world.player.position
    flawed_driver.steer(1.0, 0.0).advance(30)
    assert world.player.position[0] > start[0] + 20 and world.tick == 30
    flawed_driver.steer(0.0, 0.0).hold(Button.BREATHE).advance(2).release(Button.BREATHE).press(Button.CALL_HELP)
    assert world.tick == 34 and world.story.beat == Beat.BACKSTAGE
    with pytest.raises(AssertionError, match="the flaw not reached within 10 ticks"):
        flawed_driver.run_until(lambda: world.story.beat == Beat.FLAW, limit=10, what="the flaw")


def test_the_driver_takes_a_screenshot_of_the_lit_world(flawed_driver, flawed_window):
    picture = flawed_driver.screenshot(flawed_window)
    assert picture.size == (1280, 720) and picture.convert("L").getextrema()[1] > 100


def test_the_worked_example_passes_with_the_plugin(tmp_path):
    folder = tmp_path / "my-levels"
    shutil.copytree(EXAMPLE, folder)
    kit.write(folder)
    for name in (PNG, TSJ, TSX):
        shutil.copyfile(shipped_levels() / name, folder / name)
    # The plugin by name, whether or not this environment has the game installed with its entry point.
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "game.testing.plugin", "-p", "no:cacheprovider"],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "6 passed" in done.stdout


def test_levels_readme_shows_the_worked_example_as_it_is():
    readme = (ROOT / "levels" / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    assert shown == (EXAMPLE / "test_my_stage.py").read_text(encoding="utf-8")
