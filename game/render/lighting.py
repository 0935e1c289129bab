"""The lighting pass: the unlit scene, times ambient darkness plus every light with its soft shadows.

Per frame:

1. the shadow atlas (``game/render/shadows.py``) learns how far each light sees in every direction;
2. each light is drawn additively into a half-float light map at a fraction of the screen's
   resolution (light has headroom there: two overlapping lights add up past 1 without clipping),
   as one quad bounded by its radius, with a penumbra that widens with distance from the
   occluder (the angular filter width is the light's size times (d - blocker) / (blocker · d));
3. the scene is multiplied by the light map (which starts at the ambient light, upsampled
   bilinearly), with highlights rolled off softly instead of clipped, and dithered so dark
   gradients do not band. The scene's sprite lists are "adopted" and do this as they are drawn
   (``lit_sprite_fs.glsl``), so the lit scene costs one pass; a scene drawn some other way is
   drawn offscreen first and composited by one full-screen pass.

It only reads the world: light positions and brightness come from ``world.lights`` (the flicker
is simulated, never computed here).
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import arcade
import numpy as np
from arcade import gl
from arcade.gl import BufferDescription, geometry

from game.level.model import TILE_SIZE, Level
from game.render.fullscreen import FULLSCREEN_VS, copy_picture, picture_framebuffer
from game.render.tiles import ATLAS_COLUMNS, CAP_LIGHT, CAP_LIT, LevelTiles, level_tiles
from game.render.warmup import program_for_each_way
from game.render.shadows import MAX_LIGHTS, PENUMBRA_WINDOW, EdgeSet, ShadowAtlas, cull, out_of_walls, wall_edges
from game.resources import shaders
from game.sim.bodies import PLAYER_RADIUS
from game.sim.lights import MAX_SWAY_PX

SHADERS = shaders()
LIGHT_MAP_SCALE = 0.25  # light map resolution as a fraction of the screen's
AMBIENT = (0.10, 0.11, 0.16)  # light where no lamp reaches: almost dark, faintly cool
HOUSE_LIGHT = (1.04, 1.0, 0.95)  # what everything is lit by when the house lights are fully up
LIGHT_RANGE = 4.0  # the most light the packed light map holds (1 = a surface in its own colours)
NO_MAX_LIGHT = 1e6  # drawn() without a ceiling
FLOOR_PICTURE_PX = 4096  # the floor's picture, each way, at most: a level this size or smaller is painted whole, once
FLOOR_MARGIN_PX = 256  # a bigger level's picture: the view and at least this much round it, painted again once the view leaves it
FLOOR_PICTURE_STEP_PX = 512  # ...its size rounded up to this, so a view a little bigger does not make a new picture
LIT_FLOOR_UNIT = 3  # the texture unit the lit floor is laid from (0 is the floor's picture, 2 the light map)
STILL_STEPS = 64  # under the full house lights the floor is placed to 1/this of a world px (see draw_floor)
HIGHLIGHT_KNEE = 0.82  # above this, colours roll off towards white instead of clipping
# How big each kind of light is (px): the bigger, the wider its shadows' penumbrae.
SOURCE_SIZE = {"candle": 3.0, "work_lamp": 9.0, "bare_bulb": 4.0, "spill": 28.0, "house": 60.0}
# Falloff: a hot core fading into a long warm tail, reaching zero exactly at the radius.
CORE_SHARE = 0.45  # share of the brightness in the core
CORE_TIGHTNESS = 9.0  # how quickly the core fades (per radius², unitless)
LIGHT_GAIN = 1.5  # light map units per unit of brightness at a light's heart
GLOW_GAIN = 2.5  # the flame or bulb itself: a small hot spot that no shadow covers
GLOW_PX = 5.0  # its size

_LIGHT_VS = """
#version 330
in vec4 in_light;  // x, y, radius, source size
in vec4 in_color;  // r, g, b (brightness included), atlas row
out vec4 v_light;
out vec4 v_color;
void main() {
    v_light = in_light;
    v_color = in_color;
}
"""

_LIGHT_GS = """
#version 330
layout(points) in;
layout(triangle_strip, max_vertices = 4) out;
uniform WindowBlock {
    mat4 projection;
    mat4 view;
} window;
in vec4 v_light[];
in vec4 v_color[];
out vec2 g_world;
flat out vec4 g_light;
flat out vec4 g_color;
void main() {
    vec4 light = v_light[0];
    for (int i = 0; i < 4; ++i) {
        vec2 corner = vec2(i % 2 == 0 ? -1.0 : 1.0, i < 2 ? -1.0 : 1.0);
        g_world = light.xy + corner * light.z;
        g_light = light;
        g_color = v_color[0];
        gl_Position = window.projection * window.view * vec4(g_world, 0.0, 1.0);
        EmitVertex();
    }
    EndPrimitive();
}
"""

_LIGHT_FS = """
#version 330
#define PI 3.14159265358979
#define TAPS 7
uniform sampler2D atlas;
uniform sampler2D ranges;
uniform float rows;
uniform float directions;
uniform float window_texels;
uniform float core_share;
uniform float core_tightness;
uniform float glow_gain;
uniform float glow_px;
in vec2 g_world;
flat in vec4 g_light;
flat in vec4 g_color;
out vec4 f_light;

