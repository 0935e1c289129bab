"""The close-up: the masterpiece filling the screen, the flaw spreading, panic closing in.

Two GPU passes. The flaw's blots are drawn into a small canvas-space texture (with mipmaps,
so a blurred look-up gives the discoloured halo) only when the flaw changes; each frame one
full-screen pass samples the woven picture through the unravelling (a chaotic displacement
that grows with panic), lays the flaw over it, re-routes gold around it as it is recomposed,
and closes the panic vignette with the heartbeat. Per frame the CPU only sets uniforms.

It only reads the world. ``CloseupRenderer.draw(world, size)`` draws; ``to_screen(u, v)`` maps
canvas points to screen pixels for the minigame overlay drawn on top.
"""

from __future__ import annotations

import math
from array import array

import arcade
from arcade.gl import BufferDescription

from game.render.fullscreen import FULLSCREEN_VS
from game.render.masterpiece import art_for
from game.render.minigame import BOTTOM_BAND_PX, MinigameRenderer
from game.render.overlay import Overlay
from game.sim.beats.backstage import near_easel
from game.sim.flaw import MAX_BLOTS
from game.sim.minigame import FAILING_TICKS
from game.sim.story import Beat

FLAW_REGION = 0.42  # canvas units each side of the flaw's centre that the flaw texture covers
FLAW_TEXTURE = 384  # px a side of that texture
ZOOM_LOOK = 1.0  # canvas heights on screen before the push-in...
ZOOM_PUSHED = 1.8  # ...after the flaw beat's push-in...
ZOOM_REPAIR = 1.8  # ...in the repair beat between attempts...
ZOOM_MINIGAME = 2.3  # ...and while a minigame runs (its work area fills the screen)
GROW_TICKS = 45  # new darkness eases in over this long
ZOOM_EASE_TICKS = 40  # the camera eases between its zooms over this long
NOTICE_TICKS = 90  # the glint round the knot comes up over this long in the flaw beat
NOTICE_RADIUS = 0.025  # canvas units: the glint's ring, at least
ROLLING_SHOWN = 4.0  # px/s: while a slipped tool rolls faster than this, the room is shown
INTERNAL_SCALE = 0.75  # the close-up is worked out at this fraction of the screen's pixels (software GL is slow per pixel)
REDUCED_MOTION = 0.35  # the reduce-motion setting scales the unravelling and the heartbeat's squeeze by this
KIND_CODES = {"blot": 0.0, "streak": 1.0, "ring": 2.0, "web": 3.0, "glaze": 4.0}


