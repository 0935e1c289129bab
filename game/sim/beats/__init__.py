"""One scene per beat of the story (a module each); ``game.sim.story.STORY`` lists them in order.

A scene owns what its beat creates: ``enter`` builds it, ``exit`` tears it down, ``update``
runs one tick of it, and one of its methods (named in the story table) says when the beat is
over.
"""

from __future__ import annotations

from game.sim.timestep import DT


class Scene:
    """What a beat does each tick. Subclasses override what they need."""

    def enter(self, world) -> None:
        pass

    def update(self, world, inp) -> None:
        """Default: the player walks."""
        world.player.drive(inp.move, DT)

    def exit(self, world) -> None:
        pass

    def hash_state(self) -> tuple:
        return ()
