"""The autoplay player: looks at the world like a player looks at the screen, and only sends actions.

(Foundation version: walks to the easel by breadth-first search on the tile grid and presses
interact through each beat. The story issue grows it into a bot that plays every beat.)
"""

from __future__ import annotations

import math
from collections import deque

from game.sim.actions import Actions, Button
from game.sim.story import Beat

ARRIVE = 6.0  # px from a waypoint's centre that counts as reached


def find_path(level, start: tuple[float, float], goal: tuple[float, float]) -> list[tuple[float, float]]:
    """Tile centres from start to goal (inclusive of the goal's cell), or [] if unreachable."""
    begin, end = level.cell_of(*start), level.cell_of(*goal)
    came: dict[tuple[int, int], tuple[int, int] | None] = {begin: None}
    frontier = deque([begin])
    while frontier:
        cell = frontier.popleft()
        if cell == end:
            break
        col, row = cell
        for step in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nxt = (col + step[0], row + step[1])
            if nxt not in came and not level.is_wall(*nxt):
                came[nxt] = cell
                frontier.append(nxt)
    if end not in came:
        return []
    path = []
    cell = end
    while cell is not None:
        path.append(level.cell_center(*cell))
        cell = came[cell]
    path.reverse()
    return path


class Bot:
    def __init__(self, world):
        self.world = world
        self.path: list[tuple[float, float]] = []
        self.goal = None
        self.tick_of_press = -10

    def steer_to(self, goal: tuple[float, float]) -> tuple[float, float]:
        world = self.world
        if goal != self.goal or not self.path:
            self.goal = goal
            self.path = find_path(world.level, world.player.position, goal)
        px, py = world.player.position
        while self.path and math.hypot(self.path[0][0] - px, self.path[0][1] - py) < ARRIVE:
            self.path.pop(0)
        if not self.path:
            return (0.0, 0.0)
        tx, ty = self.path[0]
        dx, dy = tx - px, ty - py
        length = math.hypot(dx, dy)
        return (dx / length, dy / length) if length else (0.0, 0.0)

    def tap(self, button: Button) -> frozenset:
        """Press a button on alternate ticks, so each press is a fresh edge."""
        if self.world.tick - self.tick_of_press >= 2:
            self.tick_of_press = self.world.tick
            return frozenset({button})
        return frozenset()

    def actions(self) -> Actions:
        world = self.world
        if world.story.beat is Beat.BACKSTAGE and world.level.masterpiece is not None:
            from game.sim.beats.backstage import near_easel

            if not near_easel(world):
                return Actions(self.steer_to(world.level.masterpiece.center))
        return Actions((0.0, 0.0), self.tap(Button.INTERACT))
