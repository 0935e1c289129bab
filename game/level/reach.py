"""Where the dreamer can walk: free cells, flood fills, and the playability check every level must pass.

A cell is free when it is floor and no blocking prop touches it. The player is a circle of
radius 10 px and a tile is 32 px, so two free cells side by side always leave room to pass;
only 4-neighbour steps are taken (no squeezing between diagonal corners).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from operator import not_

import numpy as np

from game.level.model import TILE_SIZE, Level, PropSpec

EASEL_REACH = 48.0  # px from the easel's edge within which the player can inspect it (beats/backstage.py)
TOOL_REACH = 30.0  # px between the player's centre and a tool it picks up (sim/tools.py)
FOOTPRINT_SLACK = 1.0  # px a prop may overhang into a cell without taking it


def prop_cells(prop: PropSpec, width: int, height: int) -> list[tuple[int, int]]:
    """The cells (col, row) a prop's box touches, clipped to the map."""
    x0 = prop.x - prop.width / 2 + FOOTPRINT_SLACK
    x1 = prop.x + prop.width / 2 - FOOTPRINT_SLACK
    y0 = prop.y - prop.height / 2 + FOOTPRINT_SLACK
    y1 = prop.y + prop.height / 2 - FOOTPRINT_SLACK
    c0, c1 = max(0, int(x0 // TILE_SIZE)), min(width - 1, int(x1 // TILE_SIZE))
    r0, r1 = max(0, int(y0 // TILE_SIZE)), min(height - 1, int(y1 // TILE_SIZE))
    return [(c, r) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


def free_grid(level: Level, movable_block: bool = True) -> list[bytearray]:
    """free[row][col] is 1 where the player can stand. Movable props block unless told otherwise."""
    free = [bytearray(map(not_, row)) for row in level.walls]
    for prop in level.props:
        if prop.movable and not movable_block:
            continue
        for col, row in prop_cells(prop, level.width, level.height):
            free[row][col] = 0
    return free


def floor_mask(free: list[bytearray]) -> np.ndarray:
    """A free grid (free_grid) as a grid of bools, [row, col]."""
    return np.frombuffer(b"".join(free), np.uint8).reshape(len(free), len(free[0]) if free else 0) != 0


def distances(free: list[bytearray], start: tuple[int, int], *more: tuple[int, int]) -> list[list[int]]:
    """Steps from the start cell (or the nearest of several) to every cell (-1 where it cannot be reached).

    A breadth-first fill, a wave of cells a step at a time, over the cells as one flat row with a
    border of wall round the map (index = (row + 1) * span + col + 1), so no step needs a bounds
    check: a 512 x 512 map is a quarter of a million cells, and a loaded level's way to the easel
    is one such fill. Where only whether a cell is reached matters, `reached` is much quicker."""
    height, width = len(free), len(free[0]) if free else 0
    span = width + 2
    unreached = bytearray(span * (height + 2))  # 1: free and not reached yet (the border is never free)
    for row, cells in enumerate(free):
        unreached[(row + 1) * span + 1 : (row + 1) * span + 1 + width] = cells
    dist = [-1] * len(unreached)
    wave = []
    for col, row in (start, *more):
        at = (row + 1) * span + col + 1
        if 0 <= row < height and 0 <= col < width and unreached[at]:
            unreached[at] = 0
            dist[at] = 0
            wave.append(at)
    steps = 0
    while wave:
        steps += 1
        beyond = []
        append = beyond.append
        for here in wave:
            # The four sides written out (no tuples made per cell: this loop is most of a big level's load).
            there = here + 1
            if unreached[there]:
                unreached[there] = 0
                dist[there] = steps
                append(there)
            there = here - 1
            if unreached[there]:
                unreached[there] = 0
                dist[there] = steps
                append(there)
            there = here + span
            if unreached[there]:
                unreached[there] = 0
                dist[there] = steps
                append(there)
            there = here - span
            if unreached[there]:
                unreached[there] = 0
                dist[there] = steps
                append(there)
        wave = beyond
    return [dist[(row + 1) * span + 1 : (row + 1) * span + 1 + width] for row in range(height)]


def reached(free: list[bytearray], start: tuple[int, int], *more: tuple[int, int]) -> np.ndarray:
    """reached[row, col] is True where a cell can be walked to from the start cell (or any of several).

    The fill goes run by run (a run: free cells side by side in one row), not cell by cell: a
    512 x 512 map of rooms is a quarter of a million cells but some thousands of runs. Two runs
    in rows next to each other are joined where their columns overlap (4-neighbour steps)."""
    height, width = len(free), len(free[0]) if free else 0
    padded = np.zeros((height, width + 2), np.int8)  # a wall either side of each row: every run ends
    padded[:, 1:-1] = floor_mask(free)
    edges = np.diff(padded, axis=1)  # 1 at a run's first column, -1 at the column past its last
    run_rows, run_starts = np.nonzero(edges == 1)
    run_ends = np.nonzero(edges == -1)[1]  # runs in the same order: by row, then column
    rows, starts, ends = run_rows.tolist(), run_starts.tolist(), run_ends.tolist()
    first = np.searchsorted(run_rows, np.arange(height + 1)).tolist()  # row r's runs: first[r] to first[r + 1]
    seen = bytearray(len(starts))
    frontier = []
    for col, row in (start, *more):
        if 0 <= row < height and 0 <= col < width and free[row][col]:
            run = bisect_right(ends, col, first[row], first[row + 1])  # the first run ending past col holds it
            if not seen[run]:
                seen[run] = 1
                frontier.append(run)
    for run in frontier:  # the list grows as it is read: a queue without a deque
        row, lo, hi = rows[run], starts[run], ends[run]
        for beside in (row - 1, row + 1):
            if 0 <= beside < height:
                other, last = bisect_right(ends, lo, first[beside], first[beside + 1]), first[beside + 1]
                while other < last and starts[other] < hi:
                    if not seen[other]:
                        seen[other] = 1
                        frontier.append(other)
                    other += 1
    taken = np.frombuffer(bytes(seen), np.uint8).astype(bool)
    marks = np.zeros((height, width + 1), np.int8)  # +1 where a reached run starts, -1 past its end
    marks[run_rows[taken], run_starts[taken]] = 1
    marks[run_rows[taken], run_ends[taken]] = -1
    return np.cumsum(marks, axis=1)[:, :width] > 0


def _distance_to_rect(px: float, py: float, rect) -> float:
    dx = max(rect.x - px, 0.0, px - (rect.x + rect.width))
    dy = max(rect.y - py, 0.0, py - (rect.y + rect.height))
    return math.hypot(dx, dy)


def reachable_near(reached_at: np.ndarray, x: float, y: float, reach: float, rect=None) -> bool:
    """Whether some cell set in `reached_at` (a grid from `reached`) has its centre within `reach` px of a point (or of a rect's edge)."""
    height, width = reached_at.shape
    span = int(reach // TILE_SIZE) + 2
    if rect is not None:
        c0, c1 = int(rect.x // TILE_SIZE) - span, int((rect.x + rect.width) // TILE_SIZE) + span
        r0, r1 = int(rect.y // TILE_SIZE) - span, int((rect.y + rect.height) // TILE_SIZE) + span
    else:
        c0, c1 = int(x // TILE_SIZE) - span, int(x // TILE_SIZE) + span
        r0, r1 = int(y // TILE_SIZE) - span, int(y // TILE_SIZE) + span
    for row in range(max(0, r0), min(height - 1, r1) + 1):
        for col in range(max(0, c0), min(width - 1, c1) + 1):
            if not reached_at[row, col]:
                continue
            cx, cy = (col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE
            gap = _distance_to_rect(cx, cy, rect) if rect is not None else math.hypot(cx - x, cy - y)
            if gap <= reach:
                return True
    return False


def playability_problems(level: Level, movable_block: bool = False) -> list[str]:
    """What keeps a level from being played through: the spawn shut in, the easel or a tool out of reach.

    Movable props do not block by default (the player can push them); the generator checks with
    them blocking, a stronger promise.
    """
    problems = []
    free = free_grid(level, movable_block)
    spawn_cell = level.cell_of(*level.spawn)
    col, row = spawn_cell
    if not (0 <= row < level.height and 0 <= col < level.width) or not free[row][col]:
        what = "outside the map" if level.is_wall(col, row) and not (0 <= row < level.height and 0 <= col < level.width) else "in a wall or a prop"
        return [f"spawn at ({level.spawn[0]:g}, {level.spawn[1]:g}) is {what}: expected a free floor cell"]
    from_spawn = reached(free, spawn_cell)
    easel = level.masterpiece
    if easel is not None and not reachable_near(from_spawn, 0, 0, EASEL_REACH, rect=easel):
        problems.append(
            f"masterpiece at ({easel.x:g}, {easel.y:g}) cannot be reached from the spawn: "
            f"expected a walkable floor cell within {EASEL_REACH:g} px of it"
        )
    for tool in level.tools:
        if not reachable_near(from_spawn, tool.x, tool.y, TOOL_REACH):
            problems.append(
                f"tool {tool.tool!r} at ({tool.x:g}, {tool.y:g}) cannot be reached from the spawn: "
                f"expected a walkable floor cell within {TOOL_REACH:g} px of it"
            )
    if level.kind == "vortex" and level.eye is not None and not reachable_near(from_spawn, *level.eye, TILE_SIZE):
        problems.append(f"eye at ({level.eye[0]:g}, {level.eye[1]:g}) cannot be reached from the spawn")
    return problems


def is_simple(free: list[bytearray], col: int, row: int) -> bool:
    """Whether a free cell can be taken without cutting the free cells around it apart.

    The free cells among its eight neighbours must form one run around the ring (edge neighbours
    joined through the corners between them): then every path through the cell can go round it.
    A cell with no free edge neighbour is left alone (it may be someone's only way in).
    """
    height, width = len(free), len(free[0])

    def at(c: int, r: int) -> int:
        return free[r][c] if 0 <= r < height and 0 <= c < width else 0

    ring = (
        at(col - 1, row + 1), at(col, row + 1), at(col + 1, row + 1), at(col + 1, row),
        at(col + 1, row - 1), at(col, row - 1), at(col - 1, row - 1), at(col - 1, row),
    )  # clockwise from the top-left: corners at even places, edge neighbours at odd ones
    if not (ring[1] or ring[3] or ring[5] or ring[7]):
        return False
    runs = 0
    for i in (1, 3, 5, 7):
        if ring[i] and not (ring[(i - 2) % 8] and ring[i - 1]):
            runs += 1  # an edge neighbour not joined to the one before it starts a run
    return runs <= 1


def wall_edge_count(level: Level) -> int:
    """How many straight edges the walls' outline has (runs between wall and floor; the map's
    border makes none, as outside counts as wall). The lighting casts shadows from these."""
    count = 0
    for row in range(level.height - 1):
        below, above = level.walls[row], level.walls[row + 1]
        kind = 0
        for col in range(level.width):
            here = (below[col] and not above[col]) - (above[col] and not below[col])  # +1 wall below, -1 wall above
            if here and here != kind:
                count += 1
            kind = here
    for col in range(level.width - 1):
        kind = 0
        for row in range(level.height):
            left, right = level.walls[row][col], level.walls[row][col + 1]
            here = (left and not right) - (right and not left)
            if here and here != kind:
                count += 1
            kind = here
    return count


def occluder_edges(level: Level) -> int:
    """Edges that cast shadows: the walls' outline plus four for each shadow-casting prop."""
    return wall_edge_count(level) + 4 * sum(1 for prop in level.props if prop.casts_shadow)
