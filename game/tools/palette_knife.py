"""Palette knife: scrape the stained paint off, cell by cell, without cutting into the layer below.

The flaw sits on a small grid of paint cells. Holding USE drags the knife: every cell under
its edge loses paint. A stained cell scraped just enough comes up clean (progress); scraped
too long it is gouged and shows the darker layer beneath. Where the knife dug deepest, the
way it was dragged and how deep it went decide how the flaw spreads.
"""

from __future__ import annotations

import math

from game.sim.actions import IDLE, Actions, Button
from game.sim.flaw import Mark
from game.sim.minigame import Minigame, clamp, mix
from game.sim.timestep import DT
from game.tools.tool import Sound, Tool, near, steer

GRID = 7  # cells a side
CELL = 0.022  # canvas units per cell
KNIFE_HALF_WIDTH = 0.018  # canvas units: cells whose centre is this close to the edge are scraped
SCRAPE_PER_S = 3.5  # depth per s under the knife (1 = the stain is off)
CLEAN_DEPTH = 1.0  # a stained cell at this depth shows clean paint...
GOUGE_DEPTH = 1.7  # ...and past this the darker layer beneath
STAIN_CELLS = (12, 18)  # how many cells the stain covers
KNIFE_SPEED = 0.16  # canvas units per s at full stick
TIME_LIMIT_S = 14.0
UNDER_LAYER = (46, 30, 26)  # the old umber ground under the painting
DEEP_LAYER = (24, 20, 44)  # what a gouge reveals: the blue-black of the first sketch


class PaletteKnife(Minigame):
    tool = "palette_knife"
    TIME_LIMIT_TICKS = int(TIME_LIMIT_S * 60)
    REACH = (GRID * CELL * 0.7, GRID * CELL * 0.7)  # the grid of layers and a little past its edge
    HINT = "hold USE and drag the knife over the stain · lift before it gouges · CANCEL to stop"

    def __init__(self, world, attempt: int):
        super().__init__(world, attempt)
        # The stain: a random walk of cells from the middle, so it is one ragged patch.
        middle = GRID // 2
        cells = {(middle, middle)}
        col, row = middle, middle
        target = self.rng.randint(*STAIN_CELLS)
        while len(cells) < target:
            dc, dr = self.rng.choice(((1, 0), (-1, 0), (0, 1), (0, -1)))
            col, row = max(0, min(GRID - 1, col + dc)), max(0, min(GRID - 1, row + dr))
            cells.add((col, row))
        self.stained = tuple(sorted(cells))
        self.depth = [[0.0] * GRID for _ in range(GRID)]  # depth[row][col]
        self.drag = (0.0, 0.0)  # summed |motion| while scraping, as an axis (for the mark)
        self.scraping = False
        self.hand = (self.centre[0] - 0.06, self.centre[1] - 0.06)
        self.cursor = self.hand

    def cell_centre(self, col: int, row: int) -> tuple[float, float]:
        cu, cv = self.centre
        return (cu + (col - (GRID - 1) / 2) * CELL, cv + (row - (GRID - 1) / 2) * CELL)

    def play(self, world, inp) -> None:
        vx, vy = self.move_hand(world, inp, speed=KNIFE_SPEED)
        self.scraping = inp.is_held(Button.USE_TOOL)
        if not self.scraping:
            return
        # Drag direction as an axis: angle doubled, so back-and-forth strokes add up.
        speed = math.hypot(vx, vy)
        if speed > 1e-6:
            a = 2.0 * math.atan2(vy, vx)
            self.drag = (self.drag[0] + speed * math.cos(a), self.drag[1] + speed * math.sin(a))
        ku, kv = self.cursor
        for row in range(GRID):
            for col in range(GRID):
                u, v = self.cell_centre(col, row)
                if abs(u - ku) <= KNIFE_HALF_WIDTH and abs(v - kv) <= KNIFE_HALF_WIDTH:
                    self.depth[row][col] += SCRAPE_PER_S * DT
        self.progress = self.clean_fraction()

    def cell_state(self, col: int, row: int) -> str:
        """"stain", "clean", "gouged" for stained cells; "paint" or "gouged" for the rest."""
        depth = self.depth[row][col]
        if (col, row) in self.stained:
            return "stain" if depth < CLEAN_DEPTH else "clean" if depth < GOUGE_DEPTH else "gouged"
        return "gouged" if depth >= GOUGE_DEPTH - CLEAN_DEPTH else "paint"

    def clean_fraction(self) -> float:
        clean = sum(1 for col, row in self.stained if CLEAN_DEPTH <= self.depth[row][col] < GOUGE_DEPTH)
        return clean / len(self.stained)

    def gouges(self) -> int:
        return sum(1 for row in range(GRID) for col in range(GRID) if self.cell_state(col, row) == "gouged")

    def mark(self) -> Mark:
        total = sum(sum(row) for row in self.depth)
        if total > 1e-9:
            u = sum(self.cell_centre(c, r)[0] * self.depth[r][c] for r in range(GRID) for c in range(GRID)) / total
            v = sum(self.cell_centre(c, r)[1] * self.depth[r][c] for r in range(GRID) for c in range(GRID)) / total
        else:
            u, v = self.cursor
        # Push the mark out to where the deepest cut is, so gouges drag the flaw their way.
        deepest = max(((self.depth[r][c], c, r) for r in range(GRID) for c in range(GRID)))
        if deepest[0] > 0:
            du, dv = self.cell_centre(deepest[1], deepest[2])
            u, v = (u + du) / 2, (v + dv) / 2
        dx, dy = self.drag
        angle = 0.5 * math.atan2(dy, dx) if (dx or dy) else 0.0
        strength = math.hypot(dx, dy)
        stretch = 1.2 + clamp(strength / 3.0, 0.0, 2.3)
        colour = mix(UNDER_LAYER, DEEP_LAYER, self.gouges() / 8.0)
        return Mark(u, v, angle, stretch, colour, "streak")

    def own_state(self) -> tuple:
        return (self.stained, tuple(tuple(row) for row in self.depth), self.drag, self.scraping)


