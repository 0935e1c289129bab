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
    from game.render.world import WorldRenderer
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


def test_the_camera_follows_the_player_but_never_shows_past_the_level_edge(window):
    from game.level.generate import generate_backstage
    from game.render.world import WorldRenderer
    from game.sim.world import World

    world = World(generate_backstage(4, "large"))
    renderer = WorldRenderer(world, window)
    level, (w, h) = world.level, window.get_size()
    w, h = w / renderer.zoom(), h / renderer.zoom()  # the world px the screen shows
    assert level.pixel_width > w and level.pixel_height > h
    for corner in [(40.0, 40.0), (level.pixel_width - 40.0, level.pixel_height - 40.0)]:
        world.player.body.position = corner
        renderer.observe()
        renderer.snap_camera()
        x, y = renderer.world_camera.position
        assert w / 2 <= x <= level.pixel_width - w / 2 and h / 2 <= y <= level.pixel_height - h / 2
    middle = (level.pixel_width / 2, level.pixel_height / 2)
    world.player.body.position = middle
    renderer.observe()
    renderer.snap_camera()
    assert renderer.world_camera.position == middle  # away from the edges it is on the player


def test_a_level_narrower_than_the_screen_is_centred(window):
    from game.render.world import WorldRenderer
    from game.sim.world import World

    level = Level.from_ascii(["#######", "#S....#", "#######"], seed=2)
    renderer = WorldRenderer(World(level), window)
    renderer.snap_camera()
    assert renderer.world_camera.position == (level.pixel_width / 2, level.pixel_height / 2)


def test_the_camera_follows_alike_at_any_frame_rate(window):
    """The follow is stepped per tick and only interpolated per frame: drawing more often changes nothing."""
    from game.level.generate import generate_backstage
    from game.render.world import WorldRenderer
    from game.sim.world import World

    def camera_after(draw_every: int, ticks: int = 90):
        world = World(generate_backstage(4, "large"), seed=4)
        renderer = WorldRenderer(world, window)
        renderer.snap_camera()
        for tick in range(ticks):
            renderer.remember()
            world.step(Actions((1.0, 0.3)))
            renderer.observe()
            if tick % draw_every == 0:
                renderer.draw(1.0)
        renderer.draw(1.0)
        return renderer.world_camera.position

    every_tick, rarely = camera_after(1), camera_after(15)
    assert every_tick == rarely
    assert every_tick != camera_after(1, ticks=0)  # ...and it did move with the dreamer


def test_the_dreamer_is_a_figure_at_least_forty_pixels_across_and_tools_at_least_twenty_four(window):
    from game.level.generate import generate_backstage
    from game.render.world import WorldRenderer
    from game.sim.world import World

    renderer = WorldRenderer(World(generate_backstage(5)), window)
    renderer.draw(1.0)
    zoom = renderer.world_camera.zoom
    assert renderer.player_sprite.width * zoom * 52 / 64 >= 40  # the figure spans 52 of its frame's 64 px
    assert min(sprite.width for sprite in renderer.tools) * zoom >= 24
