"""The procedural backstage: valid, connected and the same for the same seed in every process."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from game.level.generate import PLANS, SIZES, generate_backstage, level_digest
from game.level.model import LIGHT_KINDS, TILE_SIZE, TOOL_IDS, Level
from game.level.reach import EASEL_REACH, distances, free_grid, occluder_edges, playability_problems, prop_cells

SEEDS_PER_SIZE = 200  # the default run; `-m slow` runs 1,000

# Golden digests: a change here means every recorded run of a generated level changes too.
GOLDEN = [
    ("small", 0, "0178937ff574848b3cb15302"),
    ("small", 1, "5a32e1ba23626ef2d2aa1d28"),
    ("small", 42, "e4e6f80441f9672d06e125e7"),
    ("medium", 0, "b0bcfad0f25ad0e64804104e"),
    ("medium", 1, "217ac79939c97678c1128a6c"),
    ("medium", 42, "d752687f4af6dd1f8ecbeb16"),
    ("medium", 2**40 + 7, "368a6845bf595cfefd22cee9"),
    ("large", 0, "7cf00710b9988e6f490d3a48"),
    ("large", 42, "9d677fc7ecf500bd09ffe81b"),
]


def narrow_cells(level: Level) -> list[tuple[int, int]]:
    """Floor cells squeezed between walls on two opposite sides: passages one tile wide."""
    found = []
    for row in range(level.height):
        for col in range(level.width):
            if level.is_wall(col, row):
                continue
            if (level.is_wall(col - 1, row) and level.is_wall(col + 1, row)) or (level.is_wall(col, row - 1) and level.is_wall(col, row + 1)):
                found.append((col, row))
    return found


def problems_of(level: Level, size: str) -> list[str]:
    """Everything a generated backstage promises, as a list of broken promises."""
    problems = list(playability_problems(level, movable_block=True))
    plan = PLANS[size]
    if (level.width, level.height) != (plan.width, plan.height):
        problems.append(f"size {level.width}x{level.height}")
    if sorted(t.tool for t in level.tools) != sorted(TOOL_IDS):
        problems.append(f"tools {[t.tool for t in level.tools]}")
    if level.masterpiece is None or level.curtain is None:
        problems.append("no easel or no curtain")
        return problems
    if not 28 <= level.masterpiece.width <= 40 or not 40 <= level.masterpiece.height <= 56:
        problems.append(f"easel size {level.masterpiece}")
    # The easel stands near the curtain, on the stage.
    if level.curtain.y - (level.masterpiece.y + level.masterpiece.height) > 3 * TILE_SIZE:
        problems.append("easel far from the curtain")
    # Every light on a floor cell, every kind of backstage light present.
    kinds = {light.kind for light in level.lights}
    if kinds != {"candle", "work_lamp", "bare_bulb", "spill"}:
        problems.append(f"light kinds {sorted(kinds)}")
    for light in level.lights:
        if light.kind not in LIGHT_KINDS or level.is_wall(*level.cell_of(light.x, light.y)) or not light.radius > 0:
            problems.append(f"light {light}")
    # No passage narrower than two tiles; movable props small enough never to shut one.
    if narrow_cells(level):
        problems.append(f"one-tile passages at {narrow_cells(level)[:3]}")
    for prop in level.props:
        cells = prop_cells(prop, level.width, level.height)
        if any(level.is_wall(c, r) for c, r in cells):
            problems.append(f"prop in a wall {prop}")
        if prop.movable and max(prop.width, prop.height) > TILE_SIZE - 4:
            problems.append(f"movable prop too big to leave a doorway open {prop}")
    # The spawn far from the easel, in walking steps.
    free = free_grid(level, movable_block=True)
    dist = distances(free, level.cell_of(*level.spawn))
    easel_cell = level.cell_of(*level.masterpiece.center)
    if dist[easel_cell[1]][easel_cell[0]] < plan.min_spawn_steps:
        problems.append(f"spawn only {dist[easel_cell[1]][easel_cell[0]]} steps from the easel")
    if size == "medium":
        if len(level.lights) < 12:
            problems.append(f"only {len(level.lights)} lights")
        if occluder_edges(level) < 300:
            problems.append(f"only {occluder_edges(level)} occluder edges")
    return problems


def check_seeds(size: str, seeds) -> None:
    failures = {}
    for seed in seeds:
        level = generate_backstage(seed, size)
        problems = problems_of(level, size)
        if problems:
            failures[seed] = problems
    assert not failures, f"{len(failures)} {size} seeds broken, e.g. {next(iter(failures.items()))}"


@pytest.mark.parametrize("size", SIZES)
def test_200_seeds_of_each_size_are_valid_and_connected(size):
    check_seeds(size, range(SEEDS_PER_SIZE))


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_1000_seeds_of_each_size_are_valid_and_connected(size):
    check_seeds(size, range(1000))


@pytest.mark.parametrize("size, seed, expected", GOLDEN)
def test_golden_digests(size, seed, expected):
    assert level_digest(generate_backstage(seed, size)) == expected


def test_same_seed_same_level_different_seed_different_level():
    for size in SIZES:
        for seed in range(20):
            assert generate_backstage(seed, size) == generate_backstage(seed, size)
    digests = {level_digest(generate_backstage(seed)) for seed in range(50)}
    assert len(digests) == 50


def test_the_same_levels_in_another_process_with_another_string_hash_seed():
    script = (
        "from game.level.generate import generate_backstage, level_digest\n"
        "print(' '.join(level_digest(generate_backstage(seed, size)) for size, seed, _ in "
        + repr([(size, seed, None) for size, seed, _ in GOLDEN])
        + "))"
    )
    for hash_seed in ("0", "12345"):
        out = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"},
            cwd=str(__import__("pathlib").Path(__file__).resolve().parents[3]),
            check=True,
        )
        assert out.stdout.split() == [expected for _, _, expected in GOLDEN]


def test_generation_uses_its_own_random_not_the_global_one():
    import random

    random.seed(1)
    first = generate_backstage(5)
    random.seed(2)
    state = random.getstate()
    assert generate_backstage(5) == first
    assert random.getstate() == state


def test_the_easel_can_be_inspected_from_walkable_floor():
    for seed in range(30):
        level = generate_backstage(seed)
        free = free_grid(level, movable_block=True)
        dist = distances(free, level.cell_of(*level.spawn))
        m = level.masterpiece
        near = [
            (c, r)
            for r in range(level.height)
            for c in range(level.width)
            if dist[r][c] >= 0
            and math.hypot(max(m.x - (c + 0.5) * TILE_SIZE, 0, (c + 0.5) * TILE_SIZE - m.x - m.width), max(m.y - (r + 0.5) * TILE_SIZE, 0, (r + 0.5) * TILE_SIZE - m.y - m.height)) <= EASEL_REACH
        ]
        assert near, seed
        # The bot walks to the easel's centre: that cell is floor.
        assert not level.is_wall(*level.cell_of(*m.center))


def test_props_include_the_backstage_kinds_and_some_move():
    kinds, movable = set(), 0
    for seed in range(10):
        level = generate_backstage(seed)
        kinds |= {prop.kind for prop in level.props}
        movable += sum(prop.movable for prop in level.props)
    assert {"crate", "rack", "flat", "ladder", "sandbag", "mirror"} <= kinds
    assert movable > 10


def test_sizes_grow():
    areas = [sum(not wall for row in generate_backstage(3, size).walls for wall in row) for size in SIZES]
    assert areas[0] < areas[1] < areas[2]


def test_unknown_size_is_refused():
    with pytest.raises(ValueError, match="size must be one of"):
        generate_backstage(1, "huge")


def test_a_playability_check_catches_a_shut_in_spawn():
    level = Level.from_ascii(
        [
            "##########",
            "#S.#.....#",
            "#..#..M..#",
            "#..#..1..#",
            "##########",
        ]
    )
    problems = playability_problems(level)
    assert any("masterpiece" in p for p in problems)
    assert any("paintbrush" in p for p in problems)
