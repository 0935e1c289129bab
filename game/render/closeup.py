"""The close-up: the masterpiece filling the screen, the flaw spreading, panic closing in.

Two GPU passes. The flaw's blots are drawn into a small canvas-space texture (with mipmaps,
so a blurred look-up gives the discoloured halo) only when the flaw changes; each frame one
full-screen pass samples the woven picture through the unravelling (a chaotic displacement
that grows with panic), lays the flaw over it, re-routes gold around it as it is recomposed,
and closes the panic vignette with the heartbeat. Per frame the CPU only sets uniforms.

In the flaw beat the camera takes in the whole piece, then glides onto the knot and pushes in
while the rest of the picture softens, dims and greys (the gaze pulled to it); the knot's
pale, frayed rim makes it stand out on a dark ground as on a light one. In the repair beat the
picture is framed in ``frame`` — the part of the screen the bands and captions leave free —
so a minigame's work area is always in plain sight.

It only reads the world. ``CloseupRenderer.draw(world, size)`` draws; ``to_screen(u, v)`` maps
canvas points to screen pixels for the minigame overlay drawn on top.
"""

from __future__ import annotations

import inspect
import itertools
import math
import weakref
from array import array

import arcade
from arcade.gl import BufferDescription
from PIL import Image
from pyglet import gl

from game.render.ahead import ahead, idle, made
from game.render.fullscreen import FULLSCREEN_VS, LATTICE_HASH, around, clear_outside, overlap
from game.render.masterpiece import art_in_steps
from game.render.minigame import BAND_COLOUR, MinigameRenderer, layout
from game.render.overlay import Overlay
from game.sim.beats.backstage import near_easel
from game.sim.beats.flaw import UNRAVEL_TICK
from game.sim.flaw import MAX_BLOTS, START_SEVERITY
from game.sim.minigame import FAILING_TICKS
from game.sim.story import Beat
from game.sim.timestep import ticks

FLAW_REGION = 0.42  # canvas units each side of the flaw's centre that the flaw texture covers
FLAW_TEXTURE = 384  # px a side of that texture
BODY_BLOCK = 8  # its body (the darkness without the threads) averages blocks of this many texels a side
ZOOM_LOOK = 1.0  # canvas heights on screen (of the frame) while the whole piece is taken in...
ZOOM_PUSHED = 3.0  # ...once the gaze has glided onto the knot...
UNRAVEL_CREEP = 0.4  # ...creeping this much further in as the lines unravel...
UNRAVEL_CREEP_TICKS = ticks(4.0)
ZOOM_REPAIR = 1.8  # ...in the repair beat between attempts (pulling back to show the whole flaw)...
ZOOM_MINIGAME_MAX = 2.8  # ...and at most this while a minigame runs (its work area fits the frame)
WORK_MARGIN = 1.12  # the work area fills the frame to 1/this of its width or height
FLAW_SHOWN = 1.2  # between attempts the whole flaw fits the frame with this much room round it
GROW_TICKS = 45  # new darkness eases in over this long
FLAW_BANDS = 3  # right after a worsening the flaw pass is drawn over this many frames, a band of rows each
ZOOM_EASE_TICKS = 40  # the camera eases between its zooms over this long
NOTICE_RADIUS = 0.025  # canvas units: the glint's ring, at least
PULL_KEPT = 0.55  # the gaze's pull that stays while the lines unravel (it was 1 in the stillness)
PULL_FADE_TICKS = ticks(2.0)
FRAY_GONE_AT = 0.2  # severity gained by which the knot's pale frayed rim has gone (the flaw is plain to see)
ROLLING_SHOWN = 4.0  # px/s: while a slipped tool rolls faster than this, the room is shown
# The close-up is worked out at a fraction of the screen's pixels and stretched over it (software
# GL is slow per pixel: its shader costs ~29 ms a 1280×720 frame at 0.75, ~22 at 0.6, ~15 at 0.5). The
# fraction follows the zoom: about one worked-out pixel per texel of the art, from the whole
# picture at INTERNAL_SCALES[-1] to a close look at a minigame at INTERNAL_SCALES[0]; a few steps
# only, so the offscreen picture is not made anew as the camera glides.
INTERNAL_SCALES = (0.5, 0.6)
TEXEL_SLACK = 1.05  # a worked-out pixel may stand for up to this many texels (5 % more is not to be seen; a minigame's closest look is 1.016)
REDUCED_MOTION = 0.35  # the reduce-motion setting scales the unravelling and the heartbeat's squeeze by this
# Past the picture and its frame the close-up shows only the dark backstage (and the vignette and
# the glow over it): there it is painted by a pass that works out nothing else (see backdrop_box).
FRAME_REACH = 0.035  # canvas units round the canvas the close-up's shader shows: its frame...
UNRAVEL_REACH = 0.03 + 0.12  # ...and, times the chaos, how far the unravelling moves a point at most: the waver (2 × 0.0135), the swirl round the flaw (1.6·d·e^(−5d), at d = 0.2)
REPAIR_PARTS = (False, False, True, True)  # the close-up shader's parts (NOTICE, RECOMPOSE, FRAY, GROWING) in the repair (see CloseupRenderer.variant)
GROWN = 0.999  # new darkness has eased in once `grow` reaches this (the shader's own test)
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

