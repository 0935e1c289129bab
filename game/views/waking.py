"""The waking screen: the swirl stills into morning light, the masterpiece as a memory, a few lines, the summary; any key leaves the dream.

The window switches to it when the story reaches its ``waking`` beat (``game.views.beats``
says so; the shell does it). It keeps stepping the same run through the game view — the
waking beat ends on a key press, in the simulation like any other action — and draws only
the morning. The game view's screenshots are taken here while it shows.
"""

from __future__ import annotations

import arcade

from game.render.ahead import built_in_steps, idle
from game.render.recollection import masterpiece_memory
from game.render.vortex import SwirlField
from game.render.waking import UNDER_SWIRL, WakingPicture, morning_words, summary_text
from game.sim.vortex import Swirl

SWIRL_STILLING = 0.3  # rad/s the fading swirl still turns under the morning


class WakingView(arcade.View):
    def __init__(self, game_view, picture: WakingPicture | None = None):
        super().__init__()
        self.game_view = game_view
        world = game_view.world
        if picture is None:
            picture = WakingPicture()
            picture.set_memory(masterpiece_memory(world, 256, recompose=1.0))
            picture.set_words(morning_words(world))
        self.picture = picture  # the morning, the memory and the words
        self.field = SwirlField(self.window.ctx)
        self.swirl = Swirl(world.level.eye or world.player.position, world.settings.reduce_motion)

    @classmethod
    def made_in_steps(cls, game_view):
        """The morning's screen made a step a frame while the vortex plays (see BeatShow.prepare;
        a generator, its value the screen): its pictures on the GPU, its memory and its words
        (what happened in the dream is all told by then), so waking begins without a hitch."""
        world = game_view.world
        yield  # (not on the first frame of the vortex: it has its own to make)
        while not idle():  # the morning, painted ahead (see BeatShow.ahead)
            yield
        picture = yield from built_in_steps(WakingPicture, WakingPicture.made_in_steps)
        yield
        memory = masterpiece_memory(world, 256, recompose=1.0)
        yield
        picture.set_memory(memory)
        yield
        yield from picture.words_set_in_steps(morning_words(world))
        yield
        return cls(game_view, picture)  # (its swirl's programs: a step of its own)

    def on_update(self, delta_time: float) -> None:
        self.game_view.on_update(delta_time)

    def on_draw(self) -> None:
        game = self.game_view
        world = game.world
        scene = world.story.scene
        over = world.story.completed
        seconds = scene.ticks / 60.0
        fade = 1.0 if over else scene.fade
        morning = self.picture.rising_over_swirl(self.window, fade)
        if not (self.picture.paints_screen(self.window, fade) or morning):  # (in software GL a clear costs by the pixel)
            self.clear(color=UNDER_SWIRL)
        self.swirl.turn = seconds * SWIRL_STILLING
        if fade < 1.0:  # once the morning is up it hides the swirl whole: the field is not worked out
            game.renderer.gui_camera.use()
            self.field.draw(game.renderer.world_camera, self.window, self.swirl, seconds, world.settings.reduce_motion, alpha=1.0 - fade * 0.5,
                            morning=morning)
        self.picture.draw(self.window, fade, seconds, summary_text(world, game.run.ticks_before), scene.ready or over, morning_drawn=morning is not None)
        game.take_pending_shots()

    def on_key_press(self, symbol: int, modifiers: int) -> None:
        self.game_view.on_key_press(symbol, modifiers)

    def on_key_release(self, symbol: int, modifiers: int) -> None:
        self.game_view.on_key_release(symbol, modifiers)

    def on_mouse_press(self, x: int, y: int, button: int, modifiers: int) -> None:
        self.game_view.on_mouse_press(x, y, button, modifiers)

    def on_mouse_release(self, x: int, y: int, button: int, modifiers: int) -> None:
        self.game_view.on_mouse_release(x, y, button, modifiers)
