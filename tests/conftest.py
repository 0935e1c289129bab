"""Shared fixtures: a world with no window, one headless window for the whole run, and a driver
that plays through the same actions a player sends."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("ARCADE_HEADLESS", "1")  # before anything imports arcade
os.environ.setdefault("FLAWED_SILENT", "1")  # tests never open an audio device
sys.path.insert(0, os.path.dirname(__file__))

import pytest
from hypothesis import settings

from driver import Driver
from game.level.model import Level
from game.sim.world import SimSettings, World

# `make test` runs the same examples every time, so a red run can be run again and read; the
# "explore" profile draws new ones (HYPOTHESIS_PROFILE=explore make test) to hunt for new bugs.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=500, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOM = [
    "################",
    "#S.....c.......#",
    "#..............#",
    "#..1....L....M.#",
    "#..............#",
    "################",
]


@pytest.fixture
def room_level() -> Level:
    return Level.from_ascii(ROOM, seed=7, title="Test room")


@pytest.fixture
def world_factory(room_level):
    """Build worlds without a window: world_factory(level=None, seed=None, **settings)."""

    def make(level: Level | None = None, seed: int | None = None, **settings) -> World:
        return World(level or room_level, seed=seed, settings=SimSettings(**settings))

    return make


@pytest.fixture
def driver(world_factory) -> Driver:
    return Driver(world_factory())


@pytest.fixture(scope="session")
def _shared_window():
    from game.compat import prepare_arcade

    arcade = prepare_arcade()
    window = arcade.Window(1280, 720, "Flawed tests", visible=False)
    yield window
    window.close()


@pytest.fixture
def window(_shared_window):
    """The one headless window, reset between tests (as arcade's own test suite does)."""
    import arcade

    win = _shared_window
    arcade.set_window(win)
    win.default_camera.use()
    win.ctx.reset()
    win.clear()
    yield win
    win.show_view(arcade.View()) if win.current_view is not None else None
    win._current_view = None
    win.ctx.reset()
    win.default_camera.use()
    for name in ("on_draw", "on_update", "on_key_press", "on_key_release"):
        win.__dict__.pop(name, None)