LATTICE_HASH
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
""".replace("N_BLOTS", str(MAX_BLOTS)).replace("LATTICE_HASH", LATTICE_HASH)

# What the close-up's passes share, pasted into their shaders where it says so: the backstage
# behind the easel, the panic's vignette over a pixel (`px` of the pass's `screen`, the uniforms
# vignette and pulse declared), and the acceptance's glow over a screen pixel (glow_centre,
# glow_radius, glow declared).
BACKSTAGE = "vec3(0.05, 0.04, 0.05)"
TUNNELLED = """vec3 tunnelled(vec3 colour, vec2 px) {
    // Panic tunnels the view; each heartbeat squeezes it.
    if (vignette > 0.001) {
        vec2 s = (px - screen * 0.5) / (screen.y * 0.5);
        float radius = mix(2.2, 1.3, vignette) - pulse * 0.12 * vignette;
        float light = smoothstep(radius + 0.1, radius - 0.8, length(s * vec2(0.8, 1.0)));
        colour = mix(vec3(0.05, 0.0, 0.015), colour, light);
    }
    return colour;
}"""
GLOWING = """vec3 glowing(vec3 colour) {
    float edge = clamp(1.0 - length((gl_FragCoord.xy - glow_centre) / glow_radius), 0.0, 1.0);
    return colour + glow.rgb * (glow.a * edge * sqrt(edge));  // (1 - r)^1.5, as glow.soft_texture's falloff 1.5
}"""

# Pass 2: the close-up, every frame. Software GL runs every branch of a shader for every pixel
# (masked), whatever the condition: what a beat never needs is left out of its own variant (see
# CloseupRenderer.variant) — the gaze's pull (a texture read with a per-pixel bias, the dearest
# part) outside the flaw beat, the recomposing gold outside the acceptance — and what adds
# nothing to a frame is left out of the variant it is drawn with (see CloseupRenderer.in_play).
_CLOSEUP_FRAGMENT = """
#version 330
#define NOTICE 1     // the gaze pulled to the knot (the flaw beat)
#define RECOMPOSE 1  // the flaw recomposed in gold (the acceptance)
#define FRAY 1       // the knot's pale frayed rim (while the flaw is small)
#define GROWING 1    // new darkness easing in after a worsening
uniform sampler2D art;
uniform sampler2D flaw;
uniform sampler2D flaw_before;  // the flaw before the last worsening, to ease the new darkness in
uniform sampler2D flaw_body;    // the flaw's darkness averaged over blocks of BODY_BLOCK texels: its body without the threads
uniform float grow;         // 0..1 from flaw_before to flaw
uniform float notice;       // 0..1, the gaze pulled to the knot: the rest softens, dims and greys (the flaw beat)
uniform float notice_radius;
uniform float fray_amount;  // 1 while the flaw is a small knot, gone once it is plain to see
uniform vec2 screen;        // px
uniform vec2 centre;        // px where the focus is shown (the middle of the free frame)
uniform vec2 focus;         // canvas uv shown at centre
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
TUNNELLED

