"""The vortex: a swirling field of colour drawn by one full-screen shader, and the level's shards, orbiters, dreamer and eye over it.

The field is computed in world coordinates around the swirl's eye, so it stays put as the
camera moves and turns with the simulated swirl (``Swirl.turn``); its noise is sampled in
(angle, log distance) and repeats with the angle, so it has no seam where the angle wraps and
no fold. Reduce-motion slows it (the simulation already turns it slower) and lowers its
contrast. The same field, with a shrinking clear hole around the dreamer, swallows the room in
the ``lights_on`` beat.

The way to the eye is something felt: its warm light reaches far across the swirl in slow
rays, brighter the nearer it is; while it is off the screen a glow and a chevron at the
screen's edge point to it; and the camera follows the dreamer past the level's edge (the
swirl goes on there), so the dreamer is always in the middle with the way ahead in view. The
shards adrift are torn pieces of backstage wall — brick and plaster with ragged edges, lit on
the side that faces the eye.
"""

from __future__ import annotations

import math
import random
from array import array

import arcade
import numpy as np
from arcade.gl import BufferDescription, geometry
from PIL import Image, ImageDraw, ImageFilter

from game.level.vortex import vortex_level_for
from game.render.ahead import ahead, idle, made
from game.render.atlas import filled_atlas, own_atlas
from game.render.fullscreen import FULLSCREEN_VS, LATTICE_HASH, around
from game.render.glow import soft_texture
from game.render.overlay import Overlay
from game.render.recollection import masterpiece_memory
from game.render.textures import tool_image
from game.heap import release_freed_memory
from game.sim.beats.vortex import eye_of, orbiter_names

CONTRAST = 1.0  # the field's colour contrast
REDUCED_CONTRAST = 0.45  # with reduce-motion
HUE_BANDS = 3.0  # colour bands around the eye
SPIRAL_TWIST = 2.4  # how tightly the bands wind in toward the eye (rad per e-fold of distance)
EYE_GLOW_PX = 70.0  # the warm stillness around the eye, px
EYE_LIGHT_PX = 800.0  # how far the eye's light reaches across the swirl (its e-fold distance)
EYE_RAYS = 9.0  # slow rays of the eye's light (a whole number: they close round the circle)
FIELD_DRIFT = 0.03  # slow drift of the hues themselves, cycles per s
BEACON_INSET_PX = 46  # the edge glow pointing at an eye off the screen sits this far in
SHARD_PAD_PX = 6  # a shard's picture reaches this far past its wall (its ragged rim and shadow)
HOLE_WANDER_PX = 80.0  # the clear hole's ragged edge wanders this far either way (lights_on)...
HOLE_FADE_PX = 90.0  # ...and fades into the field over this far either side of it
HOLE_EDGE_PX = HOLE_WANDER_PX + HOLE_FADE_PX  # so the field is clear this far inside the hole, and gone this far outside it
FIELD_SCALE = 0.4  # the field is worked out at this fraction of the screen's pixels and stretched over it:
# it is soft everywhere, and its shader is dear per pixel in software GL (73 ms a 1280×720 frame at 1.0)

NOISE_ROUND = LATTICE_HASH + """
// Value noise that repeats every `period` cells along x (a whole number): x is the angle round
// the eye, so the pattern closes on itself where the angle wraps, with no seam and no fold.
float pnoise(vec2 p, float period) {
    vec2 i = floor(p), f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    float x0 = mod(i.x, period), x1 = mod(i.x + 1.0, period);
    return mix(mix(hash(vec2(x0, i.y)), hash(vec2(x1, i.y)), u.x), mix(hash(vec2(x0, i.y + 1.0)), hash(vec2(x1, i.y + 1.0)), u.x), u.y);
}
// Four octaves round the circle: (turns of the angle, along the radius); each octave doubles
// the period with the frequency, so every octave wraps too.
float fbm_round(float turns, float along, float period) {
    vec2 p = vec2(turns * period, along);
    float s = 0.0, a = 0.5;
    for (int i = 0; i < 4; i++) { s += a * pnoise(p, period); p = p * 2.0 + vec2(0.0, 17.1); period *= 2.0; a *= 0.5; }
    return s;
}
"""

