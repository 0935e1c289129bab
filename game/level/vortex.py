"""The vortex level: a round sea of colour with shards of the backstage adrift in it and a calm eye at its heart.

``generate_vortex(seed)`` makes one; ``vortex_level_for(level)`` gives the one a backstage
leads to: the file named by the backstage map's ``vortex`` property (a path relative to the
map), else ``vortex.tmj`` beside the map if there is one (so the shipped backstages share the
shipped vortex), both loaded and checked with the map itself; else a generated one from the
backstage's seed.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache

from game.level.model import TILE_SIZE, Level, LightSpec

# Tuning (tiles unless said otherwise).
SIZE = 60  # the map is SIZE x SIZE tiles
ARENA_RADIUS = 27  # the open sea of colour
SPAWN_RADIUS = 23  # the dreamer arrives this far from the eye
EYE_CLEAR = 5  # no shard within this of the eye
SHARDS = (9, 14)  # how many drifting shards of wall (min, max)
SHARD_SIZE = (1, 3)  # their side, in tiles
LIGHT_COLOURS = ((255, 120, 170), (120, 200, 255), (255, 210, 120), (170, 130, 255), (120, 255, 200))


@lru_cache(maxsize=2)
def generate_vortex(seed: int) -> Level:
    """A vortex level from a seed: the same seed, the same sea (made once: the renderer asks for it
    as lights on begins, the world loads it as the vortex does)."""
    rng = random.Random(f"vortex:{seed}")
    centre = SIZE / 2
    for attempt in range(8):
        walls = [[math.hypot(col + 0.5 - centre, row + 0.5 - centre) > ARENA_RADIUS for col in range(SIZE)] for row in range(SIZE)]
        for _ in range(rng.randint(*SHARDS)):
            angle = rng.uniform(0, 2 * math.pi)
            radius = rng.uniform(EYE_CLEAR + 3, ARENA_RADIUS - 4)
            w, h = rng.randint(*SHARD_SIZE), rng.randint(*SHARD_SIZE)
            col0 = int(centre + radius * math.cos(angle) - w / 2)
            row0 = int(centre + radius * math.sin(angle) - h / 2)
            for row in range(row0, row0 + h):
                for col in range(col0, col0 + w):
                    if 0 <= row < SIZE and 0 <= col < SIZE and math.hypot(col + 0.5 - centre, row + 0.5 - centre) > EYE_CLEAR:
                        walls[row][col] = True
        spawn_angle = rng.uniform(0, 2 * math.pi)
        spawn_cell = (int(centre + SPAWN_RADIUS * math.cos(spawn_angle)), int(centre + SPAWN_RADIUS * math.sin(spawn_angle)))
        for row in range(spawn_cell[1] - 1, spawn_cell[1] + 2):
            for col in range(spawn_cell[0] - 1, spawn_cell[0] + 2):
                walls[row][col] = False
        eye_cell = (int(centre), int(centre))
        if _connected(walls, spawn_cell, eye_cell):
            break
    lights = []
    for index in range(6):
        angle = index * math.pi / 3 + rng.uniform(-0.3, 0.3)
        radius = (ARENA_RADIUS - 8) * TILE_SIZE
        lights.append(
            LightSpec(
                centre * TILE_SIZE + radius * math.cos(angle),
                centre * TILE_SIZE + radius * math.sin(angle),
                radius=14 * TILE_SIZE,
                color=LIGHT_COLOURS[index % len(LIGHT_COLOURS)],
                intensity=1.3,
                flicker=0.2,
                kind="spill",
            )
        )
    lights.append(LightSpec(centre * TILE_SIZE, centre * TILE_SIZE, 10 * TILE_SIZE, (255, 244, 220), 1.6, 0.0, "work_lamp"))
    return Level(
        width=SIZE,
        height=SIZE,
        walls=tuple(tuple(row) for row in walls),
        spawn=((spawn_cell[0] + 0.5) * TILE_SIZE, (spawn_cell[1] + 0.5) * TILE_SIZE),
        lights=tuple(lights),
        eye=((eye_cell[0] + 0.5) * TILE_SIZE, (eye_cell[1] + 0.5) * TILE_SIZE),
        kind="vortex",
        seed=seed,
        title="The vortex",
    )


def _connected(walls, start: tuple[int, int], goal: tuple[int, int]) -> bool:
    seen = {start}
    frontier = [start]
    while frontier:
        col, row = frontier.pop()
        if (col, row) == goal:
            return True
        for nxt in ((col + 1, row), (col - 1, row), (col, row + 1), (col, row - 1)):
            c, r = nxt
            if nxt not in seen and 0 <= r < len(walls) and 0 <= c < len(walls[0]) and not walls[r][c]:
                seen.add(nxt)
                frontier.append(nxt)
    return False


def vortex_level_for(level: Level, seed: int) -> Level:
    """The vortex level a backstage leads to: the one loaded with it from its file (its `vortex`
    property, else vortex.tmj beside it; see ``tiled.load_level``), else one generated from the seed."""
    if level.kind == "vortex":
        return level
    if level.vortex is not None:
        return level.vortex
    return generate_vortex(seed)
