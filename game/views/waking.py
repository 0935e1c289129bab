"""The waking screen: morning light, the masterpiece as a memory, a few lines, the summary; any key leaves the dream.

Shown when the story reaches its ``waking`` beat in a real window. It keeps stepping the same
run through the game view (the waking beat ends on a key press, in the simulation like any
other action), draws only the morning picture, and when the run is over goes back to the
title — through the game view's ``on_finished`` if the menus set one, else by closing.
"""

from __future__ import annotations

import arcade

from game.render.memory import masterpiece_memory
from game.render.waking import WakingPicture, summary_text


class WakingView(arcade.View):
    def __init__(self, game_view):
        super().__init__()
        self.game_view = game_view
        self.picture = WakingPicture()
        self.picture.set_memory(masterpiece_memory(game_view.world, 256, recompose=1.0))
        self.left = False

    def on_update(self, delta_time: float) -> None:
        game = self.game_view
        if not game.finished:
            game.on_update(delta_time)
        if game.finished and not self.left and self.window.current_view is self:
            self.left = True
            if game.on_finished is None:  # nobody to go back to: the dream simply ends
                self.window.close()

    def on_draw(self) -> None:
        self.clear(color=(246, 226, 200, 255))
        world = self.game_view.world
        scene = world.story.scene
        ready = getattr(scene, "ready", True) or world.story.completed
        fade = 1.0 if world.story.completed else getattr(scene, "fade", 1.0)
        seconds = getattr(scene, "ticks", 0) / 60.0
        self.picture.draw(self.window, fade, seconds, summary_text(world, getattr(self.game_view.run, "ticks_before", 0)), ready)

    def on_key_press(self, symbol: int, modifiers: int) -> None:
        self.game_view.keyboard.press(symbol)

    def on_key_release(self, symbol: int, modifiers: int) -> None:
        self.game_view.keyboard.release(symbol)
