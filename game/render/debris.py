"""The lights_on beat: the lit, empty hall; then the room tearing apart — wall pieces and props spiral into the swirl and the colour closes in.

Each fragment is drawn with the very pixels of the wall or prop it was, so the room visibly
comes loose; as it nears the eye it shrinks, tumbles and takes on the swirl's colours. Behind
them the swirl field (``game.render.vortex``) swallows the room from the edges in.
"""

from __future__ import annotations

import colorsys
import math

import arcade

from game.heap import release_freed_memory
from game.render.atlas import own_atlas
from game.render.audience import forget_hall, hall_picture
from game.render.overlay import Overlay
from game.render.textures import prop_image
from game.render.tiles import level_region
from game.render.vortex import Dreamer, SwirlField
from game.sim.beats.lights_on import EMPTY_HALL_S

HOLE_START_PX = 760.0  # the clear space around the dreamer when the room starts to go (the screen's corners are ~730 px out)
HOLE_END_PX = 0.0  # ...and when it has gone


class LightsOnOverlay(Overlay):
    """First the house lights on the hall, every seat empty (it fills the screen); then the room
    itself, drawn lit, coming apart into the swirl."""

    def __init__(self, view):
        self.hall = hall_picture(view.world.seed)
        self.field = SwirlField(view.window.ctx)
        self.debris = None
        self.sprites = arcade.SpriteList()
        self.colours: list[tuple[int, int, int]] = []
        self.dreamer = Dreamer()

    def covers(self, view) -> bool:
        return self.empty_hall(view)

    @staticmethod
    def empty_hall(view) -> bool:
        return view.world.story.scene.ticks / 60.0 < EMPTY_HALL_S

    def close(self) -> None:
        forget_hall()

    def build(self, world, debris) -> None:
        self.debris = debris
        self.colours = []
        sprites = []
        height = world.level.pixel_height
        for index, fragment in enumerate(debris.fragments):
            x, y = fragment.home
            w, h = fragment.size
            if fragment.kind == "wall":
                left, top = int(x - w / 2), int(height - (y + h / 2))
                image = level_region(world.level, left, top, int(w), int(h))
                name = f"fragment-{world.seed}-{id(world.level)}-{int(x)}-{int(y)}"
            else:
                image = prop_image(fragment.kind, int(w), int(h))
                name = f"prop-{fragment.kind}-{int(w)}x{int(h)}"
            sprite = arcade.Sprite(arcade.Texture(image, hash=name, hit_box_algorithm=arcade.hitbox.algo_bounding_box))
            sprite.position = (x, y)
            sprites.append(sprite)
            r, g, b = colorsys.hsv_to_rgb((index * 0.137) % 1.0, 0.75, 1.0)
            self.colours.append((int(r * 255), int(g * 255), int(b * 255)))
        # Hundreds of pieces of wall: an atlas of their own, gone with the room.
        self.sprites = arcade.SpriteList(atlas=own_atlas([sprite.texture for sprite in sprites]) if sprites else None)
        self.sprites.extend(sprites)
        release_freed_memory()  # the cut-outs' temporaries (see game.heap)

    def draw(self, view) -> None:
        world = view.world
        scene = world.story.scene
        if self.empty_hall(view):
            view.window.ctx.enable(view.window.ctx.BLEND)
            self.hall.draw(view.window, scene.ticks / 60.0, curtain=1.0, applause=0.0, standing=0.0, lift=0.0, warmth=0.0, house=1.0, empty=True)
            return
        debris = scene.debris
        if debris is not self.debris:
            self.build(world, debris)
        camera = view.renderer.world_camera
        hole = HOLE_END_PX + (HOLE_START_PX - HOLE_END_PX) * (1.0 - scene.dissolved) ** 1.3
        view.renderer.gui_camera.use()
        self.field.draw(camera, view.window, debris.swirl, scene.ticks / 60.0, world.settings.reduce_motion, alpha=1.0, hole=hole)
        camera.use()
        for sprite, fragment, colour in zip(self.sprites, debris.fragments, self.colours):
            if not fragment.loose:
                sprite.visible = fragment.kind != "wall"  # a wall piece still in place is the wall itself
                continue
            fade = fragment.fade
            sprite.visible = fade < 1.0
            sprite.position = fragment.position
            sprite.angle = -math.degrees(fragment.angle)
            sprite.scale = max(0.05, 1.0 - 0.85 * fade)
            tint = tuple(int(255 + (c - 255) * min(1.0, fade * 1.6)) for c in colour)
            sprite.color = tint + (int(255 * (1.0 - fade ** 2)),)
        self.sprites.draw()
        # The props torn loose are no longer where the room drew them.
        for fragment in debris.fragments:
            if fragment.source >= 0 and fragment.loose and fragment.source < len(view.renderer.props):
                view.renderer.props[fragment.source].visible = False
        self.dreamer.draw(view)