float noise(vec2 p) {  // interleaved gradient noise: cheap per-pixel jitter for the filter taps
    return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715))));
}

// atan(y, x) to within 0.0015 rad (a quarter of an atlas texel): the built-in one is a long
// polynomial on a software renderer, and this runs for every pixel every light reaches.
float fast_atan2(float y, float x) {
    float ax = abs(x);
    float ay = abs(y);
    float a = min(ax, ay) / max(max(ax, ay), 1e-9);
    float s = a * a;
    float r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
    if (ay > ax) r = 1.57079637 - r;
    if (x < 0.0) r = 3.14159274 - r;
    if (y < 0.0) r = -r;
    return r;
}

void main() {
    vec2 rel = g_world - g_light.xy;
    float d = length(rel);
    float x = d / g_light.z;
    if (x >= 1.0) discard;
    float fade = 1.0 - x * x;
    float falloff = fade * fade * ((1.0 - core_share) + core_share * exp(-core_tightness * x * x));
    float u = (fast_atan2(rel.y, rel.x) + PI) / (2.0 * PI);
    float v = (g_color.w + 0.5) / rows;
    vec2 range = texture(ranges, vec2(u, v)).rg;
    float visible;
    if (d <= range.x) {
        visible = 1.0;
    } else if (d > range.y + 2.0) {  // 2 px: the soft depth comparison below reaches 1.5 px
        visible = 0.0;
    } else {
        // Penumbra half-width in atlas texels, from the nearest blocker around this direction.
        float blocker = max(range.x, 1.0);
        float width = g_light.w * (d - blocker) / (blocker * d) * directions / (2.0 * PI);
        width = clamp(width, 0.75, window_texels);
        float jitter = noise(gl_FragCoord.xy) - 0.5;
        visible = 0.0;
        for (int k = 0; k < TAPS; ++k) {
            float offset = ((float(k) + 0.5 + jitter) / float(TAPS) * 2.0 - 1.0) * width;
            float depth = texture(atlas, vec2(u + offset / directions, v)).r;
            visible += smoothstep(-1.5, 1.5, depth - d);  // soft by 1.5 px: no stair-steps on walls
        }
        visible /= float(TAPS);
    }
    // The flame or bulb itself: a hot spot falling to nothing at four glow radii (the shape of
    // a Gaussian, without an exp per pixel).
    // (1 - x/16)^16 follows exp(-x) closely and is exactly 0 from x = 16 on.
    float spot = max(1.0 - (d * d) / (16.0 * glow_px * glow_px), 0.0);
    spot *= spot;
    spot *= spot;
    float glow = glow_gain * spot * spot * spot * spot;
    f_light = vec4(g_color.rgb * (falloff * visible + glow), 1.0);
}
"""

_PACK_FS = """
#version 330
// The half-float light map, packed into 8 bits a channel for the (many) fetches of the lit
// scene: sqrt keeps the precision in the dark, LIGHT_RANGE keeps the headroom, and a dither
// of half a step hides what rounding remains.
uniform sampler2D light_map;
uniform float light_range;
out vec4 f_packed;
float noise(vec2 p) {
    return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715))));
}
void main() {
    vec3 light = texelFetch(light_map, ivec2(gl_FragCoord.xy), 0).rgb;
    f_packed = vec4(sqrt(max(light, 0.0) / light_range) + (noise(gl_FragCoord.xy) - 0.5) / 255.0, 1.0);
}
"""


_COMPOSITE_FS = """
#version 330
uniform sampler2D scene;
uniform sampler2D light_map;
uniform float light_range;
uniform float knee;
in vec2 v_uv;
out vec4 f_color;