# Pass 1: the flaw in canvas space. rgb = the colour it darkens toward, a = how dark.
_FLAW_FRAGMENT = """
#version 330
uniform vec2 origin;        // canvas uv of the texture's lower-left corner
uniform float extent;       // canvas units the texture spans
uniform int blot_count;
uniform vec4 blot_shape[N_BLOTS];   // u, v, radius, stretch
uniform vec4 blot_look[N_BLOTS];    // angle, darkness, kind, grow 0..1
uniform vec4 blot_colour[N_BLOTS];  // rgb 0..1
in vec2 v_uv;
out vec4 frag;

float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
float noise(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    vec2 s = f * f * (3.0 - 2.0 * f);
    return mix(mix(hash(i), hash(i + vec2(1, 0)), s.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), s.x), s.y);
}

void main() {
    vec2 p = origin + v_uv * extent;
    float keep = 1.0;
    vec3 colour = vec3(0.0);
    float weight = 1e-5;
    float grain = noise(p * 160.0) * 0.6 + noise(p * 47.0) * 0.4;
    for (int i = 0; i < blot_count; i++) {
        vec4 shape = blot_shape[i];
        vec4 look = blot_look[i];
        vec2 d = p - shape.xy;
        float c = cos(-look.x), s = sin(-look.x);
        vec2 l = vec2(d.x * c - d.y * s, d.x * s + d.y * c);
        float a = atan(l.y, l.x);
        float r = length(vec2(l.x / shape.w, l.y)) / max(shape.z * look.w, 1e-5);
        r *= 1.0 + 0.18 * sin(a * float(5 + i % 4) + float(i) * 1.7) + 0.3 * (grain - 0.5);
        float dens = clamp((1.25 - r) / 0.7, 0.0, 1.0);
        if (look.z > 3.5) {          // glaze: soft, wide, glossy
            dens = clamp((1.6 - r) / 1.1, 0.0, 1.0) * 0.9;
        } else if (look.z > 2.5) {   // web: the weave pulled into radiating threads
            dens *= 0.6 + 0.4 * pow(abs(sin(a * 9.0 + r * 5.0)), 0.5);
            dens = max(dens, clamp(1.0 - abs(sin(a * 9.0)) * 6.0, 0.0, 1.0) * clamp((2.0 - r) / 1.0, 0.0, 1.0) * 0.7);
        } else if (look.z > 1.5) {   // ring: a tide-line round a paler middle
            dens = max(dens * 0.55, clamp(1.0 - abs(r - 0.95) / 0.25, 0.0, 1.0));
        } else if (look.z > 0.5) {   // streak: dragged, fraying at the ends
            dens *= 0.75 + 0.25 * noise(vec2(l.x * 300.0, l.y * 40.0));
        }
        // The dark wicks along the threads: some weft rows and warp columns carry it out
        // past the blot's edge, each its own length.
        vec2 thread = floor(p * 256.0);
        float weft = hash(vec2(thread.y, float(i) * 7.0));
        float warp = hash(vec2(thread.x + 91.0, float(i) * 3.0));
        float near = clamp(1.6 - r * 0.6, 0.0, 1.0);
        float reach = shape.z * max(shape.w, 1.0) * (1.0 + 2.2 * look.y);
        float wick_x = step(0.62, weft) * clamp(1.0 - abs(d.x) / (reach * (0.5 + weft)), 0.0, 1.0) * clamp(1.0 - abs(d.y) / (shape.z * 1.4), 0.0, 1.0);
        float wick_y = step(0.7, warp) * clamp(1.0 - abs(d.y) / (reach * (0.4 + warp * 0.8)), 0.0, 1.0) * clamp(1.0 - abs(d.x) / (shape.z * 1.2), 0.0, 1.0);
        dens = max(dens, max(wick_x, wick_y) * 0.75 * (0.5 + 0.5 * near));
        float dd = dens * look.y;
        keep *= 1.0 - dd;
        colour += blot_colour[i].rgb * dd;
        weight += dd;
    }
    frag = vec4(colour / weight, 1.0 - keep);
}
""".replace("N_BLOTS", str(MAX_BLOTS))

