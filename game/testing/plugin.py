"""Flawed's pytest plugin: a world without a window, one shared headless window, and a driver.

Registered by the entry point ``pytest11`` (``flawed``), so every test in an environment where the
game is installed can ask for:

- ``flawed_level``: the level the other fixtures use, a small test room; override it (in a
  ``conftest.py`` or a test module) to return your own, e.g. ``load_level("my_level.tmj")``;
- ``flawed_world``: a factory, ``flawed_world(level=None, seed=None, **sim_settings)``; the level
  is a ``Level``, a path to a Tiled map, or None for ``flawed_level``; no window, no arcade;
- ``flawed_driver``: a ``Driver`` over a fresh world of ``flawed_level``: hold/release/press
  buttons, steer, advance N ticks, run until a condition with a tick limit, take a screenshot;
- ``flawed_window``: one hidden headless window for the whole session (one per worker under
  pytest-xdist), reset before and after each test.

Loading the plugin sets ``ARCADE_HEADLESS=1`` and ``FLAWED_SILENT=1`` unless they are set
already: arcade reads the first when it is imported, which may be while tests are collected, and
tests should never open an audio device. Nothing else is imported until a fixture is used.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("ARCADE_HEADLESS", "1")
os.environ.setdefault("FLAWED_SILENT", "1")

WINDOW_SIZE = (1280, 720)  # px, the game's own

# The room the fixtures use unless a test says otherwise (Level.from_ascii: # wall, S spawn,
# M masterpiece, c candle, L work lamp, 1 the first tool).
TEST_ROOM = (
    "################",
    "#S.....c.......#",
    "#..............#",
    "#..1....L....M.#",
    "#..............#",
    "################",
)


@pytest.fixture
def flawed_level():
    """The level the world and the driver use: a small room; override this fixture to test your own."""
    from game.level.model import Level

    return Level.from_ascii(list(TEST_ROOM), seed=7, title="Test room")


@pytest.fixture
def flawed_world(flawed_level):
    """Build worlds without a window: ``flawed_world(level=None, seed=None, **sim_settings)``."""
    from game.level.model import Level
    from game.level.tiled import load_level
    from game.sim.world import SimSettings, World

    def make(level=None, seed: int | None = None, **settings) -> World:
        if level is None:
            level = flawed_level
        elif not isinstance(level, Level):
            level = load_level(level)
        return World(level, seed=seed, settings=SimSettings(**settings))

    return make


@pytest.fixture
def flawed_driver(flawed_world):
    """A driver over a fresh world of ``flawed_level``."""
    from game.testing.driver import Driver

    return Driver(flawed_world())


@pytest.fixture(scope="session")
def _flawed_shared_window():
    from game.compat import prepare_arcade

    arcade = prepare_arcade()
    window = arcade.Window(*WINDOW_SIZE, "Flawed tests", visible=False)
    yield window
    window.close()


@pytest.fixture
def flawed_window(_flawed_shared_window):
    """The one headless window, reset between tests (as arcade's own test suite does)."""
    import arcade

    window = _flawed_shared_window
    arcade.set_window(window)
    if tuple(window.get_size()) != WINDOW_SIZE:
        window.set_size(*WINDOW_SIZE)
    window.default_camera.use()
    window.ctx.reset()
    window.clear()
    yield window
    if window.current_view is not None:
        window.show_view(arcade.View())
    window._current_view = None
    window.ctx.reset()
    window.default_camera.use()
    for name in ("on_draw", "on_update", "on_key_press", "on_key_release"):
        window.__dict__.pop(name, None)
