"""The way to the stage: glow-tape arrows on the floor that point toward the easel, and the lamp over it.

Backstages mark their dark floors with glow tape so actors find their way; this one marks the
way to the masterpiece. ``stage_field`` gives every walkable cell its steps to the easel;
``place_signs`` puts arrows where a newcomer needs them — first in the doorways, then wherever
no arrow would be on screen — each pointing down the field, toward the easel. ``easel_lamp``
gives the easel a steady lamp of its own when nothing lights it, so it shows from far off.
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import chain

import numpy as np

from game.level.model import TILE_SIZE, Level, LightSpec, SignSpec
from game.level.reach import EASEL_REACH, distances, free_grid

# The part of the level a player sees at once, in tiles around the dreamer (the camera shows
# about 25 × 14 tiles; a sign nearer the middle than this is surely on screen).
SEEN_TILES = (11, 6)
SIGN_LOOKAHEAD = 4  # steps down the field downhill() looks by default
SIGHT_STEPS = 10  # an arrow aims at most this many steps down the way, while the way is in sight
CHAIN_ENDS_NEAR = 4  # steps from the easel at which a chain of arrows may end (the easel is in sight)
CHAIN_GAP = 5  # an arrow already this near (steps, either way) where another points serves as the next
DOORWAY_GAP = 3  # doorway cells this near each other share one arrow
MAX_SIGNS = 400
EASEL_LAMP_NEAR = 3 * TILE_SIZE  # a light this near the easel already lights it
EASEL_LAMP = LightSpec(0.0, 0.0, 330.0, (255, 232, 196), 1.3, 0.04, "work_lamp")  # placed in front of the easel


def stage_field(level: Level) -> list[list[int]]:
    """Steps from each walkable cell to the easel (-1 where there is no way); movable props do not block."""
    free = free_grid(level, movable_block=False)
    height, width = level.height, level.width
    easel = level.masterpiece
    if easel is None:
        return [[-1] * width for _ in range(height)]
    # Every free cell within reach of the easel is a goal: run the fill from all of them.
    goals = []
    for row in range(max(0, int(easel.y // TILE_SIZE) - 3), min(height, int((easel.y + easel.height) // TILE_SIZE) + 4)):
        for col in range(max(0, int(easel.x // TILE_SIZE) - 3), min(width, int((easel.x + easel.width) // TILE_SIZE) + 4)):
            cx, cy = (col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE
            gap = math.hypot(max(easel.x - cx, 0.0, cx - easel.x - easel.width), max(easel.y - cy, 0.0, cy - easel.y - easel.height))
            if free[row][col] and gap <= EASEL_REACH:
                goals.append((col, row))
    if not goals:
        return [[-1] * width for _ in range(height)]
    return distances(free, *goals)  # one fill from every goal at once


def downhill(field: list[list[int]], col: int, row: int, steps: int = SIGN_LOOKAHEAD) -> tuple[int, int]:
    """The cell `steps` steps nearer the easel from (col, row), following the field."""
    height, width = len(field), len(field[0])
    for _ in range(steps):
        here = field[row][col]
        if here <= 0:
            break
        for nc, nr in ((col + 1, row), (col - 1, row), (col, row + 1), (col, row - 1)):
            if 0 <= nr < height and 0 <= nc < width and 0 <= field[nr][nc] < here:
                col, row = nc, nr
                break
    return col, row


def in_sight(level: Level, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether the straight line between two cells' centres crosses no wall (both cells on the map)."""
    (ac, ar), (bc, br) = a, b
    steps = max(abs(bc - ac), abs(br - ar)) * 3
    walls = level.walls
    dc, dr = (bc - ac) / steps if steps else 0.0, (br - ar) / steps if steps else 0.0
    x, y = ac + 0.5, ar + 0.5
    for _ in range(1, steps):
        x += dc
        y += dr
        if walls[int(y)][int(x)]:
            return False
    return True


def aim_of(field, col: int, row: int, level: Level) -> tuple[int, int]:
    """The farthest cell of the way to the easel from here still in a straight line of sight
    (down a corridor, at the door out of a room): where an arrow here points."""
    cell = downhill(field, col, row, 1)
    for _ in range(SIGHT_STEPS):
        nxt = downhill(field, *cell, 1)
        if nxt == cell or not in_sight(level, (col, row), nxt):
            break
        cell = nxt
    return cell


def sign_toward_stage(field, col: int, row: int, level: Level | None = None) -> SignSpec | None:
    """An arrow on a cell, pointing along the way to the easel (None where no way leads there),
    at its aim (aim_of) so following it never means walking into a wall."""
    if field[row][col] <= 0:
        return None
    return arrow(col, row, aim_of(field, col, row, level) if level is not None else downhill(field, col, row))


