"""A* on the tile grid for the autoplay bot, with the props drawn into it as the bot sees them now."""

from __future__ import annotations

import heapq
import math

from game.level.model import TILE_SIZE
from game.sim.bodies import PLAYER_RADIUS

PUSH_COST = 6.0  # extra path cost of a cell a movable prop stands in


def _neighbours(cell):
    col, row = cell
    return ((col + 1, row), (col - 1, row), (col, row + 1), (col, row - 1))


class Planner:
    """A* on the tile grid, with props drawn into it as the bot sees them now."""

    def __init__(self, world):
        self.world = world
        self.penalties: dict[tuple[int, int], float] = {}  # cells where the body got stuck before

    def costs(self, margin: float = PLAYER_RADIUS + 1.0) -> dict[tuple[int, int], float]:
        """Extra cost per cell: inf where a fixed prop stands, PUSH_COST where a movable one does."""
        extra: dict[tuple[int, int], float] = dict(self.penalties)
        for prop in self.world.props:
            if prop.shape.space is None:  # torn loose already
                continue
            xs = [p[0] for p in prop.corners()]
            ys = [p[1] for p in prop.corners()]
            cost = PUSH_COST if prop.spec.movable else math.inf
            for col in range(int((min(xs) - margin) // TILE_SIZE), int((max(xs) + margin) // TILE_SIZE) + 1):
                for row in range(int((min(ys) - margin) // TILE_SIZE), int((max(ys) + margin) // TILE_SIZE) + 1):
                    # A fixed prop blocks a cell only if it covers the cell's centre region.
                    cx, cy = (col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE
                    if cost == math.inf and not (min(xs) - margin <= cx <= max(xs) + margin and min(ys) - margin <= cy <= max(ys) + margin):
                        continue
                    extra[(col, row)] = extra.get((col, row), 0.0) + cost
        return extra

    def path(self, start: tuple[float, float], goal: tuple[float, float]) -> list[tuple[float, float]]:
        """Around fixed props with room to spare; failing that, squeezing past them."""
        return self._path(start, goal, PLAYER_RADIUS + 1.0) or self._path(start, goal, PLAYER_RADIUS * 0.3)

    def _path(self, start: tuple[float, float], goal: tuple[float, float], margin: float) -> list[tuple[float, float]]:
        level = self.world.level
        begin, end = level.cell_of(*start), level.cell_of(*goal)
        extra = self.costs(margin)
        extra.pop(begin, None)
        if extra.get(end, 0.0) == math.inf:
            extra[end] = PUSH_COST  # the goal itself (a tool by a crate): try anyway
        came: dict = {begin: None}
        best = {begin: 0.0}
        frontier = [(0.0, 0, begin)]
        order = 0
        while frontier:
            _, _, cell = heapq.heappop(frontier)
            if cell == end:
                break
            for nxt in _neighbours(cell):
                if level.is_wall(*nxt):
                    continue
                step = 1.0 + extra.get(nxt, 0.0)
                if step == math.inf:
                    continue
                cost = best[cell] + step
                if cost < best.get(nxt, math.inf):
                    best[nxt] = cost
                    came[nxt] = cell
                    order += 1
                    heapq.heappush(frontier, (cost + abs(nxt[0] - end[0]) + abs(nxt[1] - end[1]), order, nxt))
        if end not in came:
            return []
        cells = []
        cell = end
        while cell is not None:
            cells.append(cell)
            cell = came[cell]
        cells.reverse()
        points = [level.cell_center(*c) for c in cells[1:]]
        return points[:-1] + [goal] if points else [goal]
