"""Solvent and rag: dab the dark pigment away — and watch what dissolves bleed outward.

Spots of dark pigment sit on the flaw. Each press of USE dabs the rag where it is: pigment
under it lifts (progress). The solvent wets the cloth; dabbing again before it has eased off
lifts less and pushes more of the dissolved dark outward. Which spots were lifted, and which
way the dabs pushed, decide where the tide-line blooms and what colour it takes.
"""

from __future__ import annotations

import math

from game.sim.actions import IDLE, Actions, Button
from game.sim.flaw import Mark
from game.sim.minigame import Minigame, clamp, mix
from game.sim.timestep import DT
from game.tools.tool import Sound, Tool, near, steer

SPOTS = 9  # pigment spots on the flaw
SPOT_SPREAD = 0.055  # canvas units: how far the spots lie from the flaw's centre
RAG_RADIUS = 0.026  # canvas units a dab reaches
LIFT = 0.85  # share of a spot's pigment one clean dab lifts at its middle
WET_PER_DAB = 0.4  # the rag's wetness after a dab...
DRY_PER_S = 1.2  # ...and how fast it eases off
SOGGY = 0.5  # wetter than this, a dab lifts less and bleeds more
RAG_SPEED = 0.15  # canvas units per s at full stick
DABS = 28  # the solvent on the rag runs out after this many dabs
TIME_LIMIT_S = 12.0
PIGMENTS = ((60, 26, 58), (32, 44, 30), (74, 40, 20))  # aubergine, bottle green, burnt umber
LIFTED = 0.08  # a spot with less pigment than this is clean


class Solvent(Minigame):
    tool = "solvent"
    TIME_LIMIT_TICKS = int(TIME_LIMIT_S * 60)
    REACH = (SPOT_SPREAD + RAG_RADIUS + 0.02, SPOT_SPREAD + RAG_RADIUS + 0.02)  # every spot, and the rag round it
    HINT = "move the rag onto a dark spot · press USE to dab · let it dry between dabs · CANCEL to stop"

    def __init__(self, world, attempt: int):
        super().__init__(world, attempt)
        cu, cv = self.centre
        self.spots: list[list[float]] = []  # [u, v, pigment, colour index]
        for index in range(SPOTS):
            angle = index * 2.0 * math.pi / SPOTS + self.rng.uniform(-0.3, 0.3)
            reach = SPOT_SPREAD * math.sqrt(self.rng.uniform(0.05, 1.0))
            self.spots.append([cu + reach * math.cos(angle), cv + reach * math.sin(angle), 1.0, float(self.rng.randrange(len(PIGMENTS)))])
        self.wetness = 0.0
        self.dabs: list[tuple[float, float]] = []
        self.bleed = (0.0, 0.0)  # summed outward push of dissolved pigment
        self.bled = 0.0  # how much pigment has run
        self.lifted_colour = [0.0] * len(PIGMENTS)

    def play(self, world, inp) -> None:
        self.move_hand(world, inp, speed=RAG_SPEED)
        self.wetness = max(0.0, self.wetness - DRY_PER_S * DT)
        if inp.was_pressed(Button.USE_TOOL) and len(self.dabs) < DABS:
            self.dab(world)
        self.progress = self.lifted_fraction()
        if len(self.dabs) >= DABS and self.progress < self.fail_point:
            self.fail(world, "timed_out")  # the rag is dry

    def dab(self, world) -> None:
        du, dv = self.cursor
        soggy = self.wetness > SOGGY
        self.dabs.append((du, dv))
        cu, cv = self.centre
        for spot in self.spots:
            distance = math.hypot(spot[0] - du, spot[1] - dv)
            if distance >= RAG_RADIUS:
                continue
            reach = 1.0 - distance / RAG_RADIUS
            taken = spot[2] * LIFT * reach * (0.35 if soggy else 1.0)
            spot[2] -= taken
            self.lifted_colour[int(spot[3])] += taken
            # What dissolves runs outward from the flaw, away from where the rag pressed.
            run = taken * (1.6 if soggy else 0.6)
            ou, ov = spot[0] - cu + (spot[0] - du) * 0.5, spot[1] - cv + (spot[1] - dv) * 0.5
            length = math.hypot(ou, ov) or 1.0
            self.bleed = (self.bleed[0] + run * ou / length, self.bleed[1] + run * ov / length)
            self.bled += run
        self.wetness = min(1.0, self.wetness + WET_PER_DAB)

    def lifted_fraction(self) -> float:
        return sum(1 for spot in self.spots if spot[2] < LIFTED) / SPOTS

    def mark(self) -> Mark:
        cu, cv = self.centre
        bx, by = self.bleed
        push = math.hypot(bx, by)
        angle = math.atan2(by, bx) if push > 1e-9 else 0.0
        reach = clamp(0.02 + 0.03 * push, 0.0, 0.08)
        total = sum(self.lifted_colour)
        if total > 1e-9:
            colour = tuple(int(sum(PIGMENTS[i][c] * self.lifted_colour[i] for i in range(len(PIGMENTS))) / total) for c in range(3))
        else:
            colour = PIGMENTS[0]
        colour = mix(colour, (20, 14, 22), clamp(self.bled / 4.0, 0.0, 0.6))
        return Mark(cu + reach * math.cos(angle), cv + reach * math.sin(angle), angle, 1.0 + clamp(push, 0.0, 1.5), colour, "ring")

    def own_state(self) -> tuple:
        return (tuple(tuple(s) for s in self.spots), self.wetness, tuple(self.dabs), self.bleed, self.bled, tuple(self.lifted_colour))


