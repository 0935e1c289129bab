"""Bare hands: with no tool in hand the dreamer rubs at the flaw with a fingertip.

It is what happens when the hands reach and find nothing (or when the dreamer stands frozen
too long at the easel): a short smudge. Rubbing moves the progress a little — it seems to
lift — until it smears. The rubbing's direction is the smear's. It counts as an attempt, so a
repair beat with no tools at all still ends.
"""

from __future__ import annotations

import math

from game.sim.flaw import Mark
from game.sim.actions import Actions
from game.sim.minigame import Minigame, clamp
from game.tools.tool import Tool

TIME_LIMIT_S = 2.0
RUB_PROGRESS_PER_S = 0.45  # progress per s of rubbing at full stick
SMUDGE = (70, 62, 58)  # skin oil and old dust
FINGER_SPEED = 0.1


class BareHands(Minigame):
    tool = "hands"
    COUNTS_AS_TOOL = False
    TIME_LIMIT_TICKS = int(TIME_LIMIT_S * 60)
    REACH = (0.08, 0.08)
    HINT = "no tool in hand — rub it with a fingertip · CANCEL to stop"

    def __init__(self, world, attempt: int):
        super().__init__(world, attempt)
        self.fail_point = min(self.fail_point, 0.6)  # a fingertip was never going to do it
        self.rub = (0.0, 0.0)

    def play(self, world, inp) -> None:
        vx, vy = self.move_hand(world, inp, speed=FINGER_SPEED)
        speed = math.hypot(*inp.move)
        self.progress += RUB_PROGRESS_PER_S * speed / 60.0
        if speed > 0:
            a = 2.0 * math.atan2(vy, vx)
            self.rub = (self.rub[0] + math.cos(a), self.rub[1] + math.sin(a))

    def mark(self) -> Mark:
        rx, ry = self.rub
        angle = 0.5 * math.atan2(ry, rx) if (rx or ry) else 0.0
        return Mark(self.cursor[0], self.cursor[1], angle, 1.0 + clamp(math.hypot(rx, ry) / 60.0, 0.0, 2.0), SMUDGE, "streak")

    def own_state(self) -> tuple:
        return (self.rub,)


# -- how it looks, how the bot plays it --------------------------------------------------


def paint(painter, world, game: BareHands) -> None:
    """Nothing but the hand itself (the close-up draws it for every attempt)."""


def play(world, game: BareHands) -> Actions:
    """Small circles with the fingertip."""
    t = game.ticks / 8.0
    return Actions((math.cos(t), math.sin(t)))


def picture(draw) -> None:
    """No tool: an empty picture (the hand is drawn for every attempt)."""


TOOL = Tool(
    id="hands",
    name="bare hands",
    minigame=BareHands,
    paint=paint,
    play=play,
    picture=picture,
    colour=(226, 196, 170),
    working=None,  # a fingertip makes no sound worth a caption
    failing=None,
    failing_words="a smear",
)