# Pass 2: the close-up, every frame.
_CLOSEUP_FRAGMENT = """
#version 330
uniform sampler2D art;
uniform sampler2D flaw;
uniform sampler2D flaw_before;  // the flaw before the last worsening, to ease the new darkness in
uniform float grow;         // 0..1 from flaw_before to flaw
uniform float notice;       // 0..1, the glint that draws the eye to the knot (the flaw beat)
uniform float notice_radius;
uniform vec2 screen;        // px
uniform vec2 focus;         // canvas uv at the middle of the screen
uniform float scale;        // px per canvas unit
uniform vec2 flaw_centre;
uniform vec2 flaw_origin;
uniform float flaw_extent;
uniform float time;
uniform float unravel;
uniform float recompose;
uniform float vignette;
uniform float pulse;
in vec2 v_uv;
out vec4 frag;

float lum(vec3 c) { return dot(c, vec3(0.299, 0.587, 0.114)); }

void main() {
    vec2 px = v_uv * screen;
    vec2 uv = focus + (px - screen * 0.5) / scale;
    float chaos = unravel * (1.0 - recompose);
    vec2 to_flaw = uv - flaw_centre;
    vec2 p = uv;
    if (chaos > 0.002) {
        // Unravelling: the smooth lines waver, then knot into chaos as panic grows.
        float near = exp(-length(to_flaw) * 5.0);
        vec2 wob = vec2(sin(uv.y * 60.0 + time * 1.7 + uv.x * 9.0), sin(uv.x * 57.0 - time * 1.3 + uv.y * 11.0));
        wob += vec2(sin(uv.y * 173.0 + time * 3.1 + uv.x * 40.0), sin(uv.x * 161.0 - time * 2.7 + uv.y * 37.0)) * chaos;
        p += wob * chaos * (0.0015 + 0.012 * near);
        if (near > 0.05) {
            float swirl = chaos * 1.6 * near * sin(time * 0.6);
            vec2 q = p - flaw_centre;
            float cs = cos(swirl), sn = sin(swirl);
            p = flaw_centre + vec2(q.x * cs - q.y * sn, q.x * sn + q.y * cs);
        }
    }

    vec3 colour;
    if (p.x < 0.0 || p.x > 1.0 || p.y < 0.0 || p.y > 1.0) {
        // The frame, then the dark backstage behind the easel.
        float out_by = max(max(-p.x, p.x - 1.0), max(-p.y, p.y - 1.0));
        colour = out_by < 0.035 ? vec3(0.34, 0.22, 0.1) * (0.8 + 0.2 * fract(out_by * 60.0)) : vec3(0.05, 0.04, 0.05);
    } else {
        colour = texture(art, vec2(p.x, 1.0 - p.y)).rgb;
        vec2 f = (p - flaw_origin) / flaw_extent;
        float dark = 0.0;
        vec3 stain_colour = vec3(0.0);
        float halo = 0.0;
        float body = 0.0;
        if (f.x > 0.0 && f.x < 1.0 && f.y > 0.0 && f.y < 1.0) {
            vec4 fl = texture(flaw, f);
            if (grow < 0.999) {  // only while new darkness eases in: texture reads are dear
                fl = mix(texture(flaw_before, f), fl, grow);
            }
            dark = fl.a;
            stain_colour = fl.rgb;
            body = textureLod(flaw, f, 3.0).a;  // the flaw blurred: its body without the threads
            halo = clamp(body * 1.6 - dark, 0.0, 1.0) * grow;
        }
        float grey = lum(colour);
        // Panic drains the colour; recomposing brings it back, richer.
        colour = mix(colour, vec3(grey), 0.25 * chaos);
        // The discoloured halo round the flaw: yellowed, dulled wool.
        colour = mix(colour, vec3(grey) * vec3(0.85, 0.7, 0.5), halo * 0.6 * (1.0 - recompose));
        dark *= 0.94 + 0.06 * sin(time * 2.0 + p.x * 90.0 + p.y * 70.0);
        vec3 stain = stain_colour * 0.4;
        if (recompose > 0.001) {
            colour = mix(vec3(grey), colour, 1.0 + 0.3 * recompose);
            stain = mix(stain, vec3(0.1, 0.12, 0.32) + stain_colour * 0.3, recompose * 0.6);
        }
        colour = colour * (1.0 - dark * 0.96) + stain * dark;
        if (recompose > 0.001) {
            // Recomposed: a gold rim where the darkness meets the weave, and gold lines drawn
            // into it from all round, so the eye goes to the flaw as the heart of the piece.
            float rim = exp(-pow((body - 0.4) / 0.12, 2.0)) * recompose;
            float ang = atan(to_flaw.y, to_flaw.x);
            float rays = pow(abs(sin(ang * 11.0 + length(to_flaw) * 24.0 - time * 0.4)), 60.0)
                       * recompose * smoothstep(0.5, 0.05, length(to_flaw)) * (1.0 - dark);
            colour += vec3(0.95, 0.7, 0.3) * (rim * 0.65 + rays * 0.55);
        }
        if (notice > 0.001) {
            // The eye catches on it: a faint cold glint circling the knot, with the heartbeat.
            float d = length(to_flaw);
            float ring = exp(-pow((d - notice_radius) / (notice_radius * 0.22), 2.0));
            float ripple = exp(-pow((d - notice_radius * (1.0 + 2.0 * fract(time * 0.4))) / (notice_radius * 0.15), 2.0)) * (1.0 - fract(time * 0.4));
            colour += vec3(0.6, 0.66, 0.78) * (ring * (0.5 + 0.5 * pulse) + ripple * 0.5) * notice;
        }
    }
    // Panic tunnels the view; each heartbeat squeezes it.
    if (vignette > 0.001) {
        vec2 s = (px - screen * 0.5) / (screen.y * 0.5);
        float radius = mix(2.2, 1.3, vignette) - pulse * 0.12 * vignette;
        float light = smoothstep(radius + 0.1, radius - 0.8, length(s * vec2(0.8, 1.0)));
        colour = mix(vec3(0.05, 0.0, 0.015), colour, light);
    }
    frag = vec4(colour, 1.0);
}
"""


