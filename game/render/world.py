"""Draws the world as the player sees it: the room, its props, tools and the dreamer, then the light.

It only reads the world. Positions of moving things — and the camera, which follows the
dreamer tick by tick — are interpolated between the last two ticks (``alpha``), so drawing at
any frame rate looks smooth with a fixed 60 Hz step and the camera follows alike at any rate.
"""

from __future__ import annotations

import math
import arcade

from game.render.atlas import own_atlas
from game.render.dreamer import FIGURE_PX, PICTURE_PX, DreamerLook, dreamer_frames
from game.render.framing import camera_centre, zoom_for
from game.render.fullscreen import clear_outside
from game.render.glow import star_texture
from game.render.lighting import Lighting
from game.render.masterpiece import EaselPicture
from game.render.textures import arrow_image, prop_image, tool_image
from game.render.tiles import level_image

CAMERA_FOLLOW = 0.12  # fraction of the way the camera closes on the dreamer each tick
TOOL_PX = 18.0  # world px a tool lying on the floor is drawn across (~29 px on screen)
TOOL_GLOW = 0.45  # how much a tool shines by itself in the dark
GLINT_EVERY_S = 2.4  # a tool in view glints this often...
GLINT_S = 0.45  # ...for this long
GLINT_PX = 34.0  # world px across the glint's star
ARROW_PX = 30.0  # world px a glow-tape arrow spans
ARROW_GLOW = 0.75  # how much the tape shines by itself in the dark
PLAYER_MIN_LIGHT = 0.3  # the least light the dreamer is drawn in (1 = their own colours)
PLAYER_MAX_LIGHT = 0.38  # and the most: a dark figure against a lit floor, never washed out


def _texture(image, name: str) -> arcade.Texture:
    # Bounding-box hit boxes: the default algorithm scans every pixel of big pictures.
    return arcade.Texture(image, hash=name, hit_box_algorithm=arcade.hitbox.algo_bounding_box)


class Snapshot:
    """Where the moving things (and the camera) were after a tick, for interpolation."""

    def __init__(self, world, camera: tuple[float, float]):
        self.player = world.player.position
        self.props = [(p.position, p.angle) for p in world.props]
        self.tools = {id(t): (t.position, t.body.angle) for t in world.tools.loose}  # rolling tools move too
        self.camera = camera


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _unit_rgba(colour) -> tuple[float, ...]:
    """A colour (0..255, rgb or rgba) as rgba 0..1."""
    return tuple(channel / 255.0 for channel in arcade.types.Color.from_iterable(colour))


