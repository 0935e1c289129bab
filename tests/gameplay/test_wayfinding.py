"""A newcomer finds the way: someone who sees only the screen reaches the easel on every shipped level and on generated ones."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.bot.newcomer import walk_to_the_easel
from game.level.generate import generate_backstage
from game.level.reach import distances, free_grid
from game.level.tiled import load_level
from game.level.wayfinding import aim_of, cues_on_screen_share, in_sight, stage_field
from game.sim.world import World

LEVELS = Path(__file__).resolve().parents[2] / "levels"
LIMITS_S = {"small": 60.0, "medium": 90.0, "large": 120.0}  # generous: the benchmark holds the real targets


@pytest.mark.parametrize("name", ["dressing_rooms.tmj", "long_wing.tmj", "storage_hall.tmx"])
def test_a_newcomer_reaches_the_easel_on_every_shipped_backstage(name):
    level = load_level(LEVELS / name)
    assert walk_to_the_easel(World(level), 120.0) is not None


@pytest.mark.parametrize("size", ["small", "medium", "large"])
@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_newcomer_reaches_the_easel_on_generated_backstages(size, seed):
    assert walk_to_the_easel(World(generate_backstage(seed, size)), LIMITS_S[size]) is not None


@pytest.mark.parametrize("size", ["small", "medium", "large"])
def test_from_every_place_an_arrow_or_the_easel_is_in_sight_and_every_arrow_points_the_way(size):
    level = generate_backstage(21, size)
    assert cues_on_screen_share(level) == 1.0
    field = stage_field(level)
    for sign in level.signs:  # an arrow points at a place in sight that is nearer the easel
        col, row = level.cell_of(sign.x, sign.y)
        aim = aim_of(field, col, row, level)
        assert 0 <= field[aim[1]][aim[0]] < field[row][col] and in_sight(level, (col, row), aim)
        angle = math.degrees(math.atan2(aim[1] - row, aim[0] - col))
        assert abs((sign.angle - angle + 180) % 360 - 180) < 1


@pytest.mark.parametrize("size", ["small", "medium", "large"])
def test_the_first_tool_is_on_the_way_and_the_spawn_is_not_the_farthest_dead_end(size):
    for seed in range(6):
        level = generate_backstage(seed, size)
        free = free_grid(level, movable_block=False)
        field = stage_field(level)
        spawn = level.cell_of(*level.spawn)
        from_spawn = distances(free, spawn)
        walk = field[spawn[1]][spawn[0]]
        first = level.cell_of(level.tools[0].x, level.tools[0].y)
        assert from_spawn[first[1]][first[0]] + field[first[1]][first[0]] - walk <= 3  # no detour to speak of
        farthest = max(max(row) for row in field)
        assert walk < farthest