float noise(vec2 p) {
    return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715))));
}

void main() {
    vec3 albedo = texture(scene, v_uv).rgb;
    vec3 stored = texture(light_map, v_uv).rgb;
    vec3 c = albedo * stored * stored * light_range;
    // Roll highlights off towards white, keeping their hue, instead of clipping channels.
    float peak = max(c.r, max(c.g, c.b));
    if (peak > knee) {
        float over = (peak - knee) / (1.0 - knee);
        c *= (knee + (1.0 - knee) * over / (1.0 + over)) / peak;
    }
    // Dither (triangular, up to one 8-bit step each way) so that dark gradients do not band.
    c += (noise(gl_FragCoord.xy) + noise(gl_FragCoord.yx + 71.0) - 1.0) / 255.0;
    f_color = vec4(c, 1.0);
}
"""


def _view_rect(camera, size) -> tuple[float, float, float, float]:
    """The world rectangle a camera shows (left, bottom, right, top)."""
    if camera is None:
        return (0.0, 0.0, float(size[0]), float(size[1]))
    vl, vb, vw, vh = camera.viewport.lbwh_int
    a = camera.unproject((vl, vb))
    b = camera.unproject((vl + vw, vb + vh))
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def light_rows(world, view, max_lights: int = MAX_LIGHTS) -> np.ndarray:
    """Lights that can touch the view, as rows (x, y, radius, source size, r, g, b, atlas row).

    A light that cannot touch the view wherever it sways is passed over before it is read, so
    it is not worked out this frame (lights catch up when read): a 512 x 512 level may have
    20,000 lights, and a frame shows a few dozen."""
    left, bottom, right, top = view
    cx, cy = (left + right) / 2, (bottom + top) / 2
    found = []
    for light in world.lights:
        spec = light.spec
        reach = spec.radius + MAX_SWAY_PX
        if spec.x + reach < left or spec.x - reach > right or spec.y + reach < bottom or spec.y - reach > top:
            continue
        brightness = light.brightness
        if brightness <= 0.0:
            continue
        x, y = light.position
        radius = spec.radius
        if x + radius < left or x - radius > right or y + radius < bottom or y - radius > top:
            continue
        x, y = out_of_walls(world.level, x, y)
        r, g, b = spec.color
        scale = brightness * LIGHT_GAIN / 255.0
        size = SOURCE_SIZE.get(spec.kind, 6.0)
        found.append(((x - cx) ** 2 + (y - cy) ** 2, (x, y, radius, size, r * scale, g * scale, b * scale)))
    found.sort(key=lambda item: item[0])
    rows = np.array([row for _, row in found[:max_lights]], np.float32).reshape(-1, 7)
    return np.concatenate([rows, np.arange(len(rows), dtype=np.float32)[:, None]], axis=1)


def _texels_under(box, origin, per_pixel: float, corner, texels) -> tuple[int, int, int, int]:
    """A box of screen px (x, y, width, height) as the box of the lit floor's texels under it
    (`corner` being the world texel at that picture's 0, 0, of `texels` size), a texel wider all round."""
    x, y, w, h = box
    left, bottom = math.floor(origin[0] + x * per_pixel) - corner[0] - 1, math.floor(origin[1] + y * per_pixel) - corner[1] - 1
    right, top = math.floor(origin[0] + (x + w) * per_pixel) - corner[0] + 2, math.floor(origin[1] + (y + h) * per_pixel) - corner[1] + 2
    left, bottom = max(0, left), max(0, bottom)
    return (left, bottom, max(0, min(texels[0], right) - left), max(0, min(texels[1], top) - bottom))


def prop_boxes(props) -> np.ndarray:
    """Rows (x, y, angle, half_width, half_height) of the shadow-casting props in (spec, (x, y), angle)."""
    rows = [(x, y, angle, spec.width / 2, spec.height / 2) for spec, (x, y), angle in props if spec.casts_shadow]
    return np.array(rows, np.float32).reshape(-1, 5)


class Lighting:
    """Owns the GPU buffers of the lighting pass for one window."""

    def __init__(self, ctx, level: Level | None = None):
        self.ctx = ctx
        self.atlas = ShadowAtlas(ctx)
        self.light_buffer = ctx.buffer(reserve=MAX_LIGHTS * 8 * 4)
        self.lights = ctx.geometry([BufferDescription(self.light_buffer, "4f 4f", ["in_light", "in_color"])])
        self.light_program = ctx.program(vertex_shader=_LIGHT_VS, geometry_shader=_LIGHT_GS, fragment_shader=_LIGHT_FS)
        self.light_program["atlas"] = 0
        self.light_program["ranges"] = 1
        self.light_program["rows"] = float(MAX_LIGHTS)
        self.light_program["directions"] = float(self.atlas.depth.width)
        self.light_program["window_texels"] = float(PENUMBRA_WINDOW)
        self.light_program["core_share"] = CORE_SHARE
        self.light_program["core_tightness"] = CORE_TIGHTNESS
        self.light_program["glow_gain"] = GLOW_GAIN
        self.light_program["glow_px"] = GLOW_PX
        self.composite_program = ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_COMPOSITE_FS)
        self.composite_program["scene"] = 0
        self.composite_program["light_map"] = 1
        self.composite_program["knee"] = HIGHLIGHT_KNEE
        self.composite_program["light_range"] = LIGHT_RANGE
        self.pack_program = ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_PACK_FS)
        self.pack_program["light_map"] = 0
        self.pack_program["light_range"] = LIGHT_RANGE
        arcade.resources.add_resource_handle("flawed_shaders", SHADERS.resolve())  # for their #include
        self.lit_program = ctx.load_program(
            vertex_shader=":system:shaders/sprites/sprite_list_geometry_vs.glsl",
            geometry_shader=":system:shaders/sprites/sprite_list_geometry_cull_geo.glsl",
            fragment_shader=SHADERS / "lit_sprite_fs.glsl",
        )
        self.lit_program["sprite_texture"] = 0
        self.lit_program["uv_texture"] = 1
        self.lit_program["light_map"] = 2
        self.lit_program["knee"] = HIGHLIGHT_KNEE
        self.lit_program["light_range"] = LIGHT_RANGE
        self.lit_program["min_light"] = 0.0
        self.lit_program["max_light"] = NO_MAX_LIGHT
        self.lit_program["glow"] = 0.0
        self.lit_program["fade_in_light"] = 0.0
        # The floor's first pass (a world texel to a pixel), and the same pass for the full house
        # lights (no light map to read); then the pass that lays it over the screen.
        self.floor_programs = {}
        for house in (False, True):
            program = ctx.load_program(vertex_shader=SHADERS / "lit_floor_vs.glsl", fragment_shader=SHADERS / "lit_floor_fs.glsl",
                                       defines={"HOUSE_LIGHTS": 1} if house else None)
            program["floor_picture"] = 0
            program["knee"] = HIGHLIGHT_KNEE
            program["light_range"] = LIGHT_RANGE
            program["cap_light"] = CAP_LIGHT
            program["cap_lit"] = CAP_LIT
            if house:
                program["house_light"] = tuple(math.sqrt(c / LIGHT_RANGE) for c in HOUSE_LIGHT)  # as the pack pass stores it
            else:
                program["light_map"] = 2
            self.floor_programs[house] = program
        # The lit floor laid over the screen, and over a picture kept of it (under the house lights):
        # a program for each (see program_for_each_way).
        self.lay_programs = program_for_each_way(
            lambda: ctx.load_program(vertex_shader=SHADERS / "lit_floor_lay_vs.glsl", fragment_shader=SHADERS / "lit_floor_lay_fs.glsl"), (True, False))
        for lay in self.lay_programs.values():
            lay["lit_floor"] = LIT_FLOOR_UNIT
        self.lit_floor = None  # the framebuffer the floor is lit in, a world texel to a pixel (see _floor_passes)
        self.house = 0.0  # the house lights' level in the light map last rendered
        self.still_floor = (None, None)  # (framebuffer, what it shows) of the floor under the full house lights (see _still_floor)
        self.bake_program = ctx.load_program(vertex_shader=SHADERS / "fullscreen_vs.glsl", fragment_shader=SHADERS / "tile_bake_fs.glsl")
        self.bake_program["tile_grid"] = 0
        self.bake_program["tile_atlas"] = 1
        self.bake_program["atlas_columns"] = ATLAS_COLUMNS
        self.bake_program["tile_px"] = TILE_SIZE
        self._floor = None  # the level's floor and walls: a FloorPicture (see floor)
        self.adopted = False  # whether sprite lists draw themselves lit (see adopt)
        self.quad = geometry.quad_2d_fs()
        self._gl = gl
        self.size = None
        self.scene_fbo = self.light_fbo = self.packed_fbo = None
        self.flat_map = None  # the packed map's framebuffer when it was last filled flat by the full house lights
        self.edge_set = EdgeSet(np.zeros((0, 4), np.float32))
        self.level = None
        self.light_count = 0  # lights drawn in the last frame
        self.edge_count = 0  # occluder edges in the last frame
        if level is not None:
            self.set_level(level)

    def set_level(self, level: Level) -> None:
        self.level = level
        self.edge_set = EdgeSet(wall_edges(level))
        self._floor = None

    @property
    def floor(self) -> FloorPicture | None:
        """The level's floor and walls (game.render.tiles) on the GPU, drawn lit by draw_floor: made
        when first drawn (the vortex's level, under its swirl, never is: ~13 ms spared as it begins)."""
        if self._floor is None and self.level is not None:
            self._floor = FloorPicture(self.ctx, level_tiles(self.level), self.bake_program, self.quad)
        return self._floor

    def draw_floor(self, camera, void_colour=(0.0, 0.0, 0.0, 1.0)) -> None:
        """The floor, lit, over the whole framebuffer in use, the void past the level's edge in
        `void_colour` (rgba 0..1): call it from inside draw()'s draw_scene, where the light map is
        bound (it replaces a floor sprite, and costs less)."""
        ctx = self.ctx
        target = ctx.active_framebuffer
        size = target.size
        left, bottom = camera.unproject((0, 0))[:2]
        right, top = camera.unproject(size)[:2]
        picture = self.floor.around((left, bottom, right, top))
        target.use()
        house = self.house >= 1.0
        program = self.floor_programs[house]
        origin = (float(left), float(bottom))
        if house:
            # A camera settling on the dreamer creeps by billionths of a pixel for a long while:
            # the still floor is placed to a 64th of a pixel, so that still is still.
            origin = (round(left * STILL_STEPS) / STILL_STEPS, round(bottom * STILL_STEPS) / STILL_STEPS)
        else:  # (under the full house lights no light map is read: where a texel lands is not asked for)
            program["screen_size"] = (float(size[0]), float(size[1]))
            program["origin"] = origin
            program["world_per_pixel"] = 1.0 / camera.zoom
        program["picture_origin"] = self.floor.origin
        program["picture_size"] = tuple(float(n) for n in picture.size)
        program["level_size"] = self.floor.level_size
        program["void_colour"] = void_colour
        picture.use(0)
        ctx.disable(ctx.BLEND)
        if house:
            self._still_floor(target, program, origin, camera.zoom, void_colour)
        else:
            self._floor_passes(target, program, origin, camera.zoom)
        ctx.enable(ctx.BLEND)

    def _floor_passes(self, target, program, origin: tuple[float, float], zoom: float) -> None:
        """The lit floor over `target`: lit a world texel to a pixel into a picture of the view
        (within the target's scissor, a texel wider all round), then laid over the target. Zoomed
        out to a texel a pixel or less (a level's preview), it is lit straight onto the target,
        a pixel at a time, each showing the texel under its middle."""
        per_pixel = 1.0 / zoom
        width, height = target.size
        if per_pixel >= 1.0:  # the view's texels outnumber the target's pixels
            program["texel_origin"] = origin
            program["texels"] = (width * per_pixel, height * per_pixel)
            target.use()
            self.quad.render(program)
            return
        texels = (math.ceil(width * per_pixel) + 2, math.ceil(height * per_pixel) + 2)
        if self.lit_floor is None or tuple(self.lit_floor.size) != texels:
            gl = self._gl
            self.lit_floor = self.ctx.framebuffer(color_attachments=[self.ctx.texture(texels, components=4, filter=(gl.NEAREST, gl.NEAREST))])
        corner = (math.floor(origin[0]), math.floor(origin[1]))
        self.lit_floor.scissor = None if target.scissor is None else _texels_under(target.scissor, origin, per_pixel, corner, texels)
        program["texel_origin"] = corner
        program["texels"] = texels
        with self.lit_floor.activate():
            self.quad.render(program)
        target.use()
        # Across the screen (uv 0..1), the texels from (origin - corner) to (origin - corner) + the
        # screen's size in world px: a pixel's middle lands in the texel floor(origin + its px / zoom).
        lay = self.lay_programs[target is self.ctx.screen]
        lay["uv_scale"] = (width * per_pixel / texels[0], height * per_pixel / texels[1])
        lay["uv_offset"] = ((origin[0] - corner[0]) / texels[0], (origin[1] - corner[1]) / texels[1])
        self.lit_floor.color_attachments[0].use(LIT_FLOOR_UNIT)
        self.quad.render(lay)

    def _still_floor(self, target, program, origin: tuple[float, float], zoom: float, void_colour) -> None:
        """Under the full house lights the lit floor is the same from frame to frame while the
        camera is still (no lamp flickers on it): it is drawn once into a picture of the screen
        and copied onto it after that (see copy_picture)."""
        size = tuple(target.size)
        key = (size, origin, zoom, self.floor.origin, self.floor.bakes, tuple(void_colour))  # all the picture shows
        fbo, drawn_for = self.still_floor
        if fbo is None or tuple(fbo.size) != size:  # (not prepared, or the window was resized)
            fbo, drawn_for = picture_framebuffer(self.ctx, size), None
        if drawn_for != key:
            self._floor_passes(fbo, program, origin, zoom)
        self.still_floor = (fbo, key)
        copy_picture(self.ctx, fbo, target)

    def _ensure_buffers(self, size) -> None:
        if self.size == size:
            return
        gl = self._gl
        self.size = size
        self.scene_fbo = None  # made when first needed (a scene that was not adopted)
        small = (max(1, round(size[0] * LIGHT_MAP_SCALE)), max(1, round(size[1] * LIGHT_MAP_SCALE)))
        light = self.ctx.texture(small, components=4, dtype="f2", filter=(gl.LINEAR, gl.LINEAR), wrap_x=gl.CLAMP_TO_EDGE, wrap_y=gl.CLAMP_TO_EDGE)
        self.light_fbo = self.ctx.framebuffer(color_attachments=[light])
        packed = self.ctx.texture(small, components=4, filter=(gl.LINEAR, gl.LINEAR), wrap_x=gl.CLAMP_TO_EDGE, wrap_y=gl.CLAMP_TO_EDGE)
        self.packed_fbo = self.ctx.framebuffer(color_attachments=[packed])

    @property
    def light_map(self):
        """The last frame's light (half-float RGBA, at LIGHT_MAP_SCALE of the screen)."""
        return self.light_fbo.color_attachments[0]

    def occluders(self, world, player=None, props=None) -> np.ndarray:
        """Every occluder edge: walls, then props and the player (at the given positions if any)."""
        if world.level is not self.level:
            self.set_level(world.level)
        if props is None:
            props = [(p.spec, p.position, p.angle) for p in world.props]
        x, y = world.player.position if player is None else player
        return self.edge_set.with_bodies(prop_boxes(props), [(x, y, PLAYER_RADIUS)])

    @contextmanager
    def drawn(self, min_light: float = 0.0, max_light: float = NO_MAX_LIGHT, glow: float = 0.0, fade_in_light: float = 0.0):
        """Adopted sprite lists drawn inside are lit by no less than `min_light` and no more than
        `max_light` (1 = own colours), shine by themselves by `glow` where the room is dark, and
        fade by `fade_in_light` where it is lit."""
        program = self.lit_program
        program["min_light"], program["max_light"], program["glow"], program["fade_in_light"] = min_light, max_light, glow, fade_in_light
        try:
            yield
        finally:
            program["min_light"], program["max_light"], program["glow"], program["fade_in_light"] = 0.0, NO_MAX_LIGHT, 0.0, 0.0

    def adopt(self, sprite_list) -> None:
        """Light this sprite list as it is drawn (the fast path: no offscreen scene, no extra pass).

        Everything the scene draws should be adopted; a scene with nothing adopted is drawn
        offscreen and composited instead.
        """
        # arcade 3.3 draws a sprite list with the program on its GL data (the public
        # SpriteList.data); the vertex and geometry shaders stay arcade's own, only the
        # fragment shader is ours.
        sprite_list.data.program = self.lit_program
        self.adopted = True

    def render_light_map(self, world, camera, size, player=None, props=None) -> float:
        """Fill the light map for this frame; returns the house lights' level (0..1)."""
        ctx = self.ctx
        self._ensure_buffers(size)
        view = _view_rect(camera, size)
        house = self.house = float(getattr(world.lights, "house", 0.0))
        if house >= 1.0 and self.flat_map is self.packed_fbo:
            return house  # under the full house lights the map is flat, and already filled so (see below)
        lights = light_rows(world, view) if house < 1.0 else np.zeros((0, 8), np.float32)
        reach = float(lights[:, 2].max()) if len(lights) else 0.0
        left, bottom, right, top = view
        edges = cull(self.occluders(world, player, props), left - reach, bottom - reach, right + reach, top + reach)
        self.light_count, self.edge_count = len(lights), len(edges)
        self.atlas.render(lights, edges)

        # The light map starts at the ambient light (or the house lights, as they come up) and
        # each lamp adds to it, fading out as the house lights take over.
        base = [a + (h - a) * house for a, h in zip(AMBIENT, HOUSE_LIGHT)]
        self.light_fbo.use()
        self.light_fbo.clear(color_normalized=(*base, 1.0))
        if len(lights):
            lights[:, 4:7] *= 1.0 - house
            self.light_buffer.write(np.ascontiguousarray(lights, np.float32).tobytes())
            ctx.enable(ctx.BLEND)
            ctx.blend_func = ctx.ONE, ctx.ONE
            self.atlas.depth.use(0)
            self.atlas.range.use(1)
            self.lights.render(self.light_program, mode=ctx.POINTS, vertices=len(lights))
            ctx.blend_func = ctx.BLEND_DEFAULT
        self.packed_fbo.use()
        ctx.disable(ctx.BLEND)
        self.light_map.use(0)
        self.quad.render(self.pack_program)
        # The full house lights, no lamp and no shadow: the same flat map every frame after this.
        self.flat_map = self.packed_fbo if house >= 1.0 else None
        return house

    def draw(self, world, camera, draw_scene, player=None, props=None) -> None:
        """Draw `draw_scene` lit by the world's lights into the framebuffer that is active now.

        `camera` is the world camera in use; `player` (x, y) and `props` [(spec, (x, y), angle)]
        may give the interpolated positions the sprites are drawn at, so shadows stay under them.
        """
        ctx = self.ctx
        target = ctx.active_framebuffer
        size = tuple(target.size)
        self.render_light_map(world, camera, size, player, props)

        if self.adopted:
            target.use()
            program = self.lit_program
            program["screen_size"] = (float(size[0]), float(size[1]))
            self.packed_fbo.color_attachments[0].use(2)
            draw_scene()
            ctx.enable(ctx.BLEND)
            ctx.blend_func = ctx.BLEND_DEFAULT
            return

        if self.scene_fbo is None:
            gl = self._gl
            scene = ctx.texture(size, components=4, filter=(gl.NEAREST, gl.NEAREST))
            self.scene_fbo = ctx.framebuffer(color_attachments=[scene])
        self.scene_fbo.use()
        self.scene_fbo.clear(color=(0, 0, 0, 255))
        draw_scene()
        target.use()
        ctx.disable(ctx.BLEND)
        self.scene_fbo.color_attachments[0].use(0)
        self.packed_fbo.color_attachments[0].use(1)
        self.quad.render(self.composite_program)
        ctx.enable(ctx.BLEND)
        ctx.blend_func = ctx.BLEND_DEFAULT


