"""A level drawn once, lit, into a PNG: what `flawed level preview` writes.

The preview shows the whole level at the start of play (tick 0, flickers at rest), scaled
to fit the picture, through the same renderer and lighting pass the game uses.
"""

from __future__ import annotations

from pathlib import Path

import arcade

from game.level.model import Level
from game.render.world import WorldRenderer
from game.sim.world import World
from game.window import open_window

PREVIEW_MARGIN = 0.96  # of the picture the level fills, so its outer walls are not cut


def render_level_png(level: Level, path: str | Path, size: tuple[int, int] = (1280, 720)) -> Path:
    """Draw `level` lit and whole into a `size` PNG at `path`; returns the path."""
    try:
        window = arcade.get_window()
    except RuntimeError:  # no window yet: the command line opens its own headless one
        window = open_window(headless=True)
    if tuple(window.get_size()) != tuple(size):
        window.set_size(*size)
    world = World(level)
    renderer = WorldRenderer(world, window)
    renderer.snap_camera()
    camera = renderer.world_camera
    window.clear()
    renderer.draw(1.0)  # the renderer's own camera setup; then the whole-level view below
    camera.match_window()
    camera.position = (level.pixel_width / 2, level.pixel_height / 2)
    camera.zoom = PREVIEW_MARGIN * min(size[0] / level.pixel_width, size[1] / level.pixel_height)
    window.clear()
    with camera.activate():
        renderer.lighting.draw(world, camera, renderer.draw_scene, player=renderer.player_sprite.position)
    image = arcade.get_image(0, 0, *window.get_framebuffer_size()).convert("RGB")
    if image.size != tuple(size):
        image = image.resize(size)
    out = Path(path)
    image.save(out)
    return out