void main() {
    vec2 px = v_uv * screen;
    vec2 uv = focus + (px - centre) / scale;
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
        colour = out_by < 0.035 ? vec3(0.34, 0.22, 0.1) * (0.8 + 0.2 * fract(out_by * 60.0)) : BACKSTAGE;
    } else {
#if NOTICE
        // Away from the knot, the gaze lets the picture go soft (a blurrier mip level), dim and grey.
        float pull = notice * smoothstep(notice_radius * 0.8, notice_radius * 2.6, length(to_flaw));
        colour = texture(art, vec2(p.x, 1.0 - p.y), pull * 2.5).rgb;
        colour = mix(colour, vec3(lum(colour)) * 0.5, pull * 0.65);
#else
        colour = texture(art, vec2(p.x, 1.0 - p.y)).rgb;
#endif
        vec2 f = (p - flaw_origin) / flaw_extent;
        float dark = 0.0;
        vec3 stain_colour = vec3(0.0);
        float halo = 0.0;
        float body = 0.0;
        if (f.x > 0.0 && f.x < 1.0 && f.y > 0.0 && f.y < 1.0) {
            vec4 fl = texture(flaw, f);
#if GROWING
            if (grow < GROWN) {  // only while new darkness eases in
                fl = mix(texture(flaw_before, f), fl, grow);
            }
#endif
            dark = fl.a;
            stain_colour = fl.rgb;
            body = texture(flaw_body, f).a;  // the flaw blurred: its body without the threads
            halo = clamp(body * 1.6 - dark, 0.0, 1.0) * grow;
        }
        float grey = lum(colour);
        // Panic drains the colour; recomposing brings it back, richer.
        colour = mix(colour, vec3(grey), 0.25 * chaos);
        // The discoloured halo round the flaw: yellowed, dulled wool.
        colour = mix(colour, vec3(grey) * vec3(0.85, 0.7, 0.5), halo * 0.6 * (1.0 - recompose));
        dark *= 0.94 + 0.06 * sin(time * 2.0 + p.x * 90.0 + p.y * 70.0);
        vec3 stain = stain_colour * 0.4;
#if RECOMPOSE
        colour = mix(vec3(grey), colour, 1.0 + 0.3 * recompose);
        stain = mix(stain, vec3(0.1, 0.12, 0.32) + stain_colour * 0.3, recompose * 0.6);
#endif
        colour = colour * (1.0 - dark * 0.96) + stain * dark;
#if FRAY
        // The knot's rim: threads pulled loose and pale round the darkness, so it shows on any ground.
        float fray = smoothstep(0.04, 0.22, body) * (1.0 - smoothstep(0.12, 0.45, dark)) * fray_amount;
        float loose = smoothstep(0.2, 0.9, sin((p.x * 0.7 + p.y) * 2200.0 + sin(p.x * 400.0) * 2.0));
        colour = mix(colour, vec3(0.95, 0.9, 0.8), fray * (0.25 + 0.5 * loose));
#endif
#if RECOMPOSE
        {
            // Recomposed: a gold rim where the darkness meets the weave, and gold lines drawn
            // into it from all round, so the eye goes to the flaw as the heart of the piece.
            float rim = exp(-pow((body - 0.4) / 0.12, 2.0)) * recompose;
            float ang = atan(to_flaw.y, to_flaw.x);
            float rays = pow(abs(sin(ang * 11.0 + length(to_flaw) * 24.0 - time * 0.4)), 60.0)
                       * recompose * smoothstep(0.5, 0.05, length(to_flaw)) * (1.0 - dark);
            colour += vec3(0.95, 0.7, 0.3) * (rim * 0.65 + rays * 0.55);
        }
#endif
#if NOTICE
        {
            // The eye catches on it: a faint cold glint circling the knot, swelling with each heartbeat.
            float d = length(to_flaw);
            float ring = exp(-pow((d - notice_radius) / (notice_radius * 0.22), 2.0));
            colour += vec3(0.6, 0.66, 0.78) * ring * (0.25 + 0.45 * pulse) * notice;
        }
#endif
    }
    frag = vec4(tunnelled(colour, px), 1.0);
}
""".replace("TUNNELLED", TUNNELLED).replace("BACKSTAGE", BACKSTAGE).replace("GROWN", str(GROWN))


# Pass 1b: the flaw's body, the darkness averaged over blocks of BODY_BLOCK² texels (a mipmap
# level made by hand: OpenGL's own mipmapping is dear in software, ~30-170 ms a worsening).
_BODY_FRAGMENT = """
#version 330
uniform sampler2D flaw;
out vec4 frag;
void main() {
    ivec2 corner = ivec2(gl_FragCoord.xy) * BODY_BLOCK;
    float sum = 0.0;
    for (int y = 0; y < BODY_BLOCK; y++) {
        for (int x = 0; x < BODY_BLOCK; x++) {
            sum += texelFetch(flaw, corner + ivec2(x, y), 0).a;
        }
    }
    frag = vec4(0.0, 0.0, 0.0, sum / float(BODY_BLOCK * BODY_BLOCK));
}
""".replace("BODY_BLOCK", str(BODY_BLOCK))

# Pass 3: the close-up, drawn at a fraction of the screen (INTERNAL_SCALES), stretched over it,
# with a soft glow added over it if one is asked for (the acceptance's bloom: light added as by
# a soft disc drawn additively, without a screenful of sprite to blend). Without a glow the
# plain stretch is drawn: the glow's sums cost ~2 ms over the screen in software GL.
_BLIT_FRAGMENT = """
#version 330
#define GLOW 1
uniform sampler2D picture;
uniform vec2 glow_centre;  // px
uniform vec2 glow_radius;  // px, each way (an ellipse)
uniform vec4 glow;  // rgb 0..1 and how strongly
in vec2 v_uv;
out vec4 frag;
GLOWING
void main() {
#if GLOW
    frag = vec4(glowing(texture(picture, v_uv).rgb), 1.0);
#else
    frag = vec4(texture(picture, v_uv).rgb, 1.0);
#endif
}
""".replace("GLOWING", GLOWING)


# Pass 3b: the backdrop round the picture, at the screen's own pixels: what the close-up's
# shader shows past the frame (the dark backstage, the panic's vignette), with the glow over it
# as the stretch adds it.
_BACKDROP_FRAGMENT = """
#version 330
uniform vec2 screen;       // px
uniform float vignette;
uniform float pulse;
uniform vec2 glow_centre;  // px
uniform vec2 glow_radius;  // px, each way
uniform vec4 glow;         // rgb 0..1 and how strongly (0: none)
out vec4 frag;
TUNNELLED
GLOWING
void main() {
    frag = vec4(glowing(tunnelled(BACKSTAGE, gl_FragCoord.xy)), 1.0);
}
""".replace("TUNNELLED", TUNNELLED).replace("GLOWING", GLOWING).replace("BACKSTAGE", BACKSTAGE)


def _ease(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return t * t * (3.0 - 2.0 * t)


def _lerp2(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _quad(ctx):
    data = array("f", [-1, 1, 0, 1, -1, -1, 0, 0, 1, 1, 1, 1, 1, -1, 1, 0])
    return ctx.geometry([BufferDescription(ctx.buffer(data=data), "2f 2f", ["in_vert", "in_uv"])], mode=ctx.TRIANGLE_STRIP)


def variants_within(parts: tuple[bool, bool, bool, bool]) -> list[tuple[bool, bool, bool, bool]]:
    """Every variant a beat with these parts may draw: each of its RECOMPOSE, FRAY and GROWING
    parts there or not (see CloseupRenderer.in_play); its NOTICE is the beat's throughout."""
    notice = parts[0]
    return [(notice, *kept) for kept in itertools.product(*[(True, False) if part else (False,) for part in parts[1:]])]


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


def art_with_mipmaps(seed: int):
    """The seed's masterpiece and its mipmap chain down to 1 px, as RGBA bytes in the painting's
    own row order (the shader reads it upside down): (art, levels), painted ahead a step at a
    time (a generator: see game.render.ahead)."""
    art = yield from art_in_steps(seed)
    image = Image.fromarray(art.pixels).convert("RGBA")
    levels = [image.tobytes()]
    yield
    while image.width > 1:
        image = image.reduce(2)  # a box filter: what glGenerateMipmap makes
        levels.append(image.tobytes())
    return art, levels


# The art as a window's close-ups show it (see CloseupRenderer.set_seed): one upload for the flaw's
# close-up and the acceptance's (~16 ms of software GL each), the last seed's only.
_SHOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def paint_ahead(world) -> None:
    """Start painting what the close-up will show (see BeatShow.ahead), unless a close-up shows it
    already (the acceptance's, after the flaw's: it would be painted for nothing, beside the frames)."""
    if not any(art.seed == world.seed for art, *_ in _SHOWN.values()):
        ahead(art_with_mipmaps, world.seed)