# Pass 3: the close-up, drawn at INTERNAL_SCALE of the screen, stretched over it.
_BLIT_FRAGMENT = """
#version 330
uniform sampler2D picture;
in vec2 v_uv;
out vec4 frag;
void main() {
    frag = vec4(texture(picture, v_uv).rgb, 1.0);
}
"""


def _ease(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return t * t * (3.0 - 2.0 * t)


def _quad(ctx):
    data = array("f", [-1, 1, 0, 1, -1, -1, 0, 0, 1, 1, 1, 1, 1, -1, 1, 0])
    return ctx.geometry([BufferDescription(ctx.buffer(data=data), "2f 2f", ["in_vert", "in_uv"])], mode=ctx.TRIANGLE_STRIP)


def wants_closeup(world) -> bool:
    """Whether the game view should show the close-up now (flaw and repair beats, at the easel)."""
    beat = world.story.beat
    if beat == Beat.FLAW:
        return True
    if beat == Beat.REPAIR:
        if world.minigame is not None or world.story.scene.reaching:
            return True
        if any(tool.rolling and tool.speed > ROLLING_SHOWN for tool in world.tools.loose):
            return False  # a tool slipped: show the room, so the player sees where it rolls
        return near_easel(world)
    return False


class CloseupRenderer:
    """Draws the close-up of the masterpiece for a world. Build once, draw every frame."""

    def __init__(self, window: arcade.Window | None = None):
        self.window = window or arcade.get_window()
        self.ctx = self.window.ctx
        self.quad = _quad(self.ctx)
        self.flaw_program = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_FLAW_FRAGMENT)
        self.closeup_program = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_CLOSEUP_FRAGMENT)
        self.blit_program = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_BLIT_FRAGMENT)
        self.picture = None  # the offscreen close-up (texture, framebuffer, size)
        # Two flaw textures: the flaw now, and before its last worsening (eased between).
        self.flaw_textures = []
        self.flaw_fbos = []
        for _ in range(2):
            texture = self.ctx.texture((FLAW_TEXTURE, FLAW_TEXTURE), components=4)
            texture.filter = (self.ctx.LINEAR_MIPMAP_LINEAR, self.ctx.LINEAR)
            self.flaw_textures.append(texture)
            self.flaw_fbos.append(self.ctx.framebuffer(color_attachments=[texture]))
        self.flaw_now = 0  # index of the texture holding the flaw as it is now
        self.flaw_before = 0  # ...and as it was (the same one until it first worsens)
        self.art = None  # the MasterpieceArt being shown
        self.art_texture = None
        self._flaw_key = None
        self.size = (1280, 720)
        self.focus = (0.5, 0.5)
        self.scale = 720.0  # px per canvas unit
        self.zoom = ZOOM_LOOK

    # -- what the camera does --------------------------------------------------------------

    def set_seed(self, seed: int) -> None:
        if self.art is None or self.art.seed != seed:
            self.art = art_for(seed)
            self.art_texture = self.ctx.texture((self.art.size, self.art.size), components=3, data=self.art.pixels.tobytes())
            self.art_texture.build_mipmaps()
            self.art_texture.filter = (self.ctx.LINEAR_MIPMAP_LINEAR, self.ctx.LINEAR)

    def camera(self, world) -> tuple[float, tuple[float, float]]:
        """(zoom, focus): how far the camera has pushed in, and on what canvas point."""
        flaw = world.flaw
        beat = world.story.beat
        game = world.minigame
        if beat == Beat.FLAW:
            push = _ease(world.story.scene.push_in)
            zoom = ZOOM_LOOK + (ZOOM_PUSHED - ZOOM_LOOK) * push
        elif game is not None:
            # In toward the work as the attempt starts, back out as it fails.
            t = _ease(game.ticks / ZOOM_EASE_TICKS) * (1.0 - _ease(game.failing_ticks / FAILING_TICKS))
            push, zoom = 1.0, ZOOM_REPAIR + (ZOOM_MINIGAME - ZOOM_REPAIR) * t
        elif beat == Beat.REPAIR:
            t = _ease(world.story.scene.ticks / ZOOM_EASE_TICKS)
            push, zoom = 1.0, ZOOM_PUSHED + (ZOOM_REPAIR - ZOOM_PUSHED) * t
        else:
            push, zoom = 0.6, ZOOM_LOOK + 0.2 * (1.0 - flaw.recompose)
        focus = (0.5 + (flaw.centre[0] - 0.5) * push, 0.5 + (flaw.centre[1] - 0.5) * push)
        if world.minigame is not None:
            focus = world.minigame.centre
        return zoom, focus

    def to_screen(self, u: float, v: float) -> tuple[float, float]:
        """Screen pixels of a canvas point in the last drawn close-up."""
        w, h = self.size
        return (w / 2 + (u - self.focus[0]) * self.scale, h / 2 + (v - self.focus[1]) * self.scale)

    # -- drawing ---------------------------------------------------------------------------

    def _update_flaw(self, world) -> None:
        """Redraw the flaw texture when the flaw has changed (only then: it is the dear pass)."""
        flaw = world.flaw
        key = (world.seed, flaw.worsenings, len(flaw.blots), flaw.centre, flaw.severity, sum(b.darkness + b.radius for b in flaw.blots))
        if key == self._flaw_key:
            return
        first = self._flaw_key is None
        self._flaw_key = key
        blots = flaw.blots
        shape = [0.0] * (4 * MAX_BLOTS)
        look = [0.0] * (4 * MAX_BLOTS)
        colour = [0.0] * (4 * MAX_BLOTS)
        for i, blot in enumerate(blots):
            shape[4 * i : 4 * i + 4] = (blot.u, blot.v, blot.radius, blot.stretch)
            look[4 * i : 4 * i + 4] = (blot.angle, blot.darkness, KIND_CODES.get(blot.kind, 0.0), 1.0)
            colour[4 * i : 4 * i + 4] = (blot.colour[0] / 255, blot.colour[1] / 255, blot.colour[2] / 255, 1.0)
        program = self.flaw_program
        program["origin"] = (flaw.centre[0] - FLAW_REGION, flaw.centre[1] - FLAW_REGION)
        program["extent"] = 2 * FLAW_REGION
        program["blot_count"] = len(blots)
        program["blot_shape"] = shape
        program["blot_look"] = look
        program["blot_colour"] = colour
        # What was "now" becomes "before"; the new flaw is drawn into the other texture.
        self.flaw_before = self.flaw_now
        if not first:
            self.flaw_now = 1 - self.flaw_now
        fbo = self.flaw_fbos[self.flaw_now]
        with fbo.activate():
            fbo.clear()
            self.quad.render(program)
        self.flaw_textures[self.flaw_now].build_mipmaps()
        if first:
            self.flaw_before = self.flaw_now

    def prepare(self, world, size=None) -> None:
        """Everything but the draw call: the per-frame update (cheap unless the flaw changed)."""
        self.set_seed(world.seed)
        self.size = tuple(size) if size else self.window.get_framebuffer_size()
        w, h = self.size
        self.zoom, self.focus = self.camera(world)
        self.scale = h * self.zoom
        inner = (max(1, int(w * INTERNAL_SCALE)), max(1, int(h * INTERNAL_SCALE)))
        if self.picture is None or self.picture[2] != inner:
            texture = self.ctx.texture(inner, components=4)
            texture.filter = (self.ctx.LINEAR, self.ctx.LINEAR)
            self.picture = (texture, self.ctx.framebuffer(color_attachments=[texture]), inner)
        w, h = inner
        self._update_flaw(world)
        panic = world.panic
        flaw = world.flaw
        p = self.closeup_program
        p["screen"] = (float(w), float(h))
        p["focus"] = self.focus
        p["scale"] = h * self.zoom
        p["flaw_centre"] = flaw.centre
        p["flaw_origin"] = (flaw.centre[0] - FLAW_REGION, flaw.centre[1] - FLAW_REGION)
        p["flaw_extent"] = 2 * FLAW_REGION
        p["time"] = world.anim_time % 1000.0
        calm = REDUCED_MOTION if world.settings.reduce_motion else 1.0
        p["unravel"] = panic.unravel * calm
        p["recompose"] = flaw.recompose
        p["vignette"] = panic.vignette
        p["pulse"] = math.exp(-panic.heart_phase * 7.0) * calm if panic.level > 0.05 else 0.0
        p["grow"] = _ease((world.tick - flaw.last_worsened_tick) / GROW_TICKS) if flaw.last_worsened_tick >= 0 else 1.0
        noticing = world.story.beat == Beat.FLAW
        p["notice"] = min(1.0, world.story.ticks_in_beat / NOTICE_TICKS) if noticing else 0.0
        p["notice_radius"] = max(NOTICE_RADIUS, flaw.blots[0].radius * 2.5)
        p["art"] = 0
        p["flaw"] = 1
        p["flaw_before"] = 2

    def draw(self, world, size=None) -> None:
        """The close-up over the whole current framebuffer (size: its pixels, default the window's)."""
        self.prepare(world, size)
        texture, fbo, _ = self.picture
        with fbo.activate():
            self.art_texture.use(0)
            self.flaw_textures[self.flaw_now].use(1)
            self.flaw_textures[self.flaw_before].use(2)
            self.quad.render(self.closeup_program)
        w, h = self.size
        self.ctx.viewport = (0, 0, w, h)
        texture.use(0)
        self.blit_program["picture"] = 0
        self.quad.render(self.blit_program)


CAPTION_GAP_PX = 14  # between the repair's bottom band and the captions above it


class CloseupOverlay(Overlay):
    """The flaw and repair beats: the close-up of the masterpiece and the running minigame,
    whenever the dreamer stands at the easel (the room otherwise)."""

    def __init__(self, view):
        self.closeup = CloseupRenderer(view.window)
        self.minigame = MinigameRenderer(self.closeup)

    def covers(self, view) -> bool:
        return wants_closeup(view.world)

    def caption_floor(self, view) -> float:
        """Clear of the repair's hint, progress bar and tools."""
        return BOTTOM_BAND_PX + CAPTION_GAP_PX if view.world.story.beat == Beat.REPAIR else 0.0

    def draw(self, view) -> None:
        if not wants_closeup(view.world):
            return
        self.minigame.labels = view.minigame_keys()
        view.window.default_camera.use()
        self.closeup.draw(view.world)
        self.minigame.draw(view.world)
