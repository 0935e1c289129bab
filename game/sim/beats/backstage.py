"""Backstage: the player walks the dim rooms, picks up tools, and finds the masterpiece."""

from __future__ import annotations

import math

from game.sim.actions import Button
from game.sim.beats import Scene
from game.sim.timestep import DT

REACH = 48.0  # px from the easel's edge within which the player can inspect it


def near_easel(world, reach: float = REACH) -> bool:
    easel = world.level.masterpiece
    if easel is None:
        return False
    px, py = world.player.position
    dx = max(easel.x - px, 0.0, px - (easel.x + easel.width))
    dy = max(easel.y - py, 0.0, py - (easel.y + easel.height))
    return math.hypot(dx, dy) <= reach


class BackstageScene(Scene):
    def __init__(self):
        self.inspected = False

    def update(self, world, inp) -> None:
        world.player.drive(inp.move, DT)
        if inp.was_pressed(Button.INTERACT) and near_easel(world):
            self.inspected = True

    def looked_at_the_masterpiece(self, world) -> bool:
        """The player pressed INTERACT at the easel."""
        return self.inspected

    def hash_state(self) -> tuple:
        return (self.inspected,)