class FloorPicture:
    """The level's floor and walls as a picture on the GPU, painted from its tiles around the camera.

    A level that fits in FLOOR_PICTURE_PX each way is painted whole, once. A bigger one (up to
    512 × 512 tiles) gets a picture the size of the view and FLOOR_MARGIN_PX round it, painted
    around the camera, and again once the view leaves it — so the floor pass fetches one texel a
    pixel, and a level of any size costs a few MB. (A software renderer makes and paints a
    4096² picture in about 0.4 s, the view's in a few hundredths.)
    """

    def __init__(self, ctx, tiles: LevelTiles, bake_program, quad):
        gl = ctx
        rows, cols = tiles.numbers.shape
        self.ctx, self.bake_program, self.quad = ctx, bake_program, quad
        self.grid = ctx.texture((cols, rows), components=2, data=tiles.index_bytes(), filter=(gl.NEAREST, gl.NEAREST))
        height, width = tiles.atlas.shape[:2]
        self.atlas = ctx.texture((width, height), components=4, data=tiles.atlas.tobytes(), filter=(gl.NEAREST, gl.NEAREST))
        self.level_size = (float(cols * TILE_SIZE), float(rows * TILE_SIZE))
        self.cells = (cols, rows)
        self.origin: tuple[float, float] | None = None  # world px of the picture's lower-left corner, once painted
        self.bakes = 0  # times painted (for tests and benchmarks)
        self.whole = cols * TILE_SIZE <= FLOOR_PICTURE_PX and rows * TILE_SIZE <= FLOOR_PICTURE_PX
        self.size = (0, 0)
        self.picture = self.fbo = None  # a bigger level's is made for the first view (fit)
        if self.whole:
            self.make((cols * TILE_SIZE, rows * TILE_SIZE))

    def make(self, size: tuple[int, int]) -> None:
        """A new, unpainted picture of `size` px."""
        gl = self.ctx
        self.size = size
        self.picture = self.ctx.texture(size, components=4, filter=(gl.NEAREST, gl.NEAREST))
        self.fbo = self.ctx.framebuffer(color_attachments=[self.picture])
        self.origin = None

    def fit(self, view) -> None:
        """Make the picture (anew) if it is too small for the view and its margin (the first view,
        a bigger window, a preview's wide view): never bigger than the level or FLOOR_PICTURE_PX."""
        left, bottom, right, top = self.on_level(view)
        step = FLOOR_PICTURE_STEP_PX
        wanted = [min(int(side), FLOOR_PICTURE_PX, math.ceil((span + 2 * FLOOR_MARGIN_PX) / step) * step)
                  for side, span in zip(self.level_size, (right - left, top - bottom))]
        if wanted[0] > self.size[0] or wanted[1] > self.size[1]:
            self.make((max(wanted[0], self.size[0]), max(wanted[1], self.size[1])))

    def holds(self, view) -> bool:
        """Whether the picture covers the view (world rect) where it is on the level."""
        if self.origin is None:
            return False
        if self.whole:
            return True
        left, bottom, right, top = self.on_level(view)
        ox, oy = self.origin
        w, h = self.size
        return left >= ox and bottom >= oy and right <= ox + w and top <= oy + h

    def on_level(self, view) -> tuple[float, float, float, float]:
        left, bottom, right, top = view
        lw, lh = self.level_size
        return max(left, 0.0), max(bottom, 0.0), min(right, lw), min(top, lh)

    def around(self, view):
        """The picture, painted anew first if it does not hold the view (world rect)."""
        if not self.holds(view):
            if not self.whole:
                self.fit(view)
            left, bottom, right, top = view
            w, h = self.size
            lw, lh = self.level_size
            cx, cy = (left + right) / 2, (bottom + top) / 2
            ox = 0.0 if self.whole else float(int(min(max(cx - w / 2, 0.0), lw - w)))
            oy = 0.0 if self.whole else float(int(min(max(cy - h / 2, 0.0), lh - h)))
            self.bake((ox, oy))
        return self.picture

    def bake(self, origin: tuple[float, float]) -> None:
        ctx = self.ctx
        self.origin = origin
        self.bakes += 1
        self.bake_program["origin"] = origin
        self.bake_program["map_cells"] = self.cells  # (the program is the lighting's, shared by every level's picture)
        with self.fbo.activate():
            ctx.disable(ctx.BLEND)
            self.grid.use(0)
            self.atlas.use(1)
            self.quad.render(self.bake_program)
            ctx.enable(ctx.BLEND)