_FS = """
#version 330
#define HOLE 1  // a clear hole round the eye (lights_on): a variant of its own (see SwirlField.draw)
uniform vec2 u_origin;     // world position of the screen's lower-left corner
uniform vec2 u_view;       // world size of the screen
uniform vec2 u_eye;        // world position of the eye
uniform float u_turn;      // rad the swirl has turned
uniform float u_time;      // s
uniform float u_contrast;  // 1 full .. lower for reduce-motion
uniform float u_alpha;
uniform float u_hole;      // px around the eye kept clear (lights_on); 0 = none
uniform sampler2D u_edge;  // (with HOLE) the hole's ragged edge round the eye: see EDGE_FS
uniform float u_bands;
uniform float u_twist;
uniform float u_glow;
uniform float u_light;     // px: how far the eye's light reaches
uniform float u_rays;
in vec2 v_uv;
out vec4 f_color;

const float TAU = 6.2831853;

NOISE_ROUND
vec3 hsv(float h, float s, float v) {
    vec3 k = clamp(abs(mod(h * 6.0 + vec3(0, 4, 2), 6.0) - 3.0) - 1.0, 0.0, 1.0);
    return v * mix(vec3(1.0), k, s);
}
void main() {
    vec2 world = u_origin + v_uv * u_view;
    vec2 d = world - u_eye;
    float r = length(d);
    float a = atan(d.y, d.x);
    float lr = log(max(r, 8.0));
    // Wind the angle into a spiral that turns with the swirl, faster near the eye.
    float spin = u_turn * (1.0 + 220.0 / (r + 60.0));
    float theta = a - spin + u_twist * lr;
    // Warp the spiral with slow noise, so it reads as paint pulled round, not a pattern. The
    // noise is sampled in (angle, log distance), wrapping with the angle (see pnoise). Two
    // gentle octaves: value noise is at most 1.5 steep a cell, so the warp turns the angle
    // less than it advances (0.8·1.5·3/τ + 0.2·1.5·6/τ < 1) and the bands never fold back.
    float w0 = theta / TAU;
    theta += 0.8 * (pnoise(vec2(w0 * 3.0, lr * 1.1 + u_time * 0.07), 3.0) - 0.5)
           + 0.2 * (pnoise(vec2(w0 * 6.0, lr * 2.2 + u_time * 0.07 + 17.1), 6.0) - 0.5);
    float turns = theta / TAU;
    float n = fbm_round(turns, lr * 1.7 + u_time * 0.05, 5.0);
    float streak = fbm_round(turns, lr * 3.6 - u_time * 0.2, 9.0);
    float hue = fract(turns * u_bands + n * 0.55 + u_time * 0.03);
    float sat = 0.5 + 0.35 * streak;
    // Near the eye the bands wind tighter than the pixels that show them: there the fine ripples
    // and threads fade out (by how far the spiral's angle turns from one pixel to the next), or
    // they would break into dashes and moiré. Worked out from the distance (not fwidth(theta),
    // which jumps where atan wraps and would draw a seam).
    float px_world = length(fwidth(world));
    float step_px = px_world * (sqrt(1.0 + u_twist * u_twist) / max(r, 1.0) + abs(u_turn) * 220.0 / ((r + 60.0) * (r + 60.0)));
    float val = 0.55 + 0.45 * smoothstep(0.25, 0.85, streak) + 0.12 * sin(theta * 9.0 + lr * 5.0) * (1.0 - smoothstep(0.25, 0.6, step_px * 9.0));
    vec3 colour = hsv(hue, sat, val);
    // Thin bright threads of light in the flow.
    float thread = smoothstep(0.9, 1.0, sin(theta * 14.0 + n * 6.0)) * (1.0 - smoothstep(0.15, 0.4, step_px * 14.0));
    colour += vec3(1.0, 0.95, 0.85) * thread * 0.22;
    // The eye's light reaches far across the swirl in slow rays: the nearer, the warmer and the
    // brighter (far out the colours sink into dusk), so which way is lighter is which way to swim.
    float reach = exp(-r / u_light);
    colour *= 0.5 + 0.5 * exp(-r / (u_light * 1.4));
    float rays = 0.55 + 0.45 * cos(a * u_rays + u_time * 0.25);
    colour += vec3(1.0, 0.86, 0.6) * reach * (0.3 + 0.35 * rays);
    // The calm eye: a warm, still light.
    float calm = exp(-r / u_glow);
    colour = mix(colour, vec3(1.0, 0.94, 0.82), clamp(calm * 0.85, 0.0, 1.0));
    // Contrast: reduce-motion pulls every colour toward a soft middle.
    vec3 middle = vec3(0.55, 0.5, 0.6);
    colour = mix(middle, colour, u_contrast);
    float alpha = u_alpha;
#if HOLE
    float edge = u_hole + 2.0 * HOLE_WANDER_PX * (texture(u_edge, vec2(a / TAU, 0.5)).r - 0.5);
    alpha *= smoothstep(edge - HOLE_FADE_PX, edge + HOLE_FADE_PX, r);
#endif
    f_color = vec4(colour, alpha);
}
""".replace("NOISE_ROUND", NOISE_ROUND).replace("HOLE_WANDER_PX", f"{HOLE_WANDER_PX:.1f}").replace("HOLE_FADE_PX", f"{HOLE_FADE_PX:.1f}")


