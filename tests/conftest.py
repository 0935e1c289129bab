"""The suite's fixtures come from the game's own pytest plugin (``game/testing/plugin.py``), the
one level authors get: a world with no window, one headless window for the whole run, and a
driver that plays through the same actions a player sends. Below are the names this suite knows
them by, and its Hypothesis profiles."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import settings

# An installed game (`make test`'s editable install) has registered the plugin by its entry point
# before this file is read; a run on a bare PYTHONPATH loads it by name.
if "game.testing.plugin" not in sys.modules:
    pytest_plugins = ["game.testing.plugin"]

sys.path.insert(0, os.path.dirname(__file__))

# `make test` runs the same examples every time, so a red run can be run again and read; the
# "explore" profile draws new ones (HYPOTHESIS_PROFILE=explore make test) to hunt for new bugs.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=500, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture
def room_level(flawed_level):
    return flawed_level


@pytest.fixture
def world_factory(flawed_world):
    return flawed_world


@pytest.fixture
def driver(flawed_driver):
    return flawed_driver


@pytest.fixture
def window(flawed_window):
    return flawed_window
