"""Varnish: seal the flaw under an even coat before it sets — and seal the dark in with it.

Holding USE lays varnish under the brush as it moves over the round patch around the flaw.
A cell with a full coat is sealed (progress); a brush left too long in one place pools the
varnish there. The coat sets when time runs out. Where the pools lie, the sweep of the strokes
and how thick it went on decide where the trapped darkness spreads and how amber it turns.
"""

from __future__ import annotations

import math

from game.sim.actions import Button
from game.sim.flaw import Mark
from game.sim.minigames.base import DT, Minigame, clamp, mix

GRID = 9  # cells a side of the square the round patch sits in
CELL = 0.018  # canvas units per cell
PATCH_RADIUS = 4.3  # cells: the patch to seal is the round part of the grid
BRUSH_RADIUS = 0.028  # canvas units the varnish brush covers
COAT_PER_S = 2.2  # coat per s under the brush's middle (1 = sealed)
POOL_COAT = 2.4  # thicker than this, the varnish pools
VARNISH_SPEED = 0.17  # canvas units per s at full stick
TIME_LIMIT_S = 13.0
AMBER = (120, 78, 24)
BURNT = (52, 34, 14)


class Varnish(Minigame):
    tool = "varnish"
    TIME_LIMIT_TICKS = int(TIME_LIMIT_S * 60)
    HINT = "hold USE and sweep the varnish evenly over the patch · keep moving · CANCEL to stop"

    def __init__(self, world, attempt: int):
        super().__init__(world, attempt)
        self.cells = tuple(
            (col, row)
            for row in range(GRID)
            for col in range(GRID)
            if math.hypot(col - (GRID - 1) / 2, row - (GRID - 1) / 2) <= PATCH_RADIUS
        )
        self.coat = [[0.0] * GRID for _ in range(GRID)]  # coat[row][col]
        self.sweep = (0.0, 0.0)  # summed stroke directions as an axis
        self.brushing = False
        self.hand = (self.centre[0] - GRID * CELL * 0.45, self.centre[1] + GRID * CELL * 0.45)
        self.cursor = self.hand

    def cell_centre(self, col: int, row: int) -> tuple[float, float]:
        cu, cv = self.centre
        return (cu + (col - (GRID - 1) / 2) * CELL, cv + (row - (GRID - 1) / 2) * CELL)

    def play(self, world, inp) -> None:
        vx, vy = self.move_hand(world, inp, speed=VARNISH_SPEED, radius=GRID * CELL * 0.65)
        self.brushing = inp.is_held(Button.USE_TOOL)
        if not self.brushing:
            return
        speed = math.hypot(vx, vy)
        if speed > 1e-6:
            a = 2.0 * math.atan2(vy, vx)
            self.sweep = (self.sweep[0] + speed * math.cos(a), self.sweep[1] + speed * math.sin(a))
        laid = COAT_PER_S * DT
        bu, bv = self.cursor
        for col, row in self.cells:
            u, v = self.cell_centre(col, row)
            distance = math.hypot(u - bu, v - bv)
            if distance < BRUSH_RADIUS:
                self.coat[row][col] += laid * (1.0 - 0.5 * distance / BRUSH_RADIUS)
        self.progress = self.sealed_fraction()

    def cell_state(self, col: int, row: int) -> str:
        coat = self.coat[row][col]
        return "bare" if coat < 1.0 else "sealed" if coat < POOL_COAT else "pooled"

    def sealed_fraction(self) -> float:
        return sum(1 for col, row in self.cells if self.cell_state(col, row) == "sealed") / len(self.cells)

    def mark(self) -> Mark:
        pools = [(c, r) for c, r in self.cells if self.cell_state(c, r) == "pooled"]
        if pools:
            u = sum(self.cell_centre(c, r)[0] for c, r in pools) / len(pools)
            v = sum(self.cell_centre(c, r)[1] for c, r in pools) / len(pools)
        else:
            u, v = self.cursor
        sx, sy = self.sweep
        angle = 0.5 * math.atan2(sy, sx) if (sx or sy) else 0.0
        stretch = 1.3 + clamp(math.hypot(sx, sy) / 4.0, 0.0, 2.0)
        thickness = sum(self.coat[r][c] for c, r in self.cells) / len(self.cells)
        colour = mix(AMBER, BURNT, clamp(thickness / POOL_COAT + len(pools) / 10.0, 0.0, 1.0))
        return Mark(u, v, angle, stretch, colour, "glaze")

    def own_state(self) -> tuple:
        return (tuple(tuple(row) for row in self.coat), self.sweep, self.brushing)