# The hole's ragged edge: how far it wanders (0..1) at each angle round the eye, worked out once a
# frame along a row of texels (its noise is the angle's and the time's alone) and looked up by the
# field for every pixel, not worked out four octaves deep for each.
EDGE_TEXELS = 1024
EDGE_FS = """
#version 330
uniform float u_time;
in vec2 v_uv;
out vec4 f_color;
NOISE_ROUND
void main() { f_color = vec4(fbm_round(v_uv.x, u_time * 0.4, 6.0), 0.0, 0.0, 1.0); }
""".replace("NOISE_ROUND", NOISE_ROUND)


_STRETCH_FS = """
#version 330
uniform sampler2D field;
in vec2 v_uv;
out vec4 f_color;
void main() { f_color = texture(field, v_uv); }
"""


# The field stretched over the screen, and the morning over it (the waking as the light comes up),
# worked out together in one opaque pass: no clear under it, and nothing blended twice.
_MORNING_FS = """
#version 330
uniform sampler2D field;
uniform sampler2D morning;  // the morning's picture, its top row first, over the whole screen
uniform float fade;         // how far up the morning is, 0..1
uniform vec3 under;         // what the field is seen over where it is not opaque (0..1)
in vec2 v_uv;
out vec4 f_color;
void main() {
    vec4 swirl = texture(field, v_uv);
    vec3 seen = mix(under, swirl.rgb, swirl.a);
    f_color = vec4(mix(seen, texture(morning, vec2(v_uv.x, 1.0 - v_uv.y)).rgb, fade), 1.0);
}
"""


def clear_middle(width: float, height: float, centre: tuple[float, float], radius: float) -> tuple[float, float, float, float] | None:
    """The largest upright rectangle (left, bottom, right, top, px) inside the circle of `radius`
    round `centre` that is also on the `width`×`height` screen, as far as a few tries find it; None
    when there is none worth leaving out."""
    if radius <= 8.0:
        return None
    cx, cy = centre
    best, best_area = None, 64.0 * 64.0
    for share in (0.35, 0.5, 0.6, 0.7071, 0.8, 0.9):  # how much of the radius goes up and down
        half_h = radius * share
        half_w = math.sqrt(max(0.0, radius * radius - half_h * half_h))
        left, right = max(0.0, cx - half_w), min(width, cx + half_w)
        bottom, top = max(0.0, cy - half_h), min(height, cy + half_h)
        area = (right - left) * (top - bottom)
        if right > left and top > bottom and area > best_area:
            best, best_area = (left, bottom, right, top), area
    return best


