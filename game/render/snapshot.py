"""A level drawn once, lit, into a PNG: what `flawed level preview` writes.

The preview shows the whole level at the start of play (tick 0, flickers at rest), through the
same renderer and lighting pass the game uses, in a picture of the level's own proportions
(a long wing is a long picture, not a thin strip in a 16:9 frame), with what an author checks
marked on it: where the dreamer starts, the easel, every tool (a backstage), and the eye (a
vortex).
"""

from __future__ import annotations

from pathlib import Path

import arcade
from PIL import Image

from game.level.model import Level
from game.render.glow import ring_texture
from game.render.textures import tool_image
from game.render.world import WorldRenderer
from game.sim.world import World
from game.tools import tool
from game.window import open_window

PREVIEW_LONG_PX = 2048  # the picture's longer side at most (a small level is drawn at 1:1 instead)
PREVIEW_MARGIN = 0.04  # of each side left round the level, so its outer walls and marks are not cut
MARK_PX = 34  # the marks' rings, whatever the zoom
LABEL_PT = 11
SPAWN_COLOUR = (120, 230, 160)
EASEL_COLOUR = (250, 200, 90)
TOOL_COLOUR = (240, 236, 226)
EYE_COLOUR = (255, 220, 160)


def preview_size(level: Level) -> tuple[tuple[int, int], float]:
    """((width, height) px, zoom): the level's own proportions, the longer side PREVIEW_LONG_PX at most."""
    width, height = level.pixel_width, level.pixel_height
    zoom = min(1.0, PREVIEW_LONG_PX / (max(width, height) * (1 + 2 * PREVIEW_MARGIN)))
    scale = zoom * (1 + 2 * PREVIEW_MARGIN)
    return (max(1, round(width * scale)), max(1, round(height * scale))), zoom


def marks(level: Level) -> list[tuple[str, float, float, str | None]]:
    """What the preview marks: (what, x, y, tool id or None), world px."""
    found = [("start", level.spawn[0], level.spawn[1], None)]
    if level.masterpiece is not None:
        x, y = level.masterpiece.center
        found.append(("easel", x, y, None))
    found += [(tool(spec.tool).name, spec.x, spec.y, spec.tool) for spec in level.tools]
    if level.eye is not None:
        found.append(("eye", level.eye[0], level.eye[1], None))
    return found


class Marks:
    """Rings, tool pictures and labels over the lit level, placed in picture px."""

    def __init__(self, level: Level, to_picture):
        self.sprites = arcade.SpriteList()
        self.labels: list[arcade.Text] = []
        ring = ring_texture("preview-mark", 128, (255, 255, 255), 0.07)
        for what, x, y, tool_id in marks(level):
            px, py = to_picture(x, y)
            colour = SPAWN_COLOUR if what == "start" else EASEL_COLOUR if what == "easel" else EYE_COLOUR if what == "eye" else TOOL_COLOUR
            size = MARK_PX * (1.6 if what == "easel" else 1.0)
            halo = arcade.Sprite(ring)
            halo.position, halo.width, halo.height, halo.color = (px, py), size, size, colour + (255,)
            self.sprites.append(halo)
            if tool_id is not None:
                icon = arcade.Sprite(arcade.Texture(tool_image(tool_id), hash=f"preview-tool-{tool_id}"))
                icon.position, icon.width, icon.height = (px, py), MARK_PX * 0.8, MARK_PX * 0.8
                self.sprites.append(icon)
            for dx, dy, ink in ((1, -1, (0, 0, 0, 230)), (0, 0, colour + (255,))):  # a shadow, then the word
                self.labels.append(arcade.Text(what, px + dx, py - size / 2 - 4 + dy, ink, LABEL_PT, anchor_x="center", anchor_y="top", bold=True))

    def draw(self) -> None:
        self.sprites.draw()
        for label in self.labels:
            label.draw()


def render_level_png(level: Level, path: str | Path, size: tuple[int, int] | None = None) -> Path:
    """Draw `level` lit and whole into a PNG at `path` (its own proportions, or `size` px), marked; returns the path.

    The picture is drawn a window-sized tile at a time (a headless window cannot be resized) and
    the tiles are put together; light and shadow are worked out in the world, so they meet.
    """
    fitted, zoom = preview_size(level)
    if size is not None:
        zoom = min(size[0] / fitted[0], size[1] / fitted[1]) * zoom
    else:
        size = fitted
    try:
        window = arcade.get_window()
    except RuntimeError:  # no window yet: the command line opens its own headless one
        window = open_window(headless=True)
    width, height = size
    world = World(level)
    renderer = WorldRenderer(world, window)
    renderer.snap_camera()
    camera = renderer.world_camera
    window.clear()
    renderer.draw(1.0)  # the renderer's own camera setup; then the whole level, tile by tile
    centre = (level.pixel_width / 2, level.pixel_height / 2)
    overlay = Marks(level, lambda x, y: (width / 2 + (x - centre[0]) * zoom, height / 2 + (y - centre[1]) * zoom))
    tile_w, tile_h = window.get_framebuffer_size()
    marks_camera = arcade.Camera2D()
    picture = Image.new("RGB", size)
    for top in range(0, height, tile_h):
        for left in range(0, width, tile_w):
            # This tile's middle, in picture px (y up) and in the world.
            mx, my = left + tile_w / 2, height - top - tile_h / 2
            camera.match_window()
            camera.position = (centre[0] + (mx - width / 2) / zoom, centre[1] + (my - height / 2) / zoom)
            camera.zoom = zoom
            window.clear()
            with camera.activate():
                renderer.lighting.draw(world, camera, renderer.draw_scene, player=renderer.player_sprite.position)
            marks_camera.match_window()
            marks_camera.position = (mx, my)
            marks_camera.use()
            window.ctx.enable(window.ctx.BLEND)
            overlay.draw()
            picture.paste(arcade.get_image(0, 0, tile_w, tile_h).convert("RGB"), (left, top))
    window.default_camera.use()
    out = Path(path)
    picture.save(out)
    return out