# -- how it looks, how the bot plays it --------------------------------------------------


def paint(painter, world, game: Solvent) -> None:
    """The dabs' rings, the dark spots (ringed pale so they read), the wet rag."""
    to = painter.to_screen
    for u, v in game.dabs:
        x, y = to(u, v)
        painter.put("ring", x, y, painter.px(RAG_RADIUS * 2), None, (150, 170, 190), 60)
    for u, v, pigment, index in game.spots:
        x, y = to(u, v)
        if pigment >= LIFTED:
            painter.put("ring", x, y, 30 + 14 * pigment, None, (236, 214, 170), 90 + 120 * pigment)
            painter.put("dot", x, y, 14 + 16 * pigment, None, PIGMENTS[int(index)], 255)
        else:
            painter.put("ring", x, y, 18, None, (200, 230, 210), 120)  # lifted: clean
    x, y = to(*game.cursor)
    wet = game.wetness
    painter.put("soft", x, y, painter.px(RAG_RADIUS * 2.4), None, (200, 220, 240), 60 + 120 * wet)
    painter.put("ring", x, y, painter.px(RAG_RADIUS * 2), None, (240, 236, 220) if wet <= SOGGY else (120, 160, 220), 220)


def play(world, game: Solvent) -> Actions:
    """Go where the most pigment lies together, dab when the rag has eased off."""
    spots = [spot for spot in game.spots if spot[2] >= LIFTED]
    if not spots:
        return IDLE
    cu, cv = game.hand

    def weight(spot):
        nearby = sum(o[2] for o in game.spots if math.hypot(o[0] - spot[0], o[1] - spot[1]) < RAG_RADIUS * 0.6)
        return (-round(nearby, 3), math.hypot(spot[0] - cu, spot[1] - cv))

    spot = min(spots, key=weight)
    goal = (spot[0], spot[1])
    ready = game.wetness <= SOGGY - 0.05
    if near(game.cursor, goal, 0.005) and ready and world.tick % 2 == 0:
        return Actions((0.0, 0.0), frozenset({Button.USE_TOOL}))
    return Actions(steer(game.hand, goal))


def picture(draw) -> None:
    ink = (30, 24, 22, 255)
    draw.rounded_rectangle((14, 30, 82, 84), radius=18, fill=(236, 230, 214, 255), outline=ink, width=3)
    draw.line((22, 48, 74, 44), fill=(180, 170, 150, 255), width=3)
    draw.line((22, 62, 74, 66), fill=(180, 170, 150, 255), width=3)


TOOL = Tool(
    id="solvent",
    name="solvent and rag",
    minigame=Solvent,
    paint=paint,
    play=play,
    picture=picture,
    colour=(90, 170, 210),
    working=Sound("solvent_hiss", "[solvent hisses]"),
    failing=Sound("solvent_hiss", "[solvent hisses and bleeds]"),
    failing_words="the dissolved dark blooms outward",
)