class WorldRenderer:
    """Everything in the level, drawn through a world camera that follows the player."""

    def __init__(self, world, window: arcade.Window | None = None):
        self.window = window or arcade.get_window()
        self.world_camera = arcade.Camera2D()
        self.gui_camera = arcade.Camera2D()
        self.lighting = Lighting(self.window.ctx)  # the lighting pass (lights, soft shadows)
        self.drew_room = False  # the last draw showed the lit room (not a close-up or a full-screen overlay)
        self.bounded = True  # the camera stops at the level's edge (the vortex lets it go past: see camera_target)
        self.void_colour = (0.0, 0.0, 0.0, 1.0)  # past the level's edge, rgba 0..1: the screen's colour (see draw)
        self.set_world(world)

    # -- building -------------------------------------------------------------------------

    def set_world(self, world) -> None:
        """Build the sprites for the world's level (again after the level changes)."""
        self.world = world
        self.level = world.level
        self._background = None  # the floor as a sprite, made only if something draws it unlit
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
        self.arrows = arcade.SpriteList()  # glow tape on the floor, toward the stage
        arrow = _texture(arrow_image(), "glow-tape-arrow")
        for sign in world.level.signs:
            sprite = arcade.Sprite(arrow)
            sprite.width = sprite.height = ARROW_PX
            sprite.position = (sign.x, sign.y)
            sprite.angle = -sign.angle  # arcade turns clockwise
            self.arrows.append(sprite)
        self.tools = arcade.SpriteList()
        self.tool_sprites: dict[int, arcade.Sprite] = {}
        self.glints = arcade.SpriteList()
        self.glint_texture = star_texture("glint", 64, (255, 246, 214))
        frames, rims = dreamer_frames()
        self.dreamer_textures = [_texture(frame, f"dreamer-{index}") for index, frame in enumerate(frames)]
        self.rim_textures = [_texture(rim, f"dreamer-rim-{index}") for index, rim in enumerate(rims)]
        self.player = arcade.SpriteList()
        self.player_sprite = arcade.Sprite(self.dreamer_textures[0])
        self.player.append(self.player_sprite)
        self.rim = arcade.SpriteList()
        self.rim_sprite = arcade.Sprite(self.rim_textures[0])
        self.rim.append(self.rim_sprite)
        self.look = DreamerLook()
        self.player_sprite.position = world.player.position
        self.current = Snapshot(world, self.camera_target(world.player.position))
        self.previous = self.current
        self.world_camera.position = self.current.camera
        self.lighting.set_level(world.level)
        for sprites in (self.arrows, self.easel, self.props, self.tools, self.player, self.rim):
            self.lighting.adopt(sprites)  # drawn lit, in one pass

    @property
    def background(self) -> arcade.SpriteList:
        """The floor as one big sprite, for drawing it without the lighting pass (which draws
        the floor itself, cheaper: Lighting.draw_floor). Made when first asked for."""
        if self._background is None:
            level = self.level
            ground = arcade.Sprite(_texture(level_image(level), f"level-{level.seed}-{id(level)}"))
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
        self._place_dreamer((lerp(px0, px1, alpha), lerp(py0, py1, alpha)), (world.tick + alpha) / 60.0)
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
                sprite.width = sprite.height = TOOL_PX
                self.tool_sprites[key] = sprite
                self.tools.append(sprite)
            (p0, a0), (p1, a1) = self.previous.tools.get(key, (tool.position, tool.body.angle)), self.current.tools.get(key, (tool.position, tool.body.angle))
            sprite.position = (lerp(p0[0], p1[0], alpha), lerp(p0[1], p1[1], alpha))
            sprite.angle = -math.degrees(lerp(a0, a1, alpha))
        self._glint((world.tick + alpha) / 60.0)
        if self.easel_picture is not None:
            self.easel_picture.update(world)  # repainted when the flaw worsens

    def _place_dreamer(self, position: tuple[float, float], seconds: float) -> None:
        """The figure where the world says, walking, breathing and trembling as it says."""
        world = self.world
        look = self.look
        look.follow(position, seconds)
        dx, dy, twist = look.tremble(world.panic.tremble, world.panic.level)
        fx, fy = world.player.facing
        angle = -math.degrees(math.atan2(fy, fx)) + 90.0 if (fx or fy) else 0.0
        frame = look.frame
        size = FIGURE_PX * PICTURE_PX / 52.0 * look.breath(seconds)  # the figure spans 52 of a frame's 64 px
        for sprite, textures in ((self.player_sprite, self.dreamer_textures), (self.rim_sprite, self.rim_textures)):
            if sprite.texture is not textures[frame]:
                sprite.texture = textures[frame]
            sprite.position = (position[0] + dx, position[1] + dy)
            sprite.angle = angle + twist
            sprite.width = sprite.height = size

    def _glint(self, seconds: float) -> None:
        """Now and then a star of light on each tool lying in the room, so the eye catches it."""
        glints = self.glints
        while len(glints) < len(self.tools):
            star = arcade.Sprite(self.glint_texture)
            star.width = star.height = GLINT_PX
            glints.append(star)
        for index, star in enumerate(glints):
            if index >= len(self.tools):
                star.visible = False
                continue
            tool = self.tools[index]
            phase = (seconds + index * 0.77) % GLINT_EVERY_S
            star.visible = phase < GLINT_S
            if star.visible:
                t = phase / GLINT_S
                star.position = (tool.center_x + 3, tool.center_y + 3)
                star.alpha = int(230 * math.sin(math.pi * t))
                star.angle = 40 * t

    def zoom(self) -> float:
        """The world camera's zoom: the same share of the level on screen at any window size."""
        return zoom_for(self.window.get_size())

    def camera_target(self, position: tuple[float, float]) -> tuple[float, float]:
        """Where the camera wants to be: on the dreamer, but never showing the void past the
        level's edge (a level narrower than the screen is centred instead) — unless the beat's
        overlay draws past the edge itself and has let the camera go (``bounded``)."""
        if not self.bounded:
            return (position[0], position[1])
        return camera_centre(position, (self.level.pixel_width, self.level.pixel_height), self.window.get_size())

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
            self.lighting.draw_floor(self.world_camera, self.void_colour)
        else:
            self.background.draw(pixelated=True)
        with self.lighting.drawn(glow=ARROW_GLOW):  # the tape glows where it is dark
            self.arrows.draw()
        self.easel.draw()
        self.props.draw()
        with self.lighting.drawn(glow=TOOL_GLOW):  # a tool in the dark still shows, faintly
            self.tools.draw()
        with self.lighting.drawn(min_light=PLAYER_MIN_LIGHT, max_light=PLAYER_MAX_LIGHT):  # the dreamer is never lost in the dark, a silhouette in the light...
            self.player.draw()
        with self.lighting.drawn(glow=1.0, fade_in_light=1.0):  # ...and their outline shines where it is dark
            self.rim.draw()
        self.glints.draw(blend_function=self.window.ctx.BLEND_ADDITIVE)

    def draw(self, alpha: float = 1.0, room: bool = True, box=None, clear: bool = False, painted_around: bool = False, background=None) -> None:
        """Place everything `alpha` of the way from the last tick to this one; draw the lit room
        unless an overlay covers the whole screen (the close-up, the hall, the vortex). `box`,
        asked once the camera is placed, may give the part of the screen (x, y, width, height)
        the room can show in: only that is lit and drawn (see Overlay.room_box).

        `background` is the screen's colour (None: the window's). With `clear` the screen is
        cleared to it only where the room leaves it undrawn (outside its box; everywhere when it
        is not drawn lit): the lit floor's pass paints every pixel it covers, the void past the
        level's edge in that colour (in software GL a full-screen clear costs as much as a pass,
        ~1.5 ms at 1280×720); with `painted_around` as well, what is outside the box is not
        cleared (the overlay paints it). Without `clear` the caller has cleared the screen."""
        self._sync(alpha)
        self.follow(alpha)
        self.world_camera.match_window()
        self.world_camera.zoom = self.zoom()
        self.gui_camera.match_window(position=True)  # (the window may have changed size since the last frame)
        self.drew_room = room
        colour = self.window.background_color if background is None else background
        self.void_colour = _unit_rgba(colour)
        clip = box() if room and box is not None else None
        if clear and (not room or not self.paints_screen()):
            self.window.ctx.screen.clear(color=colour)
        elif clear and clip is not None and not painted_around:  # the room paints its box: the rest is cleared
            clear_outside(self.window.ctx.screen, clip, colour)
        if not room:
            return
        self.world_camera.use()
        if clip is not None:
            self.window.ctx.scissor = clip
        try:
            self._draw_room()
        finally:
            if clip is not None:
                self.window.ctx.scissor = None

    def paint_room_ahead(self, background) -> None:
        """Draw the room as it is now under a one-pixel scissor, for what it paints into pictures
        of its own (its floor's picture, the still floor under the house lights): they are made
        now, not on the frame the room first shows (tens of ms in software GL). Call it after
        draw() this frame (where the camera is placed) when the room is not shown: the pixel is
        cleared to `background` after."""
        self.void_colour = _unit_rgba(background)
        self.world_camera.use()
        self.window.ctx.scissor = (0, 0, 1, 1)
        try:
            self._draw_room()
        finally:
            self.window.ctx.scissor = None
            self.window.ctx.screen.clear(color=background, viewport=(0, 0, 1, 1))

    def paints_screen(self) -> bool:
        """Whether drawing the room paints every pixel of the screen: the lit floor's pass does."""
        return self.lighting.adopted and self.lighting.level is not None

    def _draw_room(self) -> None:
        # Shadows follow the interpolated sprites, not the last tick's bodies.
        props = None
        if len(self.props) == len(self.world.props):
            props = [(p.spec, s.position, -math.radians(s.angle)) for p, s in zip(self.world.props, self.props)]
        self.lighting.draw(self.world, self.world_camera, self.draw_scene, player=self.player_sprite.position, props=props)
