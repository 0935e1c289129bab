"""The flaw beat (placeholder until its issue lands: any interact press moves on)."""

from __future__ import annotations

from game.sim.actions import Button
from game.sim.beats import Scene


class FlawScene(Scene):
    def __init__(self):
        self.done = False

    def update(self, world, inp) -> None:
        world.player.drive(inp.move, 1 / 60)
        if inp.was_pressed(Button.INTERACT):
            self.done = True

    def finished(self, world) -> bool:
        return self.done

    def hash_state(self) -> tuple:
        return (self.done,)