class SwirlField:
    """The shader and its full-screen quad; draws the field for a swirl seen through a camera.

    The field is worked out into a texture at FIELD_SCALE of the screen, then stretched over the
    screen (blended only where it is not opaque). With a clear hole (lights_on) both passes
    leave out the rectangle in its middle that the field does not reach at all: software GL
    pays for every pixel a pass covers, shown or not."""

    def __init__(self, ctx):
        self.ctx = ctx
        # With a hole and without: software GL works out every branch for every pixel, so the
        # hole's ragged edge (four more octaves of noise) is left out of the shader without one.
        self.programs = {hole: ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_FS, defines={"HOLE": int(hole)}) for hole in (False, True)}
        self.programs[True]["u_edge"] = 1
        self.stretch = ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_STRETCH_FS)
        self.edge_program = ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=EDGE_FS)
        self.edge = ctx.texture((EDGE_TEXELS, 1), components=1, dtype="f4")  # the hole's edge round the eye (see EDGE_FS)
        self.edge.filter = (ctx.LINEAR, ctx.LINEAR)
        self.edge.wrap_x = ctx.REPEAT  # (round the circle)
        self.edge.wrap_y = ctx.CLAMP_TO_EDGE
        self.edge_framebuffer = ctx.framebuffer(color_attachments=[self.edge])
        self.under_morning = None  # the stretch with the morning over it (see draw), made when first asked for
        self.quad = geometry.quad_2d_fs()
        self.frame_buffer = ctx.buffer(reserve=4 * 6 * 4 * 4)  # up to four rectangles round the clear middle, 6 vertices of (x, y, u, v)
        self.frame = ctx.geometry([BufferDescription(self.frame_buffer, "2f 2f", ["in_vert", "in_uv"])], mode=ctx.TRIANGLES)
        self.target = None  # (texture, framebuffer, size) the field is worked out in

    def _around(self, clear: tuple[float, float, float, float], width: float, height: float) -> int:
        """Write the screen less `clear` (px) as rectangles into the frame geometry; its vertex count."""
        left, bottom, right, top = clear
        data = array("f")
        for x0, y0, w, h in around((0.0, 0.0, width, height), (left, bottom, right - left, top - bottom)):
            u0, v0, u1, v1 = x0 / width, y0 / height, (x0 + w) / width, (y0 + h) / height
            corners = [(u0, v0), (u1, v0), (u1, v1), (u0, v0), (u1, v1), (u0, v1)]
            for u, v in corners:
                data.extend((u * 2.0 - 1.0, v * 2.0 - 1.0, u, v))
        self.frame_buffer.write(data.tobytes())
        return len(data) // 4

    def drawn_ahead(self, window) -> None:
        """Work the field out once, unseen (into its own picture, as draw does without a hole), so
        the frame that first shows it does not pay for its picture and its first pass (~10 ms
        in software GL)."""
        _, framebuffer, _ = self._target(*window.get_size())
        self.ctx.disable(self.ctx.BLEND)
        with framebuffer.activate():
            self.quad.render(self.programs[False])
        self.ctx.enable(self.ctx.BLEND)

    def _target(self, width: int, height: int):
        size = (max(1, math.ceil(width * FIELD_SCALE)), max(1, math.ceil(height * FIELD_SCALE)))
        if self.target is None or self.target[2] != size:
            texture = self.ctx.texture(size, components=4)
            texture.filter = (self.ctx.LINEAR, self.ctx.LINEAR)
            texture.wrap_x = texture.wrap_y = self.ctx.CLAMP_TO_EDGE
            self.target = (texture, self.ctx.framebuffer(color_attachments=[texture]), size)
        return self.target

    def draw(self, camera, window, swirl, seconds: float, reduce_motion: bool, alpha: float = 1.0, hole: float = 0.0,
             morning=None) -> None:
        """The field over the screen (blended over what is there, where it is not opaque), less a
        clear `hole` round the eye; or, given `morning` — (its picture's texture, how far up it is
        0..1, the colour 0..255 the field is seen over) — the field and the morning over it painted
        onto the whole screen in one opaque pass, nothing under it drawn or cleared first."""
        width, height = window.get_size()
        zoom = camera.zoom or 1.0
        cx, cy = camera.position
        view = (width / zoom, height / zoom)
        program = self.programs[hole > 0.0]
        program["u_origin"] = (cx - view[0] / 2, cy - view[1] / 2)
        program["u_view"] = view
        program["u_eye"] = swirl.eye
        program["u_turn"] = swirl.turn
        program["u_time"] = seconds * (0.4 if reduce_motion else 1.0)
        program["u_contrast"] = REDUCED_CONTRAST if reduce_motion else CONTRAST
        program["u_alpha"] = alpha
        program.set_uniform_safe("u_hole", hole)  # (none without one)
        program["u_bands"] = HUE_BANDS
        program["u_twist"] = SPIRAL_TWIST
        program["u_glow"] = EYE_GLOW_PX
        program["u_light"] = EYE_LIGHT_PX
        program["u_rays"] = EYE_RAYS
        texture, framebuffer, _ = self._target(width, height)
        clear = None
        if hole > 0.0:  # the middle of the hole, where the field is clear whatever its edge does
            ex, ey = swirl.eye
            eye = (width / 2 + (ex - cx) * zoom, height / 2 + (ey - cy) * zoom)
            clear = clear_middle(width, height, eye, (hole - HOLE_EDGE_PX) * zoom - 4.0)
        # What both passes cover: the whole screen, or the screen round the clear middle.
        shape, vertices = (self.frame, self._around(clear, width, height)) if clear is not None else (self.quad, None)
        ctx = self.ctx
        ctx.disable(ctx.BLEND)  # the field's alpha is written as it is, to be blended once, below
        if hole > 0.0:
            self.edge_program["u_time"] = program["u_time"]
            with self.edge_framebuffer.activate():
                self.quad.render(self.edge_program)
            self.edge.use(1)
        with framebuffer.activate():
            if clear is not None:
                framebuffer.clear()  # (the clear middle is left out of the pass: it must read clear)
            if vertices != 0:  # (no vertices is not "all of them" to the geometry)
                shape.render(program, vertices=vertices)
        texture.use(0)
        self.stretch["field"] = 0
        if morning is not None:  # opaque, as the plain field below
            self._under_morning(*morning)
        elif alpha < 1.0 or hole > 0.0:
            ctx.enable(ctx.BLEND)
            ctx.blend_func = ctx.BLEND_DEFAULT
            if vertices != 0:
                shape.render(self.stretch, vertices=vertices)
        else:  # opaque: nothing under it shows, so nothing to blend
            self.quad.render(self.stretch)
        ctx.enable(ctx.BLEND)
        ctx.blend_func = ctx.BLEND_DEFAULT

    def _under_morning(self, picture, fade: float, under) -> None:
        if self.under_morning is None:
            self.under_morning = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_MORNING_FS)
            self.under_morning["field"] = 0
            self.under_morning["morning"] = 1
        program = self.under_morning
        program["fade"] = fade
        program["under"] = tuple(c / 255.0 for c in under[:3])
        picture.use(1)
        self.quad.render(program)