class CloseupRenderer:
    """Draws the close-up of the masterpiece for a world. Build once, draw every frame."""

    def __init__(self, window: arcade.Window | None = None):
        self.window = window or arcade.get_window()
        self.ctx = self.window.ctx
        self.quad = _quad(self.ctx)
        self.flaw_program = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_FLAW_FRAGMENT)
        self.closeup_programs: dict[tuple[bool, bool, bool, bool], object] = {}  # by variant (see variant)
        self.closeup_program = None  # the one in use, chosen as each beat begins (see prepare)
        self.parts: tuple[bool, bool, bool, bool] | None = None  # the beat's variant (see variant)...
        self.in_use: tuple[bool, bool, bool, bool] | None = None  # ...and the one drawn now (see in_play)
        self.art_level: int | None = None  # the art's one mipmap level read this frame; None: all of them, per pixel (see prepare)
        self.zoom_level = 0  # the mipmap level nearest texel for pixel at this zoom (see mip_level)
        self.compile_ahead: list[tuple[bool, bool, bool, bool]] = []  # variants to have compiled with the next frame (see draw)
        self.blit_programs = {glow: self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_BLIT_FRAGMENT, defines={"GLOW": int(glow)}) for glow in (False, True)}
        self.body_program = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_BODY_FRAGMENT)
        self.backdrop_program = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_BACKDROP_FRAGMENT)
        body = FLAW_TEXTURE // BODY_BLOCK
        self.body_texture = self.ctx.texture((body, body), components=4)
        self.body_texture.filter = (self.ctx.LINEAR, self.ctx.LINEAR)
        self.body_fbo = self.ctx.framebuffer(color_attachments=[self.body_texture])
        self.pictures: dict[tuple[int, int], tuple] = {}  # offscreen close-ups by size: (texture, framebuffer, size)
        self.picture = None  # the one drawn last
        self.seen: tuple[int, int, int, int] | None = None  # the part of the screen last drawn (None: all of it), its picture and backdrop
        self.glow: tuple[tuple[float, float], tuple[float, float], tuple[float, float, float, float]] | None = None  # added over it: centre, radii (px), rgba (see _BLIT_FRAGMENT)
        # Two flaw textures: the flaw now, and before its last worsening (eased between).
        self.flaw_textures = []
        self.flaw_fbos = []
        for _ in range(2):
            texture = self.ctx.texture((FLAW_TEXTURE, FLAW_TEXTURE), components=4)
            texture.filter = (self.ctx.LINEAR, self.ctx.LINEAR)
            self.flaw_textures.append(texture)
            self.flaw_fbos.append(self.ctx.framebuffer(color_attachments=[texture]))
        self.flaw_now = 0  # index of the texture holding the flaw as it is now
        self.flaw_before = 0  # ...and as it was (the same one until it first worsens)
        self.art = None  # the MasterpieceArt being shown
        self.art_texture = None  # ...with its mipmaps, read at the level each pixel needs (NOTICE)
        self.art_levels: dict[int, object] = {}  # ...and one mipmap level alone, by level (see art_at)
        self._art_data: list[bytes] = []
        self.flaw_drawn = None  # what the flaw was as it was last drawn (see _flaw_key)
        self.drawing: list | None = None  # the new flaw being drawn a band a frame: [its texture, bands drawn, at once] (see _update_flaw)
        self.size = (1280, 720)
        self.frame: tuple[float, float, float, float] | None = None  # px (left, bottom, right, top) to frame in; None: the screen
        self.focus = (0.5, 0.5)
        self.scale = 720.0  # px per canvas unit
        self.beat_seen = None  # the beat of the last frame drawn...
        self.entry: tuple[float, tuple[float, float]] | None = None  # ...and (scale, focus) as this beat began

    # -- what the camera does --------------------------------------------------------------

    def set_seed(self, seed: int) -> None:
        if self.art is None or self.art.seed != seed:
            shown = _SHOWN.get(self.ctx)
            if shown is None or shown[0].seed != seed:
                shown = _SHOWN[self.ctx] = self._upload_art(seed)
            self.art, self._art_data, self.art_texture, self.art_levels = shown

    def _upload_art(self, seed: int) -> tuple:
        """The seed's art, its mipmap levels' bytes, its texture with them all, and (filled as
        they are read, see art_at) textures of one level alone."""
        art, levels = made(art_with_mipmaps, seed)
        texture = self.ctx.texture((art.size, art.size), components=4, data=levels[0])
        # Every smaller level from the painting made ahead: the GPU's own mipmapping is a
        # fifth of a second of software GL at 1024 px, on the frame the close-up first shows.
        texture.use(0)
        size = art.size
        for level, data in enumerate(levels[1:], start=1):
            size = max(1, size // 2)
            gl.glTexImage2D(gl.GL_TEXTURE_2D, level, gl.GL_RGBA8, size, size, 0, gl.GL_RGBA, gl.GL_UNSIGNED_BYTE, data)
        texture.filter = (self.ctx.LINEAR_MIPMAP_LINEAR, self.ctx.LINEAR)
        return art, levels, texture, {}

    def frame_box(self) -> tuple[float, float, float, float]:
        w, h = self.size
        return self.frame or (0.0, 0.0, float(w), float(h))

    def camera(self, world) -> tuple[float, tuple[float, float]]:
        """(scale, focus): px per canvas unit, and the canvas point shown at the frame's middle."""
        flaw = world.flaw
        beat = world.story.beat
        game = world.minigame
        left, bottom, right, top = self.frame_box()
        fw, fh = right - left, top - bottom
        if beat == Beat.FLAW:
            scene = world.story.scene
            gaze = _ease(scene.gaze)
            creep = UNRAVEL_CREEP * _ease((scene.ticks - UNRAVEL_TICK) / UNRAVEL_CREEP_TICKS)
            zoom = ZOOM_LOOK + (ZOOM_PUSHED - ZOOM_LOOK) * gaze + creep
            return fh * zoom, _lerp2((0.5, 0.5), flaw.centre, gaze)
        if beat == Beat.REPAIR:
            # Between attempts: the whole flaw in view, pulling back as it spreads; eased from
            # wherever the flaw beat left the camera.
            t = _ease(world.story.scene.ticks / ZOOM_EASE_TICKS)
            settled = min(self.size[1] * ZOOM_REPAIR, max(fh, min(fw, fh) / (2.0 * flaw.extent * FLAW_SHOWN)))
            entry_scale, entry_focus = self.entry or (settled, flaw.centre)
            rest = entry_scale + (settled - entry_scale) * t
            focus = _lerp2(entry_focus, flaw.centre, t)
            if game is None:
                return rest, focus
            # In toward the work as the attempt starts, back out as it fails.
            t = _ease(game.ticks / ZOOM_EASE_TICKS) * (1.0 - _ease(game.failing_ticks / FAILING_TICKS))
            u0, v0, u1, v1 = game.work_area
            fit = min(fw / ((u1 - u0) * WORK_MARGIN), fh / ((v1 - v0) * WORK_MARGIN), self.size[1] * ZOOM_MINIGAME_MAX)
            return rest + (fit - rest) * t, _lerp2(focus, ((u0 + u1) / 2, (v0 + v1) / 2), t)
        return fh * (ZOOM_LOOK + 0.2 * (1.0 - flaw.recompose)), _lerp2((0.5, 0.5), flaw.centre, 0.6)

    def notice(self, world) -> float:
        """0..1, how hard the gaze is pulled to the knot (the flaw beat only)."""
        if world.story.beat != Beat.FLAW:
            return 0.0
        scene = world.story.scene
        if scene.ticks < UNRAVEL_TICK:
            return _ease(scene.gaze)
        return 1.0 - (1.0 - PULL_KEPT) * _ease((scene.ticks - UNRAVEL_TICK) / PULL_FADE_TICKS)

    def to_screen(self, u: float, v: float) -> tuple[float, float]:
        """Screen pixels of a canvas point in the last drawn close-up."""
        left, bottom, right, top = self.frame_box()
        return ((left + right) / 2 + (u - self.focus[0]) * self.scale, (bottom + top) / 2 + (v - self.focus[1]) * self.scale)

    # -- drawing ---------------------------------------------------------------------------

    def _update_flaw(self, world) -> None:
        """Redraw the flaw texture when the flaw has changed (only then: it is the dear pass, ~15
        ms in software GL). Right after a worsening it is drawn a band a frame (FLAW_BANDS), into
        the texture not shown, the flaw as it was shown meanwhile: the new darkness eases in from
        nothing over GROW_TICKS, so its first ticks look the same either way, and no frame pays
        for the whole pass. Otherwise (the first, or long after) it is drawn at once."""
        flaw = world.flaw
        if self._flaw_changed(world):
            self._new_flaw(world)
        if self.drawing is None:
            return
        _, drawn, at_once = self.drawing  # (the first is drawn at once: there is nothing to show meanwhile)
        since = world.tick - flaw.last_worsened_tick
        self._draw_flaw_bands(max(drawn + 1, since + 1) if not at_once and 0 <= since < FLAW_BANDS else FLAW_BANDS)

    def flaw_drawn_in_steps(self, world):
        """The flaw as it is now drawn ahead, a band a step (a generator): a beat that begins with
        this renderer begins with its flaw drawn (see AcceptanceOverlay.made_in_steps)."""
        if self._flaw_changed(world):
            self._new_flaw(world)
        while self.drawing is not None:
            self._draw_flaw_bands(self.drawing[1] + 1)
            yield

    @staticmethod
    def _flaw_key(world) -> tuple:
        """All that the flaw's picture shows."""
        flaw = world.flaw
        return (world.seed, flaw.worsenings, len(flaw.blots), flaw.centre, flaw.severity, sum(b.darkness + b.radius for b in flaw.blots))

    def _flaw_changed(self, world) -> bool:
        return self._flaw_key(world) != self.flaw_drawn

    def _new_flaw(self, world) -> None:
        """Set the flaw pass up for the flaw as it is now, to be drawn into the texture not shown
        (the first: into the one shown, at once), a band at a time (see _draw_flaw_bands)."""
        flaw = world.flaw
        first = self.flaw_drawn is None
        self.flaw_drawn = self._flaw_key(world)
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
        # What is shown now is shown alone (any easing in of the last worsening ends) until the
        # new flaw is drawn into the other texture; then it is "before", and the new one "now".
        self.flaw_before = self.flaw_now
        self.drawing = [self.flaw_now if first else 1 - self.flaw_now, 0, first]  # the texture, its bands drawn, and at once?

    def _draw_flaw_bands(self, bands: int) -> None:
        """Draw the new flaw's bands up to `bands` (of FLAW_BANDS); with the last, it is shown."""
        target, drawn, _ = self.drawing
        fbo = self.flaw_fbos[target]
        blending = self.ctx.is_enabled(self.ctx.BLEND)
        self.ctx.disable(self.ctx.BLEND)  # the pass writes the flaw's darkness as alpha (every texel): blending would square it
        with fbo.activate():
            rows = math.ceil(FLAW_TEXTURE / FLAW_BANDS)
            fbo.scissor = (0, drawn * rows, FLAW_TEXTURE, (min(bands, FLAW_BANDS) - drawn) * rows)
            self.quad.render(self.flaw_program)
            fbo.scissor = None
        self.drawing[1] = drawn = min(bands, FLAW_BANDS)
        if drawn == FLAW_BANDS:  # the new flaw is drawn: it is shown now, and its body worked out
            self.drawing = None
            self.flaw_now = target
            self.flaw_textures[target].use(0)
            self.body_program["flaw"] = 0
            with self.body_fbo.activate():
                self.quad.render(self.body_program)
        if blending:
            self.ctx.enable(self.ctx.BLEND)

    def prepare(self, world, size=None) -> None:
        """Everything but the draw call: the per-frame update (cheap unless the flaw changed)."""
        self.set_seed(world.seed)
        self.size = tuple(size) if size else self.window.get_framebuffer_size()
        w, h = self.size
        beat = world.story.beat
        if beat != self.beat_seen:  # the camera carries on from where the last beat left it
            self.entry = (self.scale, self.focus) if self.beat_seen is not None else None
            self.beat_seen = beat
            self.parts = self.variant(world)
            # Every variant the beat may draw (see in_play), with the art's filter either way (see draw).
            self.compile_ahead.extend(variants_within(self.parts))
        wanted = self.in_play(world)
        if wanted != self.in_use:
            self.in_use, self.closeup_program = wanted, self._closeup_program(wanted)
        self.scale, self.focus = self.camera(world)
        fraction = self.internal_scale()
        # One mipmap level for the whole picture, unless the gaze softens it away from the knot
        # (NOTICE reads a blurrier level there).
        self.zoom_level = self.mip_level(self.art.size / max(1.0, self.scale) / fraction)
        self.art_level = None if self.parts[0] else self.zoom_level
        inner = (max(1, int(w * fraction)), max(1, int(h * fraction)))
        if inner not in self.pictures:
            if len(self.pictures) > len(INTERNAL_SCALES):  # the window was resized: the old sizes go
                self.pictures.clear()
            texture = self.ctx.texture(inner, components=4)
            texture.filter = (self.ctx.LINEAR, self.ctx.LINEAR)
            self.pictures[inner] = (texture, self.ctx.framebuffer(color_attachments=[texture]), inner)
        self.picture = self.pictures[inner]
        shrink = inner[1] / h  # the internal picture's px per screen px
        left, bottom, right, top = self.frame_box()
        self._update_flaw(world)
        panic = world.panic
        flaw = world.flaw
        p = self.closeup_program
        p["screen"] = (float(inner[0]), float(inner[1]))
        p["centre"] = ((left + right) / 2 * shrink, (bottom + top) / 2 * shrink)
        p["focus"] = self.focus
        p["scale"] = self.scale * shrink
        p["flaw_centre"] = flaw.centre
        p["flaw_origin"] = (flaw.centre[0] - FLAW_REGION, flaw.centre[1] - FLAW_REGION)
        p["flaw_extent"] = 2 * FLAW_REGION
        p["time"] = world.anim_time % 1000.0
        calm = REDUCED_MOTION if world.settings.reduce_motion else 1.0
        p["unravel"] = panic.unravel * calm
        p["recompose"] = flaw.recompose
        p["vignette"] = panic.vignette
        p["pulse"] = math.exp(-panic.heart_phase * 7.0) * calm if panic.level > 0.05 else 0.0
        p["grow"] = self.grow(world)
        # (a variant without a part has none of its uniforms)
        p.set_uniform_safe("notice", self.notice(world))
        p.set_uniform_safe("notice_radius", max(NOTICE_RADIUS, flaw.blots[0].radius * 2.5))
        p.set_uniform_safe("fray_amount", self.fray(flaw))
        self._bind_textures(p)

    @staticmethod
    def _bind_textures(program) -> None:
        """The texture units a close-up program reads (see draw)."""
        program["art"] = 0
        program["flaw"] = 1
        program.set_uniform_safe("flaw_before", 2)  # (a variant without GROWING has none)
        program["flaw_body"] = 3

    @staticmethod
    def fray(flaw) -> float:
        """0..1, how much of the knot's pale frayed rim shows: all while the flaw is a small knot."""
        return max(0.0, 1.0 - (flaw.severity - START_SEVERITY) / FRAY_GONE_AT) * (1.0 - flaw.recompose)

    def variant(self, world) -> tuple[bool, bool, bool, bool]:
        """The parts of the close-up's shader this beat may need (NOTICE, RECOMPOSE, FRAY,
        GROWING: see _CLOSEUP_FRAGMENT), chosen as the beat begins and kept through it: a new
        variant is compiled the first time it is drawn (~0.1-0.25 s in software GL, a
        millisecond or two once Mesa has it on disk), so every variant within these parts is
        compiled with the beat's first frame. A part left out is one that could only add
        nothing: outside the repair (where the worsenings come) the frayed rim and the
        easing-in can only fade away, never begin."""
        beat = world.story.beat
        flaw = world.flaw
        if beat == Beat.REPAIR:
            return REPAIR_PARTS
        growing = flaw.last_worsened_tick >= 0 and world.tick - flaw.last_worsened_tick < GROW_TICKS
        return (beat == Beat.FLAW, beat == Beat.ACCEPTANCE, self.fray(flaw) > 0.0, growing)

    def in_play(self, world) -> tuple[bool, bool, bool, bool]:
        """The variant drawn this frame: the beat's, less the parts that would add nothing to it
        now — the gold until the flaw begins to recompose (the acceptance breathes a long while
        before it is let be), the frayed rim once it has gone (early in the repair), and the
        easing-in of new darkness but for the GROW_TICKS after a worsening. Each part costs every
        pixel, and the picture is the same without it: the repair draws with neither the rim
        nor the easing-in for most of its frames. All of them are compiled with the beat's
        first frame (see compile_ahead), so changing between them costs nothing."""
        notice, recompose, fray, growing = self.parts
        return (notice, recompose and world.flaw.recompose > 0.0, fray and self.fray(world.flaw) > 0.0, growing and self.grow(world) < GROWN)

    @staticmethod
    def grow(world) -> float:
        """0..1: how far the darkness of the last worsening has eased in (1: all of it, or none yet)."""
        flaw = world.flaw
        return _ease((world.tick - flaw.last_worsened_tick) / GROW_TICKS) if flaw.last_worsened_tick >= 0 else 1.0

    def _closeup_program(self, variant: tuple[bool, bool, bool, bool]):
        if variant not in self.closeup_programs:
            defines = {name: int(on) for name, on in zip(("NOTICE", "RECOMPOSE", "FRAY", "GROWING"), variant)}
            self.closeup_programs[variant] = self.ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_CLOSEUP_FRAGMENT, defines=defines)
        return self.closeup_programs[variant]

    def mip_level(self, texels_per_px: float) -> int:
        """The art's mipmap level nearest texel for pixel (level n has 2**n texels for one of level 0).
        Outside the gaze's pull the zoom is the same over the whole picture, so the level is chosen
        once a frame and read alone, smoothed within it: a trilinear look-up (two levels, the level
        worked out per pixel) costs ~3 ms more a frame in software GL, and looks the same."""
        return max(0, min(round(math.log2(max(texels_per_px, 1.0))), self.art.size.bit_length() - 1))

    def art_at(self, level: int | None):
        """The art to read at one mipmap level, smoothed within it: a texture of its own, made the
        first time that level is read; or (None) the art with all its levels, chosen per pixel.
        A level alone is not read from the mipmapped texture (by GL_TEXTURE_BASE_LEVEL): to Mesa's
        software renderer a level other than the first is a second way of drawing the shader,
        which a game misses in the cache the shader warmer filled (see
        warmup.program_for_each_way); a texture of its own is drawn as the first level is."""
        if level is None:
            return self.art_texture
        if level not in self.art_levels:
            size = max(1, self.art.size >> level)
            texture = self.ctx.texture((size, size), components=4, data=self._art_data[level])
            texture.filter = (self.ctx.LINEAR, self.ctx.LINEAR)
            self.art_levels[level] = texture
        return self.art_levels[level]

    def internal_scale(self) -> float:
        """The fraction of the screen's pixels the close-up is worked out at, for the current zoom:
        the least step that still gives the art's every texel a pixel (see INTERNAL_SCALES)."""
        texels_per_px = self.art.size / max(1.0, self.scale)  # the art's texels across one screen px
        return next((fraction for fraction in INTERNAL_SCALES if fraction * TEXEL_SLACK >= texels_per_px), INTERNAL_SCALES[-1])

    def draw(self, world, size=None, seen: tuple[int, int, int, int] | None = None) -> None:
        """The close-up over the whole current framebuffer (size: its pixels, default the window's).
        `seen` (x, y, width, height in its pixels) is the part not hidden under something opaque:
        only that is worked out and stretched (each pass costs by the pixel in software GL)."""
        self.prepare(world, size)
        self.seen = seen
        w, h = self.size
        shown = seen or (0, 0, w, h)
        seen = overlap(shown, self.backdrop_box())  # what the passes work out; the backdrop is painted round it
        if seen is None:  # (the picture out of sight)
            self._paint_backdrop(shown, None)
            self.ctx.scissor = None
            return
        texture, fbo, inner = self.picture
        shrink = inner[1] / h  # (in the picture's own pixels, a pixel wider all round for the stretch's filter)
        x, y, sw, sh = seen
        left, bottom = max(0, int(x * shrink) - 1), max(0, int(y * shrink) - 1)
        right, top = min(inner[0], math.ceil((x + sw) * shrink) + 1), min(inner[1], math.ceil((y + sh) * shrink) + 1)
        fbo.scissor = (left, bottom, right - left, top - bottom)
        # Both passes write every pixel opaque: blending would only cost (by the pixel, in software GL).
        blending = self.ctx.is_enabled(self.ctx.BLEND)
        self.ctx.disable(self.ctx.BLEND)
        with fbo.activate():
            self.flaw_textures[self.flaw_now].use(1)
            self.flaw_textures[self.flaw_before].use(2)
            self.body_texture.use(3)
            if self.compile_ahead:  # a pixel each (drawn over below), so software GL compiles them now, not as their beat begins
                scissor, fbo.scissor = fbo.scissor, (0, 0, 1, 1)
                for variant in self.compile_ahead:
                    ahead = self._closeup_program(variant)
                    self._bind_textures(ahead)  # (the compiled code is for the textures it reads, and how they are filtered:
                    self.art_at(None if variant[0] else self.zoom_level).use(0)  # one level alone, any level, or all of them)
                    self.quad.render(ahead)
                fbo.scissor, self.compile_ahead = scissor, []
            self.art_at(self.art_level).use(0)
            self.quad.render(self.closeup_program)
        self.ctx.viewport = (0, 0, w, h)
        texture.use(0)
        glowing = self.glow is not None and self.glow[2][3] > 0.0
        program = self.blit_programs[glowing]
        program["picture"] = 0
        if glowing:
            program["glow_centre"], program["glow_radius"], program["glow"] = self.glow
        self.ctx.scissor = seen
        try:
            self.quad.render(program)
            if seen != shown:
                self._paint_backdrop(shown, seen)
        finally:
            self.ctx.scissor = None
            if blending:
                self.ctx.enable(self.ctx.BLEND)

    def backdrop_box(self) -> tuple[int, int, int, int]:
        """Framebuffer px (x, y, width, height) outside which the close-up shows only the backdrop:
        the canvas and its frame, and as far round them as the unravelling may bring the canvas,
        as this frame's camera shows them."""
        program = self.closeup_program
        chaos = program["unravel"] * (1.0 - program["recompose"])  # (as the shader's)
        reach = FRAME_REACH + (UNRAVEL_REACH * chaos if chaos > 0.002 else 0.0)
        left, bottom = self.to_screen(-reach, -reach)
        right, top = self.to_screen(1.0 + reach, 1.0 + reach)
        left, bottom = math.floor(left) - 1, math.floor(bottom) - 1
        return (left, bottom, math.ceil(right) + 1 - left, math.ceil(top) + 1 - bottom)

    def _paint_backdrop(self, shown: tuple[int, int, int, int], picture: tuple[int, int, int, int] | None) -> None:
        """Paint the backdrop over `shown` less `picture` (framebuffer px; None: nothing)."""
        program = self.backdrop_program
        w, h = self.size
        program["screen"] = (float(w), float(h))
        program["vignette"] = self.closeup_program["vignette"]
        program["pulse"] = self.closeup_program["pulse"]
        centre, radius, glow = self.glow if self.glow is not None else ((0.0, 0.0), (1.0, 1.0), (0.0, 0.0, 0.0, 0.0))
        program["glow_centre"], program["glow_radius"], program["glow"] = centre, radius, glow
        for band in around(shown, picture):
            self.ctx.scissor = band
            self.quad.render(program)


