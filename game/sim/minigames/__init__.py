"""The repair minigames, one per tool, all with the shape of ``base.Minigame``.

``start(world, tool)`` makes the minigame for a tool id (or ``"hands"`` for none) and sets it
as ``world.minigame``; the repair scene steps it and clears it when it is done.
"""

from __future__ import annotations

from game.sim.minigames.base import AttemptFailed, Minigame, MinigameProgress, MinigameStarted
from game.sim.minigames.hands import BareHands
from game.sim.minigames.needle_and_thread import NeedleAndThread, ThreadSnapped
from game.sim.minigames.paintbrush import Paintbrush
from game.sim.minigames.palette_knife import PaletteKnife
from game.sim.minigames.solvent import Solvent
from game.sim.minigames.varnish import Varnish

MINIGAMES: dict[str, type[Minigame]] = {
    "paintbrush": Paintbrush,
    "palette_knife": PaletteKnife,
    "needle_and_thread": NeedleAndThread,
    "solvent": Solvent,
    "varnish": Varnish,
    "hands": BareHands,
}

__all__ = [
    "AttemptFailed", "MINIGAMES", "Minigame", "MinigameProgress", "MinigameStarted", "ThreadSnapped", "start",
]


def start(world, tool: str) -> Minigame:
    """Begin an attempt with `tool` (a TOOL_IDS id, or "hands"); it becomes world.minigame."""
    kind = MINIGAMES.get(tool, BareHands)
    world.minigame = kind(world, world.stats.attempts + 1)
    return world.minigame
