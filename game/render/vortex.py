"""The vortex: a swirling field of colour drawn by one full-screen shader, and the level's shards, orbiters, dreamer and eye over it.

The field is computed in world coordinates around the swirl's eye, so it stays put as the
camera moves and turns with the simulated swirl (``Swirl.turn``). Reduce-motion slows it (the
simulation already turns it slower) and lowers its contrast. The same field, with a shrinking
clear hole around the dreamer, swallows the room in the ``lights_on`` beat.
"""

from __future__ import annotations

import math

import arcade
from arcade.gl import geometry
from PIL import Image

from game.render.atlas import own_atlas
from game.render.fullscreen import FULLSCREEN_VS
from game.render.glow import soft_texture
from game.render.overlay import Overlay
from game.render.recollection import masterpiece_memory
from game.render.textures import tool_image
from game.render.tiles import level_region
from game.heap import release_freed_memory

CONTRAST = 1.0  # the field's colour contrast
REDUCED_CONTRAST = 0.45  # with reduce-motion
HUE_BANDS = 3.0  # colour bands around the eye
SPIRAL_TWIST = 2.4  # how tightly the bands wind in toward the eye (rad per e-fold of distance)
EYE_GLOW_PX = 70.0  # the warm stillness around the eye, px
FIELD_DRIFT = 0.03  # slow drift of the hues themselves, cycles per s

_FS = """
#version 330
uniform vec2 u_origin;     // world position of the screen's lower-left corner
uniform vec2 u_view;       // world size of the screen
uniform vec2 u_eye;        // world position of the eye
uniform float u_turn;      // rad the swirl has turned
uniform float u_time;      // s
uniform float u_contrast;  // 1 full .. lower for reduce-motion
uniform float u_alpha;
uniform float u_hole;      // px around the eye kept clear (lights_on); 0 = none
uniform float u_bands;
uniform float u_twist;
uniform float u_glow;
in vec2 v_uv;
out vec4 f_color;

float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
float noise(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
}
float fbm(vec2 p) {
    float s = 0.0, a = 0.5;
    for (int i = 0; i < 4; i++) { s += a * noise(p); p = p * 2.03 + 17.1; a *= 0.5; }
    return s;
}
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
    // Noise is sampled on the circle (cos, sin of the angle), so there is no seam where the angle wraps.
    vec2 ring = vec2(cos(theta), sin(theta));
    // Warp the spiral with slow noise, so it reads as paint pulled round, not a pattern.
    theta += 1.3 * (fbm(ring * 1.4 + vec2(lr * 1.1, u_time * 0.07)) - 0.5);
    ring = vec2(cos(theta), sin(theta));
    float n = fbm(ring * 2.2 + vec2(lr * 1.7, u_time * 0.05));
    float streak = fbm(ring * 4.0 + vec2(lr * 3.6, -u_time * 0.2));
    float hue = fract(theta * u_bands / 6.2831853 + n * 0.55 + u_time * 0.03);
    float sat = 0.5 + 0.35 * streak;
    float val = 0.55 + 0.45 * smoothstep(0.25, 0.85, streak) + 0.12 * sin(theta * 9.0 + lr * 5.0);
    vec3 colour = hsv(hue, sat, val);
    // Thin bright threads of light in the flow.
    float thread = smoothstep(0.9, 1.0, sin(theta * 14.0 + n * 6.0));
    colour += vec3(1.0, 0.95, 0.85) * thread * 0.22;
    // The calm eye: a warm, still light.
    float calm = exp(-r / u_glow);
    colour = mix(colour, vec3(1.0, 0.94, 0.82), clamp(calm * 0.85, 0.0, 1.0));
    // Contrast: reduce-motion pulls every colour toward a soft middle.
    vec3 middle = vec3(0.55, 0.5, 0.6);
    colour = mix(middle, colour, u_contrast);
    float alpha = u_alpha;
    if (u_hole > 0.0) {
        float edge = u_hole + 160.0 * (fbm(vec2(a * 3.0, u_time * 0.4)) - 0.5);
        alpha *= smoothstep(edge - 90.0, edge + 90.0, r);
    }
    f_color = vec4(colour, alpha);
}
"""