# -- how it looks, how the bot plays it --------------------------------------------------


def paint(painter, world, game: PaletteKnife) -> None:
    """The grid of paint: stain, clean, gouged; and the knife's blade."""
    to = painter.to_screen
    cell = painter.px(CELL)
    for row in range(GRID):
        for col in range(GRID):
            x, y = to(*game.cell_centre(col, row))
            state = game.cell_state(col, row)
            if state == "stain":
                painter.put("square", x, y, cell * 0.96, None, (70, 40, 48), 200 * (1.0 - 0.6 * game.depth[row][col]))
            elif state == "clean":
                painter.put("square", x, y, cell * 0.96, None, (240, 220, 170), 70)
            elif state == "gouged":
                painter.put("square", x, y, cell * 0.96, None, (14, 10, 24), 235)
    kx, ky = to(*game.cursor)
    blade = painter.px(KNIFE_HALF_WIDTH * 2)
    painter.put("square", kx, ky, blade, blade, (220, 225, 235), 150 if game.scraping else 70)


def play(world, game: PaletteKnife) -> Actions:
    """Go to the nearest stained cell not yet clean, scrape it, lift before it gouges."""
    targets = [(c, r) for c, r in game.stained if game.depth[r][c] < CLEAN_DEPTH + 0.2]
    if not targets:
        return IDLE
    cu, cv = game.hand

    def distance(cell):
        u, v = game.cell_centre(*cell)
        return (math.hypot(u - cu, v - cv), cell)

    goal = game.cell_centre(*min(targets, key=distance))
    if near(game.hand, goal, 0.0035):
        return Actions((0.0, 0.0), frozenset({Button.USE_TOOL}))
    return Actions(steer(game.hand, goal, gain=120.0))


def picture(draw) -> None:
    wood, steel, ink = (150, 100, 60, 255), (200, 205, 215, 255), (30, 24, 22, 255)
    draw.line((14, 90, 44, 58), fill=wood, width=9)
    draw.polygon([(44, 58), (88, 10), (92, 16), (52, 62)], fill=steel, outline=ink)


TOOL = Tool(
    id="palette_knife",
    name="palette knife",
    minigame=PaletteKnife,
    paint=paint,
    play=play,
    picture=picture,
    colour=(190, 196, 210),
    working=Sound("knife_scrape", "[knife scrapes]"),
    failing=Sound("knife_scrape", "[knife gouges]"),
    failing_words="the blade goes through: darker paint beneath",
)
