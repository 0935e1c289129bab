"""What the game knows of one craft tool, in one record: its minigame, its look, its sounds, the bot's hands for it.

Each tool module (``game/tools/paintbrush.py`` …) builds one ``Tool``; ``game.tools`` lists them.
Every room reads the record: the repair beat starts ``minigame``, the close-up calls ``paint``,
the room and the close-up draw ``picture``, the bot plays with ``play``, the mixer and the
captions use ``working``, ``failing`` and ``sounds``. Nothing here imports arcade: ``paint``
only places stock shapes through the painter it is handed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # for the annotations only: the tools are below the renderer and the bot
    from PIL import ImageDraw

    from game.sim.actions import Actions
    from game.sim.minigame import Minigame


@dataclass(frozen=True)
class Sound:
    """A synthesised sound (a name in ``game.audio.synth.SOUNDS``) and what the captions say of it."""

    sound: str | None
    caption: str


@dataclass(frozen=True)
class Tool:
    id: str  # as levels name it (the ``tool`` property of a Tiled ``tool`` object)
    name: str  # as the screen writes it: "palette knife"
    minigame: type[Minigame]  # its repair attempt (game.sim.minigame.Minigame)
    paint: Callable  # paint(painter, world, game): its marks over the close-up (game.render.minigame)
    play: Callable[..., Actions]  # play(world, game) -> Actions: the bot's hands, one tick of good play
    picture: Callable[[ImageDraw.ImageDraw], None]  # draws the tool into a 96×96 picture
    colour: tuple[int, int, int]  # its glint on the floor
    working: Sound | None  # while the attempt makes progress (None: nothing heard)
    failing: Sound | None  # as the attempt fails
    failing_words: str  # on screen while it fails
    sounds: dict = field(default_factory=dict)  # its own events (an Event class) → Sound


# -- shared by the tools' bot hands ------------------------------------------------------

STEER_GAIN = 45.0  # stick deflection per canvas unit of error
ARRIVED = 0.004  # canvas units: close enough to act


def steer(frm: tuple[float, float], to: tuple[float, float], gain: float = STEER_GAIN, feed=(0.0, 0.0)) -> tuple[float, float]:
    """A stick deflection (inside the unit circle) that moves the hand from `frm` toward `to`."""
    mx = (to[0] - frm[0]) * gain + feed[0]
    my = (to[1] - frm[1]) * gain + feed[1]
    length = math.hypot(mx, my)
    if length > 1.0:
        mx, my = mx / length, my / length
    return (mx, my)


def near(a, b, within: float = ARRIVED) -> bool:
    return math.hypot(a[0] - b[0], a[1] - b[1]) <= within