def paint_ahead(world) -> None:
    """Start painting the vortex's shards as lights on begins (see BeatShow.ahead): their places
    are plain numbers of the vortex level the backstage leads to (~3 ms to generate)."""
    ahead(paint_shards, shard_places(vortex_level_for(world.level, world.seed), world.seed))


def shard_places(level, seed: int) -> tuple[tuple[float, float, int, int, float, int], ...]:
    """The pieces of a vortex level's walls drawn adrift, each (x, y) of its middle, width and
    height px, the direction of the eye from it (rad) and its own seed. The outer wall is the
    edge of the dream: only the pieces inside are drawn."""
    width, height = level.pixel_width, level.pixel_height
    cx, cy = width / 2, height / 2
    ex, ey = eye_of(level)
    places = []
    for index, rect in enumerate(level.wall_rects()):
        x, y = rect.center
        if math.hypot(x - cx, y - cy) <= min(width, height) * 0.42:
            places.append((x, y, int(rect.width), int(rect.height), math.atan2(ey - y, ex - x), seed * 1009 + index))
    return tuple(places)


def paint_shards(places) -> list[Image.Image]:
    """The pictures of the shards at `places` (see shard_places), in their order."""
    return [shard_picture(width, height, lit_from, seed) for _, _, width, height, lit_from, seed in places]