class SwirlField:
    """The shader and its full-screen quad; draws the field for a swirl seen through a camera."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.program = ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_FS)
        self.quad = geometry.quad_2d_fs()

    def draw(self, camera, window, swirl, seconds: float, reduce_motion: bool, alpha: float = 1.0, hole: float = 0.0) -> None:
        width, height = window.get_size()
        zoom = camera.zoom or 1.0
        cx, cy = camera.position
        view = (width / zoom, height / zoom)
        program = self.program
        program["u_origin"] = (cx - view[0] / 2, cy - view[1] / 2)
        program["u_view"] = view
        program["u_eye"] = swirl.eye
        program["u_turn"] = swirl.turn
        program["u_time"] = seconds * (0.4 if reduce_motion else 1.0)
        program["u_contrast"] = REDUCED_CONTRAST if reduce_motion else CONTRAST
        program["u_alpha"] = alpha
        program["u_hole"] = hole
        program["u_bands"] = HUE_BANDS
        program["u_twist"] = SPIRAL_TWIST
        program["u_glow"] = EYE_GLOW_PX
        self.ctx.enable(self.ctx.BLEND)
        self.ctx.blend_func = self.ctx.BLEND_DEFAULT
        self.quad.render(program)


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


class VortexOverlay(Overlay):
    """Fills the screen in the vortex beat: the field, the drifting shards, the orbiters, the eye, the dreamer."""

    def __init__(self, view):
        self.field = SwirlField(view.window.ctx)
        self.level = None
        self.shards = arcade.SpriteList()
        self.orbit_sprites = arcade.SpriteList()
        self.orbit_for: list = []
        self.eye = arcade.SpriteList()
        self.dreamer = Dreamer()

    def build(self, view) -> None:
        """The pictures of this vortex level (its shards, the orbiting fragments): once the level is loaded."""
        world = view.world
        self.level = world.level
        shards = []
        width, height = world.level.pixel_width, world.level.pixel_height
        cx, cy = width / 2, height / 2
        for rect in world.level.wall_rects():
            # The outer wall is the edge of the dream: only the shards adrift inside are drawn.
            x, y = rect.center
            if math.hypot(x - cx, y - cy) > min(width, height) * 0.42:
                continue
            top = height - (rect.y + rect.height)
            piece = level_region(world.level, int(rect.x), int(top), int(rect.width), int(rect.height))  # the walls' own look
            sprite = arcade.Sprite(arcade.Texture(piece, hash=f"vortex-shard-{world.seed}-{id(world.level)}-{rect}", hit_box_algorithm=arcade.hitbox.algo_bounding_box))
            sprite.position = rect.center
            sprite.color = (230, 210, 235, 235)
            shards.append(sprite)
        self.shards = arcade.SpriteList(atlas=own_atlas([sprite.texture for sprite in shards]) if shards else None)
        self.shards.extend(shards)
        scene = world.story.scene
        memory = masterpiece_memory(world, 256)
        self.orbit_sprites = arcade.SpriteList()
        self.orbit_for = []
        rng_angles = [0.37, 0.81, 0.13, 0.64, 0.92, 0.28, 0.55, 0.07, 0.71, 0.46, 0.19, 0.88]
        for index, orbiter in enumerate(scene.orbiters):
            if orbiter.kind == "tool":
                image = tool_image(orbiter.name).resize((28, 28), Image.NEAREST)
                sprite = arcade.Sprite(arcade.Texture(image, hash=f"orbit-tool-{orbiter.name}"))
            else:
                k = int(orbiter.name)
                u, v = rng_angles[k % len(rng_angles)], rng_angles[(k * 5 + 3) % len(rng_angles)]
                x0, y0 = int(u * 190), int(v * 190)
                shred = memory.crop((x0, y0, x0 + 54 + (k % 3) * 8, y0 + 40 + (k % 2) * 14)).convert("RGBA")
                sprite = arcade.Sprite(arcade.Texture(shred, hash=f"orbit-shred-{world.seed}-{k}-{id(memory)}"))
            self.orbit_sprites.append(sprite)
            self.orbit_for.append(orbiter)
        self.dreamer_glow = arcade.SpriteList()  # a pale light round the dreamer, so they are seen in the colour
        glow = arcade.Sprite(soft_texture("dreamer", 128, (255, 250, 240), 1.8))
        glow.width = glow.height = 130
        self.dreamer_glow.append(glow)
        self.eye = arcade.SpriteList()
        halo = arcade.Sprite(soft_texture("eye", 256, (255, 228, 170), 2.2))
        halo.position = scene.swirl.eye
        halo.width = halo.height = 260
        self.eye.append(halo)
        release_freed_memory()  # the shards' and shreds' temporaries (see game.heap)

    def covers(self, view) -> bool:
        return True

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