def made_in_steps(make, view, draw_flaw: bool = True):
    """An overlay with a close-up (`make(view, closeup)`, a CloseupRenderer) made a step a frame
    while the beat before plays (see BeatShow.prepare; a generator, its value the overlay): the
    close-up's programs and textures, then the rest of the overlay (its words), the art on the
    GPU and (`draw_flaw`) the flaw drawn, so the beat's first frame makes and draws none of it
    (~30-40 ms in software GL). Were the flaw to change meanwhile, it would be drawn again.
    `make` may itself be a generator (its value the overlay), made a step at a time in turn."""
    yield  # (not on the first frame of the beat before: it has its own to make)
    while not idle():  # the art, painted ahead (see BeatShow.ahead) unless it is on the GPU already
        yield
    closeup = CloseupRenderer(view.window)  # (~15 ms with Mesa's cache empty, on a first play)
    yield
    overlay = make(view, closeup)
    if inspect.isgenerator(overlay):  # (made in steps of its own)
        overlay = yield from overlay
    yield
    overlay.closeup.set_seed(view.world.seed)
    yield
    if draw_flaw:
        yield from overlay.closeup.flaw_drawn_in_steps(view.world)
    return overlay


class CloseupOverlay(Overlay):
    """The flaw and repair beats: the close-up of the masterpiece and the running minigame,
    whenever the dreamer stands at the easel (the room otherwise)."""

    def __init__(self, view, closeup: CloseupRenderer | None = None):
        self.closeup = closeup or CloseupRenderer(view.window)
        self.minigame = MinigameRenderer(self.closeup)
        # The repair's own variants are compiled with the flaw's first frame (a cold compile is
        # ~0.1-0.3 s in software GL: one pause as the flaw is seen, not a second as the repair begins).
        self.closeup.compile_ahead = variants_within(REPAIR_PARTS) if view.world.story.beat in (Beat.BACKSTAGE, Beat.FLAW) else []

    @classmethod
    def made_in_steps(cls, view):
        """Made while the backstage plays, for the flaw (see made_in_steps); its flaw is drawn with
        the flaw's first frame, not ahead: on a machine that never ran the game, the flaw's pass
        may not be compiled yet (the shader warmer reaches it a few seconds in), and compiled in
        the backstage it would be a hitch the player walks through (0.1-0.2 s)."""
        return (yield from made_in_steps(cls, view, draw_flaw=False))

    def covers(self, view) -> bool:
        return wants_closeup(view.world)

    def paints_screen(self, view) -> bool:
        return True  # the close-up; in the repair beat, between the bands, which are cleared to their colour

    def background(self, view):
        """In the repair beat the bands are cleared to their colour: the close-up is drawn
        between them only, and they need no drawing of their own (see MinigameRenderer.draw)."""
        return BAND_COLOUR if view.world.story.beat == Beat.REPAIR and wants_closeup(view.world) else None

    def layout(self, view):
        return layout(view.window.get_size(), view.settings.text_scale)

    def caption_floor(self, view) -> float:
        """In the repair beat: above the hint, the progress bar and the tools, below the framed picture."""
        return self.layout(view).caption_floor if view.world.story.beat == Beat.REPAIR else 0.0

    def draw(self, view) -> None:
        world = view.world
        if not wants_closeup(world):
            return
        placed = self.layout(view)
        self.minigame.labels = view.minigame_keys()
        self.minigame.layout = placed
        self.closeup.frame = None
        if world.story.beat == Beat.REPAIR:  # from the whole screen to the frame the bands leave, as the beat begins
            w, h = view.window.get_size()
            t = _ease(world.story.scene.ticks / ZOOM_EASE_TICKS)
            self.closeup.frame = tuple(whole + (framed - whole) * t for whole, framed in zip((0.0, 0.0, float(w), float(h)), placed.frame))
        view.window.default_camera.use()
        seen = None
        if world.story.beat == Beat.REPAIR:
            seen = self.seen(view, placed)
            clear_outside(view.window.ctx.screen, seen, BAND_COLOUR)
        self.closeup.draw(world, seen=seen)
        self.minigame.draw(world)

    @staticmethod
    def seen(view, placed) -> tuple[int, int, int, int]:
        """Framebuffer px (x, y, width, height) between the repair beat's opaque bands."""
        scale = view.window.get_framebuffer_size()[1] / view.window.get_size()[1]
        width, height = view.window.get_framebuffer_size()
        bottom = int(placed.bottom_band * scale)
        top = height - int(placed.top_band * scale)
        return (0, bottom, width, max(0, top - bottom))
