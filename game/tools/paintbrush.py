"""Paintbrush: follow a guide stroke across the flaw while the hand trembles with panic.

A bead of light travels along a gentle curve through the flaw; the player keeps the brush tip
on it with the stick, holding USE to lay paint. Every tick on the line adds progress; the tip
shakes with the tremble, so panic is felt in the hand. Where the brush strayed furthest, and
which pigment it dragged, is where and how the flaw spreads.
"""

from __future__ import annotations

import math

from game.sim.actions import Actions, Button
from game.sim.flaw import Mark
from game.sim.minigame import Minigame, clamp, mix
from game.tools.tool import Sound, Tool, steer

LEAD_IN_TICKS = 40  # the bead waits this long at the start of the line
STROKE_TICKS = 360  # s×60 the bead takes along the whole line
STROKE_HALF_WIDTH = 0.15  # canvas units from the flaw's centre to each end of the line
STROKE_WAVE = 0.045  # canvas units: how far the curve swings
ON_LINE = 0.012  # canvas units: tip this close to the bead counts fully
OFF_LINE = 0.045  # ...and this far away counts nothing
BRUSH_SPEED = 0.14  # canvas units per s at full stick
PAINT_ABOVE = (150, 34, 40)  # the madder the brush drags when it strays above the line
PAINT_BELOW = (38, 46, 120)  # the indigo when it strays below
TRAIL_LENGTH = 160  # points of the painted stroke kept for the renderer


class Paintbrush(Minigame):
    tool = "paintbrush"
    TIME_LIMIT_TICKS = LEAD_IN_TICKS + STROKE_TICKS + 20
    REACH = (STROKE_HALF_WIDTH + 0.02, 0.13)  # the whole guide line, its swing and tilt
    HINT = "steer the brush onto the moving light · hold USE to paint · CANCEL to stop"

    def __init__(self, world, attempt: int):
        super().__init__(world, attempt)
        self.waves = self.rng.choice((1.0, 1.5, 2.0))
        self.phase = self.rng.uniform(0.0, 2.0 * math.pi)
        self.tilt = self.rng.uniform(-0.05, 0.05)
        self.hand = self.path(0.0)
        self.cursor = self.hand
        self.worst = (0.0, self.hand[0], self.hand[1], 0.0)  # distance, u, v, path angle
        self.above = 0.0  # ticks spent off the line above / below, for the pigment
        self.below = 0.0
        self.painted = 0  # ticks with USE held
        self.trail: list[tuple[float, float]] = []

    def path(self, s: float) -> tuple[float, float]:
        """The guide line, s in 0..1 from its left end to its right."""
        cu, cv = self.centre
        u = cu - STROKE_HALF_WIDTH + 2.0 * STROKE_HALF_WIDTH * s
        v = cv + self.tilt * (s - 0.5) + STROKE_WAVE * math.sin(math.pi * self.waves * s * 2.0 + self.phase) - STROKE_WAVE * math.sin(self.phase)
        return (u, v)

    @property
    def bead_s(self) -> float:
        return clamp((self.ticks - LEAD_IN_TICKS) / STROKE_TICKS, 0.0, 1.0)

    @property
    def bead(self) -> tuple[float, float]:
        return self.path(self.bead_s)

    def play(self, world, inp) -> None:
        self.move_hand(world, inp, speed=BRUSH_SPEED)
        if self.ticks <= LEAD_IN_TICKS:
            return
        bu, bv = self.bead
        cu, cv = self.cursor
        distance = math.hypot(cu - bu, cv - bv)
        on_line = clamp((OFF_LINE - distance) / (OFF_LINE - ON_LINE), 0.0, 1.0)
        painting = inp.is_held(Button.USE_TOOL)
        if painting:
            self.painted += 1
            self.trail.append(self.cursor)
            if len(self.trail) > TRAIL_LENGTH:
                del self.trail[0]
            self.progress += on_line / STROKE_TICKS
        if distance > self.worst[0]:
            u0, v0 = self.path(max(0.0, self.bead_s - 0.01))
            self.worst = (distance, cu, cv, math.atan2(bv - v0, bu - u0))
        if cv > bv:
            self.above += 1
        else:
            self.below += 1

    def quality(self) -> float:
        return self.progress / self.fail_point

    def mark(self) -> Mark:
        _, u, v, angle = self.worst
        if self.worst[0] < ON_LINE:  # a steady hand: it breaks where the bristles are now
            u, v = self.cursor
        total = self.above + self.below
        colour = mix(PAINT_BELOW, PAINT_ABOVE, self.above / total if total else 0.5)
        return Mark(u, v, angle, 2.2 + 1.5 * self.quality(), colour, "streak")

    def own_state(self) -> tuple:
        return (self.waves, self.phase, self.tilt, self.worst, self.above, self.below, self.painted, tuple(self.trail))


# -- how it looks, how the bot plays it --------------------------------------------------


def paint(painter, world, game: Paintbrush) -> None:
    """The dotted guide line, the stroke laid so far, and the bead of light to follow."""
    to = painter.to_screen
    for k in range(61):
        x, y = to(*game.path(k / 60))
        painter.put("dot", x, y, 7, None, (245, 232, 200), 150)
    for point in game.trail:
        x, y = to(*point)
        painter.put("soft", x, y, 22, None, (120, 40, 60), 200)
    bx, by = to(*game.bead)
    glow = 34 + 8 * math.sin(world.tick * 0.3)
    painter.put("soft", bx, by, glow * 1.6, None, (255, 230, 150), 200)
    painter.put("ring", bx, by, glow, None, (255, 240, 190), 255)


def play(world, game: Paintbrush) -> Actions:
    """Ride the bead: aim a tick ahead of it, feeding its own speed forward, brush down."""
    s = game.bead_s
    ahead = game.path(min(1.0, s + 1.0 / STROKE_TICKS))
    here = game.path(s)
    feed = ((ahead[0] - here[0]) * 60 / BRUSH_SPEED, (ahead[1] - here[1]) * 60 / BRUSH_SPEED)
    if game.ticks < LEAD_IN_TICKS:  # settle on the start of the line
        feed = (0.0, 0.0)
    return Actions(steer(game.hand, ahead, feed=feed), frozenset({Button.USE_TOOL}))


def picture(draw) -> None:
    wood, ink = (150, 100, 60, 255), (30, 24, 22, 255)
    draw.line((20, 90, 66, 30), fill=ink, width=11)
    draw.line((20, 90, 66, 30), fill=wood, width=7)
    draw.polygon([(62, 26), (72, 34), (90, 6)], fill=(150, 34, 40, 255), outline=ink)


TOOL = Tool(
    id="paintbrush",
    name="paintbrush",
    minigame=Paintbrush,
    paint=paint,
    play=play,
    picture=picture,
    colour=(200, 60, 70),
    working=Sound("brush_scrape", "[brush scrapes]"),
    failing=Sound("brush_scrape", "[brush skids]"),
    failing_words="the bristles drag the dark across the weave",
)