def arrow(col: int, row: int, aim: tuple[int, int]) -> SignSpec:
    """An arrow on a cell, pointing at another."""
    angle = math.degrees(math.atan2(aim[1] - row, aim[0] - col))
    return SignSpec((col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE, round(angle, 1))


def as_grid(field) -> np.ndarray:
    """The stage field as a grid [row, col], for the whole-level questions asked of it."""
    height, width = len(field), len(field[0]) if field else 0
    return np.fromiter(chain.from_iterable(field), np.int64, height * width).reshape(height, width)


def doorways(level: Level, steps: np.ndarray) -> list[tuple[int, int]]:
    """Walkable cells squeezed between walls on two opposite sides, with floor beyond both ends: doors
    and corridor mouths; row by row from the bottom. `steps` is the stage field (as_grid)."""
    walls = np.asarray(level.walls, bool).reshape(level.height, level.width)
    left, right, down, up = walls[1:-1, :-2], walls[1:-1, 2:], walls[:-2, 1:-1], walls[2:, 1:-1]
    squeezed = (left & right & ~down & ~up) | (down & up & ~left & ~right)
    rows, cols = np.nonzero(squeezed & (steps[1:-1, 1:-1] > 0))
    return list(zip((cols + 1).tolist(), (rows + 1).tolist()))


def place_signs(level: Level, field=None) -> tuple[SignSpec, ...]:
    """Arrows where a newcomer needs them: in the doorways (one a doorway); then where each arrow
    points, the next (so one followed always leads to another, or to the easel); then wherever
    a walkable cell would still have none in sight."""
    field = field if field is not None else stage_field(level)
    steps = as_grid(field)
    signs: list[SignSpec] = []
    at: set[tuple[int, int]] = set()
    covered = [bytearray(level.width) for _ in range(level.height)]  # an arrow is in sight from here

    def near_one(col: int, row: int, within: int) -> bool:  # an arrow within `within` steps (up, down, across)
        return any((col + dc, row + dr) in at for dc in range(-within, within + 1) for dr in range(abs(dc) - within, within - abs(dc) + 1))

    def add(col: int, row: int) -> None:
        if field[row][col] <= 0:
            return
        aim = aim_of(field, col, row, level)
        signs.append(arrow(col, row, aim))
        at.add((col, row))
        cover(covered, col, row)
        # Where it points, the next arrow.
        if len(signs) < MAX_SIGNS and field[aim[1]][aim[0]] > CHAIN_ENDS_NEAR and not near_one(*aim, CHAIN_GAP):
            add(*aim)

    # A map's worth of arrows is MAX_SIGNS: past it no more places are looked at (a 512 × 512 level has ~200,000 cells).
    for col, row in doorways(level, steps):
        if len(signs) >= MAX_SIGNS:
            return tuple(signs)
        if not near_one(col, row, DOORWAY_GAP):  # one arrow for a doorway two or three cells wide
            add(col, row)
    # From the far end of the level inward (ties: the larger column, then row): wherever no arrow is in sight yet, add one.
    rows, cols = np.nonzero(steps > CHAIN_ENDS_NEAR)
    farthest_first = np.lexsort((rows, cols, steps[rows, cols]))[::-1]
    for col, row in zip(cols[farthest_first].tolist(), rows[farthest_first].tolist()):
        if len(signs) >= MAX_SIGNS:
            break
        if not covered[row][col]:
            add(col, row)
    return tuple(signs)


def cover(covered: list[bytearray], col: int, row: int) -> None:
    """Mark the cells from which a mark at (col, row) is in sight."""
    sx, sy = SEEN_TILES
    width = len(covered[0])
    lo, hi = max(0, col - sx), min(width, col + sx + 1)
    for r in range(max(0, row - sy), min(len(covered), row + sy + 1)):
        covered[r][lo:hi] = b"\x01" * (hi - lo)


def easel_lamp(level: Level) -> LightSpec | None:
    """A steady lamp in front of the easel, if no light is near it already."""
    easel = level.masterpiece
    if easel is None:
        return None
    ex, ey = easel.center
    if any(math.hypot(light.x - ex, light.y - ey) <= EASEL_LAMP_NEAR for light in level.lights):
        return None
    below = ey - easel.height / 2 - TILE_SIZE * 0.75
    y = below if not level.is_wall(*level.cell_of(ex, below)) else ey + easel.height / 2 + TILE_SIZE * 0.75
    return LightSpec(ex, y, EASEL_LAMP.radius, EASEL_LAMP.color, EASEL_LAMP.intensity, EASEL_LAMP.flicker, EASEL_LAMP.kind)


def cues_on_screen_share(level: Level, field=None) -> float:
    """Of the walkable cells with a way to the easel, the share from which an arrow or the easel is in sight."""
    field = field if field is not None else stage_field(level)
    covered = [bytearray(level.width) for _ in range(level.height)]
    marks = [level.cell_of(s.x, s.y) for s in level.signs]
    if level.masterpiece is not None:
        marks.append(level.cell_of(*level.masterpiece.center))
    for col, row in marks:
        cover(covered, col, row)
    cells = [(c, r) for r in range(level.height) for c in range(level.width) if field[r][c] >= 0]
    return sum(covered[r][c] for c, r in cells) / len(cells) if cells else 0.0


def mark_the_way(level: Level) -> Level:
    """A backstage with its way marked: the easel's lamp if nothing lights it, arrows if the map
    has none (and the arrows a map places without an angle turned toward the stage)."""
    if level.kind != "backstage" or level.masterpiece is None:
        return level
    lamp = easel_lamp(level)
    if lamp is not None:
        level = replace(level, lights=level.lights + (lamp,))
    field = stage_field(level)
    if not level.signs:
        return replace(level, signs=place_signs(level, field))
    signs = []
    for sign in level.signs:
        if sign.angle is None:
            turned = sign_toward_stage(field, *level.cell_of(sign.x, sign.y), level)
            sign = SignSpec(sign.x, sign.y, turned.angle if turned is not None else 0.0)
        signs.append(sign)
    return replace(level, signs=tuple(signs))
