"""Draws the world as the player sees it: the room, its props, tools and the dreamer, then the light.

It only reads the world. Positions of moving things — and the camera, which follows the
dreamer tick by tick — are interpolated between the last two ticks (``alpha``), so drawing at
any frame rate looks smooth with a fixed 60 Hz step and the camera follows alike at any rate.
"""

from __future__ import annotations

import math
import arcade

from game.render.atlas import own_atlas
from game.render.lighting import Lighting
from game.render.masterpiece import EaselPicture
from game.render.textures import level_image, player_image, prop_image, tool_image

CAMERA_FOLLOW = 0.12  # fraction of the way the camera closes on the dreamer each tick
PLAYER_MIN_LIGHT = 0.3  # the least light the dreamer is drawn in (1 = their own colours)


def _texture(image, name: str) -> arcade.Texture:
    # Bounding-box hit boxes: the default algorithm scans every pixel of big pictures.
    return arcade.Texture(image, hash=name, hit_box_algorithm=arcade.hitbox.algo_bounding_box)


class Snapshot:
    """Where the moving things (and the camera) were after a tick, for interpolation."""

    def __init__(self, world, camera: tuple[float, float]):
        self.player = world.player.position
        self.props = [(p.position, p.angle) for p in world.props]
        self.camera = camera


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def clamp_to_span(centre: float, view: float, span: float) -> float:
    """A camera centre along one axis that keeps a `view`-wide window inside 0..`span`."""
    if span <= view:
        return span / 2
    return min(max(centre, view / 2), span - view / 2)


