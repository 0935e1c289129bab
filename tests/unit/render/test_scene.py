"""The room is drawn where the world says things are."""

from __future__ import annotations

import numpy as np

from driver import screenshot
from game.level.model import Level, LightSpec
from game.sim.actions import Actions


def centroid_of_difference(a, b) -> tuple[float, float]:
    diff = np.abs(np.asarray(a, np.int32) - np.asarray(b, np.int32)).sum(axis=2)
    ys, xs = np.nonzero(diff > 24)
    assert len(xs) > 20, "the player made no visible difference"
    return float(xs.mean()), float(ys.mean())


def test_the_player_is_drawn_where_the_world_says(window):
    from game.render.scene import WorldRenderer
    from game.sim.world import World

    level = Level.from_ascii(
        ["############", "#S.........#", "#..........#", "#..........#", "############"], seed=3
    )
    level = level.__class__(**{**level.__dict__, "lights": (LightSpec(200, 96, 500, (255, 255, 255), 2.0, 0.0),)})
    world = World(level)
    for _ in range(40):
        world.step(Actions(move=(1, -0.4)))
    renderer = WorldRenderer(world, window)
    renderer.observe()
    renderer.snap_camera()

    def frame(show_player: bool):
        window.clear()
        renderer.player_sprite.visible = show_player
        renderer.draw(1.0)
        return screenshot(window)

    with_player, without = frame(True), frame(False)
    x, y_from_top = centroid_of_difference(with_player, without)
    screen = renderer.world_camera.project(world.player.position)
    height = window.get_framebuffer_size()[1]
    assert abs(x - screen[0]) < 4
    assert abs((height - y_from_top) - screen[1]) < 4
