"""Solvent and rag: dab the dark pigment away — and watch what dissolves bleed outward.

Spots of dark pigment sit on the flaw. Each press of USE dabs the rag where it is: pigment
under it lifts (progress). The solvent wets the cloth; dabbing again before it has eased off
lifts less and pushes more of the dissolved dark outward. Which spots were lifted, and which
way the dabs pushed, decide where the tide-line blooms and what colour it takes.
"""

from __future__ import annotations

import math

from game.sim.actions import Button
from game.sim.flaw import Mark
from game.sim.minigames.base import DT, Minigame, clamp, mix

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
