"""The story's pictures: the vortex field's colours and contrast, the hall, and the waking screen."""

from __future__ import annotations

import numpy as np

from driver import screenshot
from game.level.vortex import generate_vortex
from game.session import Run, RunOptions
from game.sim.story import Beat
from game.sim.vortex import Swirl
from game.sim.world import DT, World


def field_picture(window, reduce_motion: bool) -> np.ndarray:
    import arcade

    from game.render.vortex import SwirlField

    camera = arcade.Camera2D(position=(900.0, 900.0))
    swirl = Swirl((960.0, 960.0), reduce_motion)
    swirl.turn = 1.3
    window.clear()
    SwirlField(window.ctx).draw(camera, window, swirl, 2.0, reduce_motion)
    return np.asarray(screenshot(window), np.float32)


def test_the_vortex_field_is_many_colours_and_reduce_motion_lowers_its_contrast(window):
    full = field_picture(window, False)
    gentle = field_picture(window, True)
    assert full.std(axis=(0, 1)).mean() > 40  # vivid, varied colour
    assert gentle.std(axis=(0, 1)).mean() < 0.7 * full.std(axis=(0, 1)).mean()
    hues = np.argmax(full.reshape(-1, 3), axis=1)
    assert len(set(hues.tolist())) == 3  # red, green and blue each lead somewhere


def test_the_waking_screen_is_morning_and_a_key_ends_the_dream(window):
    from game.views.host import Host
    from game.views.play import GameView
    from game.views.waking import WakingView

    class Watching(Host):
        ended = []

        def run_finished(self, view):
            self.ended.append(view)

    run = Run(RunOptions(seed=3, size="small"))
    run.world = World(generate_vortex(3), seed=3, start=Beat.WAKING)
    host = Watching()
    game = GameView(run, host=host)
    view = window.current_view
    assert isinstance(view, WakingView) and view.game_view is game  # the beat asked for its own screen
    ended = host.ended
    for _ in range(60 * 5):
        view.on_update(DT)
    view.on_draw()
    picture = np.asarray(screenshot(window), np.float32)
    assert picture.mean() > 170 and picture[..., 0].mean() > picture[..., 2].mean() + 15  # bright and warm
    assert run.world.story.scene.ready
    game.keyboard.press(__import__("game.input", fromlist=["key_code"]).key_code("E"))
    for _ in range(3):
        view.on_update(DT)
    assert run.world.story.completed and ended == [game]
