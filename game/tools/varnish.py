"""Varnish: seal the flaw under an even coat before it sets — and seal the dark in with it.

Holding USE lays varnish under the brush as it moves over the round patch around the flaw.
A cell with a full coat is sealed (progress); a brush left too long in one place pools the
varnish there. The coat sets when time runs out. Where the pools lie, the sweep of the strokes
and how thick it went on decide where the trapped darkness spreads and how amber it turns.
"""

from __future__ import annotations

import math

from game.sim.actions import IDLE, Actions, Button
from game.sim.flaw import Mark
from game.sim.minigame import Minigame, clamp, mix
from game.sim.timestep import DT
from game.tools.tool import Sound, Tool

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
    REACH = (GRID * CELL * 0.65, GRID * CELL * 0.65)  # the patch and a little past its edge
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
        vx, vy = self.move_hand(world, inp, speed=VARNISH_SPEED)
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


# -- how it looks, how the bot plays it --------------------------------------------------

SWEEP_TICKS = 64  # the bot's one pass of the brush across the patch


def paint(painter, world, game: Varnish) -> None:
    """The patch's cells (bare, sealed, pooled) and the brush."""
    to = painter.to_screen
    cell = painter.px(CELL)
    for col, row in game.cells:
        x, y = to(*game.cell_centre(col, row))
        state = game.cell_state(col, row)
        if state == "bare":
            painter.put("square", x, y, cell * 0.9, None, (250, 240, 210), 18 + 60 * game.coat[row][col])
        elif state == "sealed":
            painter.put("square", x, y, cell * 0.96, None, (230, 170, 70), 110)
        else:
            painter.put("square", x, y, cell * 0.96, None, (150, 80, 20), 200)
    x, y = to(*game.cursor)
    painter.put("ring", x, y, painter.px(BRUSH_RADIUS * 2), None, (250, 210, 120), 220 if game.brushing else 110)


def play(world, game: Varnish) -> Actions:
    """Row by row, back and forth at full speed, never lingering (lingering pools the varnish)."""
    bare = [(c, r) for c, r in game.cells if game.coat[r][c] < 1.1]
    if not bare:
        return IDLE
    rows = sorted({r for _, r in bare}, reverse=True)
    sweep = game.ticks // SWEEP_TICKS
    row = rows[sweep % len(rows)]
    heading = 1.0 if sweep % 2 == 0 else -1.0
    goal = (game.centre[0] + heading * GRID * CELL * 0.6, game.cell_centre(0, row)[1])
    # Settle onto the row first, then sweep along it with what is left of the stick.
    my = max(-1.0, min(1.0, (goal[1] - game.hand[1]) * 120.0))
    mx = heading * math.sqrt(max(0.0, 1.0 - my * my))
    if abs(goal[0] - game.hand[0]) < 0.004:
        mx = 0.0
    return Actions((mx, my), frozenset({Button.USE_TOOL}))


def picture(draw) -> None:
    wood, ink = (150, 100, 60, 255), (30, 24, 22, 255)
    draw.rectangle((18, 56, 78, 70), fill=(80, 60, 40, 255), outline=ink, width=2)
    draw.rectangle((22, 70, 74, 92), fill=(200, 140, 50, 255), outline=ink, width=2)
    draw.line((48, 56, 48, 8), fill=wood, width=8)


TOOL = Tool(
    id="varnish",
    name="varnish",
    minigame=Varnish,
    paint=paint,
    play=play,
    picture=picture,
    colour=(200, 140, 60),
    working=Sound("brush_scrape", "[varnish drags]"),
    failing=Sound("brush_scrape", "[varnish smears]"),
    failing_words="the varnish seals the dark in, and it spreads",
)