def shard_sprites(places) -> list[arcade.Sprite]:
    """The shards at `places` (see shard_places), each where it lies, as painted (see paint_ahead)."""
    sprites = []
    for (x, y, width, height, lit_from, seed), piece in zip(places, made(paint_shards, places)):
        texture = arcade.Texture(piece, hash=f"vortex-shard-{seed}-{width}x{height}-{lit_from:.6f}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)
        sprite = arcade.Sprite(texture)
        sprite.position = x, y
        sprites.append(sprite)
    return sprites


_SHARDS: dict = {}  # the next vortex's shards (a sprite list with an atlas of its own) made ahead, by their places


def shards_in_steps(world):
    """The next vortex's shards made a step at a time (a generator; see debris.prepare_vortex), once
    painted (see paint_ahead): their sprites, then their atlas a picture a step (~16 ms at once, on
    the vortex's first frame). The vortex takes them (see VortexOverlay.build)."""
    while not idle():
        yield
    places = shard_places(vortex_level_for(world.level, world.seed), world.seed)
    shards = shard_sprites(places)
    yield
    atlas = yield from filled_atlas([sprite.texture for sprite in shards])
    sprites = arcade.SpriteList(atlas=atlas)
    sprites.extend(shards)
    _SHARDS.clear()
    _SHARDS[places] = sprites


def shard_picture(width: int, height: int, lit_from: float, seed: int) -> Image.Image:
    """A piece of backstage wall torn loose, `width`×`height` px (plus SHARD_PAD_PX all round):
    brick courses under patches of old plaster, a ragged edge with a soft shadow, and light on
    the side facing `lit_from` (rad, the eye's direction from the piece). (Seen from above, a
    vortex level's wall tiles are their dark caps: adrift, a piece shows the brick it is made of.)"""
    rng = random.Random(seed)
    pad = SHARD_PAD_PX
    w, h = width + 2 * pad, height + 2 * pad
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    # Brick courses, each brick its own red-brown, with mortar between.
    row = np.floor(ys / 9.0)
    tone = np.sin(row * 12.9898 + np.floor((xs + (row % 2) * 11.0) / 22.0) * 78.233) * 43758.5453 % 1.0
    mortar = ((ys % 9.0) < 1.6) | (((xs + (row % 2) * 11.0) % 22.0) < 1.6)
    rgb = np.stack([118 + 40 * tone, 62 + 18 * tone, 48 + 12 * tone], axis=2)
    rgb[mortar] = (150, 140, 128)
    # Patches of old plaster still stuck to it.
    plaster = np.zeros((h, w), np.float32)
    for _ in range(rng.randint(1, 3)):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(6, 14)
        plaster = np.maximum(plaster, np.clip(1.0 - np.hypot(xs - cx, ys - cy) / r, 0, 1))
    stuck = (plaster > 0.3)[..., None]
    rgb = rgb * (1 - stuck) + np.array((196, 186, 170), np.float32) * stuck
    mask = torn_mask(width, height, pad, rng)
    inside = np.asarray(mask, np.float32) / 255.0
    # Lit on the side facing the eye (image y runs down), dark along every torn edge.
    edge = inside - np.asarray(mask.filter(ImageFilter.MinFilter(5)), np.float32) / 255.0
    facing = (xs - w / 2) * math.cos(lit_from) - (ys - h / 2) * math.sin(lit_from)
    light = np.clip(0.55 + facing / max(w, h) * 1.1, 0.25, 1.25)
    rgb = rgb * light[..., None]
    rgb = rgb * (1 - edge[..., None] * 0.75) + np.array((255, 228, 180), np.float32) * (edge * np.clip(facing / max(w, h) * 2.0, 0, 1))[..., None]
    shadow = np.asarray(mask.filter(ImageFilter.GaussianBlur(3)), np.float32) / 255.0
    alpha = np.maximum(inside, shadow * 0.55)
    rgb = rgb * inside[..., None]  # outside the piece only its soft shadow shows
    return Image.fromarray(np.concatenate([np.clip(rgb, 0, 255), alpha[..., None] * 255], axis=2).astype(np.uint8))


def torn_mask(width: int, height: int, pad: int, rng: random.Random, bite: float = 4.5, step: float = 7.0) -> Image.Image:
    """A ragged outline round a width×height rectangle (inset `pad` in its picture) as an L mask:
    points along each side, each bitten in by up to `bite` px — a piece torn from something larger."""
    outline = []
    for side in range(4):
        steps = max(2, int((width if side % 2 == 0 else height) / step))
        for k in range(steps):
            t = k / steps
            x, y = [(pad + t * width, pad), (pad + width, pad + t * height), (pad + width - t * width, pad + height), (pad, pad + height - t * height)][side]
            nx, ny = [(0, 1), (-1, 0), (0, -1), (1, 0)][side]
            cut = rng.uniform(0.0, bite)
            outline.append((x + nx * cut, y + ny * cut))
    mask = Image.new("L", (width + 2 * pad, height + 2 * pad), 0)
    ImageDraw.Draw(mask).polygon(outline, fill=255)
    return mask


def chevron_picture(size: int = 64) -> Image.Image:
    """A soft warm arrowhead pointing right (turned to point at the eye)."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(size * 0.25, size * 0.15), (size * 0.85, size * 0.5), (size * 0.25, size * 0.85), (size * 0.42, size * 0.5)], fill=(255, 232, 190, 255))
    return image.filter(ImageFilter.GaussianBlur(1.2))


class Dreamer:
    """The dreamer drawn plainly, unlit (the room's sprites belong to the lighting pass): the same
    figure, frame and pose the room's renderer last placed."""

    def __init__(self):
        self.sprites = arcade.SpriteList()
        self.sprite = arcade.Sprite()
        self.sprites.append(self.sprite)

    def draw(self, view) -> None:
        placed = view.renderer.player_sprite
        if self.sprite.texture is not placed.texture:
            self.sprite.texture = placed.texture
        self.sprite.position, self.sprite.angle = placed.position, placed.angle
        self.sprite.width, self.sprite.height = placed.width, placed.height
        self.sprites.draw()


SHRED_PLACES = (0.37, 0.81, 0.13, 0.64, 0.92, 0.28, 0.55, 0.07, 0.71, 0.46, 0.19, 0.88)  # where the shreds are torn from the memory


def orbit_picture(world, kind: str, name: str) -> arcade.Texture:
    """An orbiter's picture: a tool used (`name`), or shred number `name` of the masterpiece as remembered."""
    if kind == "tool":
        image = tool_image(name).resize((28, 28), Image.NEAREST)
        return arcade.Texture(image, hash=f"orbit-tool-{name}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)
    memory = masterpiece_memory(world, 256)
    k = int(name)
    u, v = SHRED_PLACES[k % len(SHRED_PLACES)], SHRED_PLACES[(k * 5 + 3) % len(SHRED_PLACES)]
    x0, y0 = int(u * 190), int(v * 190)
    shred = memory.crop((x0, y0, x0 + 54 + (k % 3) * 8, y0 + 40 + (k % 2) * 14)).convert("RGBA")
    return arcade.Texture(shred, hash=f"orbit-shred-{world.seed}-{k}-{id(memory)}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)


class VortexOverlay(Overlay):
    """Fills the screen in the vortex beat: the field, the drifting shards, the orbiters, the eye, the dreamer."""

    def __init__(self, view, field: SwirlField | None = None):
        self.field = field or SwirlField(view.window.ctx)
        self.level = None
        self.shards = arcade.SpriteList()
        self.orbit_sprites = arcade.SpriteList()
        self.orbit_names: list[tuple[str, str]] | None = None  # the orbiters orbit_sprites shows, each (kind, name)
        self.orbit_for: list = []  # the orbiters themselves, once in the world (see build)
        self.eye = arcade.SpriteList()
        halo = arcade.Sprite(soft_texture("eye", 256, (255, 228, 170), 2.2))
        halo.width = halo.height = 260
        self.eye.append(halo)
        self.dreamer_glow = arcade.SpriteList()  # a pale light round the dreamer, so they are seen in the colour
        glow = arcade.Sprite(soft_texture("dreamer", 128, (255, 250, 240), 1.8))
        glow.width = glow.height = 130
        self.dreamer_glow.append(glow)
        self.dreamer = Dreamer()
        self.beacon = arcade.SpriteList()  # the glow and chevron at the screen's edge, toward an eye off the screen
        self.beacon_glow = arcade.Sprite(soft_texture("beacon", 128, (255, 214, 150), 1.6))
        self.beacon_glow.width = self.beacon_glow.height = 220
        self.chevron = arcade.Sprite(arcade.Texture(chevron_picture(), hash="vortex-chevron", hit_box_algorithm=arcade.hitbox.algo_bounding_box))
        self.beacon.extend([self.beacon_glow, self.chevron])
        self.renderer = view.renderer

    @classmethod
    def made_in_steps(cls, view):
        """Made while lights on plays, once its shards are (see debris.prepare_vortex; a generator,
        its value the overlay): the field's programs and its first pass, the beacon, then the
        orbiters' sprites, of the tools used and the masterpiece's shreds (~30 ms on the vortex's
        first frame otherwise)."""
        field = SwirlField(view.window.ctx)
        yield
        field.drawn_ahead(view.window)
        yield
        overlay = cls(view, field)
        yield
        world = view.world
        names = orbiter_names(world)
        sprites = arcade.SpriteList()
        for kind, name in names:
            sprites.append(arcade.Sprite(orbit_picture(world, kind, name)))
            yield
        overlay.orbit_sprites, overlay.orbit_names = sprites, names
        return overlay

    def entered(self, view) -> None:
        self.renderer.bounded = False  # the swirl goes on past the level's edge: keep the dreamer in the middle
        self.renderer.snap_camera()

    def close(self) -> None:
        self.renderer.bounded = True

    def build(self, view) -> None:
        """The pictures of this vortex level (its shards, the orbiting fragments): once the level is loaded."""
        world = view.world
        self.level = world.level
        places = shard_places(world.level, world.seed)
        self.shards = _SHARDS.pop(places, None)  # (made while lights on played: see shards_in_steps)
        if self.shards is None:
            shards = shard_sprites(places)
            self.shards = arcade.SpriteList(atlas=own_atlas([sprite.texture for sprite in shards]) if shards else None)
            self.shards.extend(shards)
        _SHARDS.clear()
        scene = world.story.scene
        names = [(orbiter.kind, orbiter.name) for orbiter in scene.orbiters]
        if names != self.orbit_names:  # (not made ahead: a dream resumed in the vortex)
            self.orbit_sprites, self.orbit_names = arcade.SpriteList(), names
            self.orbit_sprites.extend(arcade.Sprite(orbit_picture(world, kind, name)) for kind, name in names)
        self.orbit_for = list(scene.orbiters)
        self.eye[0].position = scene.swirl.eye
        release_freed_memory()  # the shards' and shreds' temporaries (see game.heap)

    def covers(self, view) -> bool:
        return True

    def paints_screen(self, view) -> bool:
        return True  # the swirl, opaque over the whole screen

    def draw(self, view) -> None:
        world = view.world
        if self.level is not world.level or len(self.orbit_for) != len(world.story.scene.orbiters):
            self.build(view)
        scene = world.story.scene
        camera = view.renderer.world_camera
        view.renderer.gui_camera.use()
        self.field.draw(camera, view.window, scene.swirl, scene.ticks / 60.0, world.settings.reduce_motion)
        camera.use()
        pulse = 1.0 + 0.08 * math.sin(scene.ticks / 60.0 * 2.0)
        self.eye[0].width = self.eye[0].height = 260 * pulse * (1.4 if scene.reached else 1.0)
        self.eye[0].alpha = 170
        self.eye.draw(blend_function=(view.window.ctx.SRC_ALPHA, view.window.ctx.ONE))
        self.shards.draw()
        for sprite, orbiter in zip(self.orbit_sprites, self.orbit_for):
            sprite.position = orbiter.position
            sprite.angle = -math.degrees(orbiter.body.angle)
        self.orbit_sprites.draw()
        self.dreamer_glow[0].position = view.renderer.player_sprite.position
        self.dreamer_glow[0].alpha = 150
        self.dreamer_glow.draw(blend_function=(view.window.ctx.SRC_ALPHA, view.window.ctx.ONE))
        self.dreamer.draw(view)
        self.draw_beacon(view, camera, scene)

    def draw_beacon(self, view, camera, scene) -> None:
        """While the eye is off the screen: a warm glow and a chevron at the edge, toward it."""
        w, h = view.window.get_size()
        zoom = camera.zoom or 1.0
        cx, cy = camera.position
        dx, dy = (scene.swirl.eye[0] - cx) * zoom, (scene.swirl.eye[1] - cy) * zoom
        half_w, half_h = w / 2 - BEACON_INSET_PX, h / 2 - BEACON_INSET_PX
        if abs(dx) <= half_w + BEACON_INSET_PX and abs(dy) <= half_h + BEACON_INSET_PX:
            return  # the eye is in view
        reach = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        x, y = w / 2 + dx * reach, h / 2 + dy * reach
        pulse = 0.5 + 0.5 * math.sin(scene.ticks / 60.0 * 2.4)
        self.beacon_glow.position = self.chevron.position = (x, y)
        self.beacon_glow.alpha = int(120 + 80 * pulse)
        self.chevron.angle = -math.degrees(math.atan2(dy, dx))
        self.chevron.alpha = int(170 + 80 * pulse)
        view.renderer.gui_camera.use()
        self.beacon.draw(blend_function=(view.window.ctx.SRC_ALPHA, view.window.ctx.ONE))