class WorldRenderer:
    """Everything in the level, drawn through a world camera that follows the player."""

    def __init__(self, world, window: arcade.Window | None = None):
        self.window = window or arcade.get_window()
        self.world_camera = arcade.Camera2D()
        self.gui_camera = arcade.Camera2D()
        self.lighting = Lighting(self.window.ctx)  # the lighting pass (lights, soft shadows)
        self.drew_room = False  # the last draw showed the lit room (not a close-up or a full-screen overlay)
        self.bounded = True  # the camera stops at the level's edge (the vortex lets it go past: see camera_target)
        self.set_world(world)

    # -- building -------------------------------------------------------------------------

    def set_world(self, world) -> None:
        """Build the sprites for the world's level (again after the level changes)."""
        self.world = world
        self.level = world.level
        self.floor_image = level_image(world.level)
        self._background = None  # the floor as a sprite, made only if something draws it unlit
        self.lighting.set_floor(self.floor_image)
        self.props = arcade.SpriteList()
        for prop in world.props:
            spec = prop.spec
            sprite = arcade.Sprite(_texture(prop_image(spec.kind, int(spec.width), int(spec.height)), f"prop-{spec.kind}-{int(spec.width)}x{int(spec.height)}"))
            sprite.position = prop.position
            self.props.append(sprite)
        self.easel = arcade.SpriteList()
        if world.level.masterpiece is not None:
            rect = world.level.masterpiece
            sprite = arcade.Sprite(_texture(prop_image("easel", int(rect.width), int(rect.height)), f"easel-{int(rect.width)}x{int(rect.height)}"))
            sprite.position = rect.center
            self.easel.append(sprite)
            self.easel_picture = EaselPicture(world, rect)  # the masterpiece on its easel
            self.easel.append(self.easel_picture.sprite)
        else:
            self.easel_picture = None
        self.tools = arcade.SpriteList()
        self.tool_sprites: dict[int, arcade.Sprite] = {}
        self.player = arcade.SpriteList()
        self.player_sprite = arcade.Sprite(_texture(player_image(), "player"))
        self.player.append(self.player_sprite)
        self.player_sprite.position = world.player.position
        self.current = Snapshot(world, self.camera_target(world.player.position))
        self.previous = self.current
        self.world_camera.position = self.current.camera
        self.lighting.set_level(world.level)
        for sprites in (self.easel, self.props, self.tools, self.player):
            self.lighting.adopt(sprites)  # drawn lit, in one pass

    @property
    def background(self) -> arcade.SpriteList:
        """The floor as one big sprite, for drawing it without the lighting pass (which draws
        the floor itself, cheaper: Lighting.draw_floor). Made when first asked for."""
        if self._background is None:
            level = self.level
            ground = arcade.Sprite(_texture(self.floor_image, f"level-{level.seed}-{id(level)}"))
            ground.position = (level.pixel_width / 2, level.pixel_height / 2)
            # A big picture gets an atlas of its own, which goes with the level.
            self._background = arcade.SpriteList(atlas=own_atlas([ground.texture]))
            self._background.append(ground)
        return self._background

    def remember(self) -> None:
        """Call before each world step: the state to interpolate from."""
        self.previous = self.current

    def observe(self) -> None:
        """Call after each world step: the camera follows the dreamer one tick's worth."""
        if self.world.level is not self.level:
            self.set_world(self.world)
            return
        cx, cy = self.previous.camera
        tx, ty = self.camera_target(self.world.player.position)
        self.current = Snapshot(self.world, (lerp(cx, tx, CAMERA_FOLLOW), lerp(cy, ty, CAMERA_FOLLOW)))

    def kick(self, dx: float, dy: float) -> None:
        """Jolt the camera off its course (screen shake); the follow eases it back over the next ticks."""
        x, y = self.current.camera
        self.current.camera = (x + dx, y + dy)

    # -- drawing --------------------------------------------------------------------------

    def _sync(self, alpha: float) -> None:
        world = self.world
        (px0, py0), (px1, py1) = self.previous.player, self.current.player
        self.player_sprite.position = (lerp(px0, px1, alpha), lerp(py0, py1, alpha))
        fx, fy = world.player.facing
        self.player_sprite.angle = -math.degrees(math.atan2(fy, fx)) + 90.0 if (fx or fy) else 0.0
        if len(self.previous.props) == len(self.current.props) == len(self.props):
            for sprite, (p0, a0), (p1, a1) in zip(self.props, self.previous.props, self.current.props):
                sprite.position = (lerp(p0[0], p1[0], alpha), lerp(p0[1], p1[1], alpha))
                sprite.angle = -math.degrees(lerp(a0, a1, alpha))
        loose = {id(tool): tool for tool in world.tools.loose}
        for key in list(self.tool_sprites):
            if key not in loose:
                self.tool_sprites.pop(key).remove_from_sprite_lists()
        for key, tool in loose.items():
            sprite = self.tool_sprites.get(key)
            if sprite is None:
                sprite = arcade.Sprite(_texture(tool_image(tool.tool), f"tool-{tool.tool}"))
                self.tool_sprites[key] = sprite
                self.tools.append(sprite)
            sprite.position = tool.position
            sprite.angle = -math.degrees(tool.body.angle)
        if self.easel_picture is not None:
            self.easel_picture.update(world)  # repainted when the flaw worsens

    def camera_target(self, position: tuple[float, float]) -> tuple[float, float]:
        """Where the camera wants to be: on the dreamer, but never showing the void past the
        level's edge (a level narrower than the screen is centred instead) — unless the beat's
        overlay draws past the edge itself and has let the camera go (``bounded``)."""
        x, y = position
        if not self.bounded:
            return (x, y)
        width, height = self.window.get_size()
        return (
            clamp_to_span(x, width, self.level.pixel_width),
            clamp_to_span(y, height, self.level.pixel_height),
        )

    def follow(self, alpha: float) -> None:
        (x0, y0), (x1, y1) = self.previous.camera, self.current.camera
        self.world_camera.position = (lerp(x0, x1, alpha), lerp(y0, y1, alpha))

    def snap_camera(self) -> None:
        """Put the camera on the dreamer at once (a new level, a reload)."""
        self._sync(1.0)
        self.current.camera = self.camera_target(self.world.player.position)
        self.previous = self.current
        self.world_camera.position = self.current.camera

    def draw_scene(self) -> None:
        """The room: floor, easel, props, tools, dreamer — lit as they are drawn when the lighting
        pass has adopted them (it calls this), in their own colours otherwise."""
        if self.lighting.adopted:
            self.lighting.draw_floor(self.world_camera)
        else:
            self.background.draw(pixelated=True)
        self.easel.draw()
        self.props.draw()
        self.tools.draw()
        with self.lighting.at_least(PLAYER_MIN_LIGHT):  # the dreamer is never quite lost in the dark
            self.player.draw()

    def draw(self, alpha: float = 1.0, room: bool = True) -> None:
        """Place everything `alpha` of the way from the last tick to this one; draw the lit room
        unless an overlay covers the whole screen (the close-up, the hall, the vortex)."""
        self._sync(alpha)
        self.follow(alpha)
        self.world_camera.match_window()
        self.drew_room = room
        if not room:
            return
        self.world_camera.use()
        # Shadows follow the interpolated sprites, not the last tick's bodies.
        props = None
        if len(self.props) == len(self.world.props):
            props = [(p.spec, s.position, -math.radians(s.angle)) for p, s in zip(self.world.props, self.props)]
        self.lighting.draw(self.world, self.world_camera, self.draw_scene, player=self.player_sprite.position, props=props)
