"""The masterpiece: a woven tapestry painted by code from the seed, and the flaw drawn over it.

``paint_tapestry(seed)`` makes the 1024² picture once (numpy and PIL, no GL; ``tapestry_in_steps``
makes it a step at a time, for the worker that paints it ahead). Each seed gets its own work,
not a recolouring of one: a ``Design`` drawn from the seed chooses the composition (a medallion
round a sun, a tree of life, friezes of processions, a quartered field, a great spiral, a field
of scattered flowers round a cartouche), its symmetry, the ground the colour fields flow in and
the loom's weave; then come the palette's vibrant fields
with hatched, interlocking edges, gold lines, the motifs (suns, eyes, hands, birds, spirals,
rosettes, a tree), a woven border, and the warp and weft over all of it. Every motif has
something at the centre, where the flaw will be.

``MasterpieceArt`` keeps the picture and hands out an arcade texture, a small picture for the
easel, and a CPU version of the flaw overlay (``flawed_image``) for small views; the close-up
draws the flaw with a shader (``game.render.closeup``) from the same blot model.
"""

from __future__ import annotations

import colorsys
import math
import random
import threading
from collections import OrderedDict
from dataclasses import dataclass

import arcade
import numpy as np
from PIL import Image, ImageDraw

from game.render.ahead import painted
from game.render.keep import kept_in_steps

SIZE = 1024  # px a side of the woven picture
THREAD = 4  # px per thread of warp and weft (at any size: a small picture is a coarser weave)
BORDER = 44  # px of woven border around the picture, at SIZE
GOLD_LINE = 7  # px of the flowing gold lines (plus their dark edging), at SIZE
OUTLINE_PER_RADIUS = 0.055  # a motif's dark outline, as a share of its radius

COMPOSITIONS = ("medallion", "tree", "registers", "quartered", "spiral", "scatter")
GROUNDS = ("rings", "bands", "lattice", "arch", "rays")
WEAVES = ("plain", "twill", "basket")
# The grounds each composition sits well on (the first is its own; the others are chosen less often).
GROUND_FOR = {
    "medallion": ("rings", "rays", "bands"),
    "tree": ("arch", "bands", "lattice"),
    "registers": ("bands", "lattice", "arch"),
    "quartered": ("rays", "lattice", "rings"),
    "spiral": ("rings", "bands", "rays"),
    "scatter": ("lattice", "bands", "rays"),
}


# -- colour ---------------------------------------------------------------------------------


def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, max(0.0, min(1.0, s)), max(0.0, min(1.0, v)))
    return (int(r * 255), int(g * 255), int(b * 255))


class Palette:
    """The tapestry's dyes: a dark ground, vibrant field colours, gold thread, bone and ink."""

    def __init__(self, rng: random.Random):
        base = rng.random()
        scheme = rng.choice(((0.0, 0.08, 0.5, 0.58), (0.0, 0.33, 0.66, 0.12), (0.0, 0.45, 0.9, 0.1), (0.0, 0.15, 0.55, 0.75)))
        self.fields = [_hsv(base + offset + rng.uniform(-0.03, 0.03), rng.uniform(0.62, 0.9), rng.uniform(0.62, 0.92)) for offset in scheme]
        self.fields += [_hsv(base + scheme[1] + 0.5, rng.uniform(0.5, 0.75), rng.uniform(0.35, 0.5))]
        self.ground = _hsv(base + 0.55 + rng.uniform(-0.06, 0.06), rng.uniform(0.55, 0.8), rng.uniform(0.16, 0.26))
        self.gold = _hsv(0.11 + rng.uniform(-0.02, 0.02), 0.78, 0.93)
        self.bone = _hsv(0.1, 0.16, 0.95)
        self.ink = _hsv(base + 0.6, 0.55, 0.1)
        self.accent = _hsv(base + 0.97 + rng.uniform(-0.03, 0.03), 0.85, 0.78)

    def pick(self, rng: random.Random, avoid=None) -> tuple[int, int, int]:
        choices = [c for c in self.fields + [self.accent] if c != avoid]
        return rng.choice(choices)


@dataclass(frozen=True)
class Design:
    """What kind of work a seed's masterpiece is: its composition, symmetry, ground and weave."""

    composition: str  # one of COMPOSITIONS
    ground: str  # one of GROUNDS: how the colour fields flow behind the motifs
    weave: str  # one of WEAVES
    folds: int  # the symmetry's order: motifs round a medallion, quarters, branches, friezes

    @property
    def symmetry(self) -> str:
        return {"medallion": "radial", "tree": "mirror", "registers": "frieze", "quartered": "fourfold"}.get(self.composition, "none")


def design_for(seed: int) -> Design:
    """The seed's design (its own stream of the seed, so the palette stays the seed's)."""
    rng = random.Random(f"{seed}:composition")
    composition = rng.choice(COMPOSITIONS)
    grounds = GROUND_FOR[composition]
    ground = grounds[0] if rng.random() < 0.6 else rng.choice(grounds[1:])
    folds = {"medallion": rng.choice((6, 7, 8)), "tree": rng.choice((3, 4)), "registers": rng.choice((3, 5)),
             "quartered": 4, "spiral": rng.choice((2, 3)), "scatter": rng.choice((5, 6))}[composition]
    return Design(composition, ground, rng.choice(WEAVES), folds)


# -- smooth fields --------------------------------------------------------------------------


def _smooth_noise(rng: np.random.Generator, size: int, cells: int) -> np.ndarray:
    """Value noise 0..1 at size², from a cells² random grid scaled up bicubically."""
    coarse = rng.random((cells + 3, cells + 3)).astype(np.float32)
    scale = size / cells
    big = Image.fromarray(coarse).resize((int((cells + 3) * scale), int((cells + 3) * scale)), Image.BICUBIC)
    arr = np.asarray(big, dtype=np.float32)
    off = int(scale)
    return arr[off : off + size, off : off + size]


def _ground_field(ground: str, xs: np.ndarray, ys: np.ndarray, warp_a: np.ndarray, warp_b: np.ndarray, rng: random.Random) -> np.ndarray:
    """A smooth value over the canvas whose level lines are the edges between colour fields."""
    r = np.hypot(xs - 0.5, ys - 0.5)
    if ground == "rings":  # wavy stripes across the piece, bending into rings round the centre
        angle = rng.uniform(0, math.pi)
        fx, fy = math.cos(angle) * rng.uniform(0.9, 1.5), math.sin(angle) * rng.uniform(0.9, 1.5)
        stripes = (xs * fx + ys * fy) + warp_a * rng.uniform(0.8, 1.3)
        rings = r * rng.uniform(2.2, 3.2) + warp_b * 0.35
        bend = np.clip(1.2 - r * 2.4, 0.0, 1.0)
        return stripes * (1.0 - bend) + rings * bend
    if ground == "bands":  # straight-ish bands, across or down, gently waved
        across = rng.random() < 0.5
        along = ys if across else xs
        return along * rng.uniform(2.0, 3.2) + warp_a * rng.uniform(0.3, 0.6) + 0.08 * np.sin((xs if across else ys) * rng.uniform(9, 16))
    if ground == "lattice":  # diamonds, as in a woven lozenge pattern
        cells = rng.choice((3.0, 4.0, 5.0))
        u, v = (xs + ys) * cells, (xs - ys) * cells
        return np.abs(np.sin(u * math.pi)) * 0.6 + np.abs(np.sin(v * math.pi)) * 0.6 + warp_b * 0.3 + np.floor(u) * 0.5
    if ground == "arch":  # arches rising from the bottom edge, round the middle
        return np.hypot((xs - 0.5) * 1.3, ys - 1.05) * rng.uniform(2.4, 3.4) + warp_a * 0.3
    # rays: sectors fanning out of the centre, twisting a little outward
    sectors = rng.choice((8, 10, 12, 16))
    theta = np.arctan2(ys - 0.5, xs - 0.5)
    return (theta / (2 * math.pi) + 0.5) * sectors / 5.0 + r * rng.uniform(0.3, 0.9) + warp_b * 0.25


def _colour_fields(palette: Palette, nrng: np.random.Generator, rng: random.Random, size: int, ground: str):
    """Flowing fields of colour that interlock at their edges as a tapestry's hatching does.

    Worked out at half size (every detail of it spans two threads or more), then doubled;
    its value uint8 RGB (a generator: a step each few ms, see tapestry_in_steps).
    """
    full = size
    size = full // 2
    ys, xs = np.ogrid[0:size, 0:size]
    xs = (xs / size).astype(np.float32)
    ys = (ys / size).astype(np.float32)
    warp_a = _smooth_noise(nrng, size, 3)
    warp_b = _smooth_noise(nrng, size, 5)
    yield
    field = _ground_field(ground, xs, ys, warp_a, warp_b, rng)
    yield
    # Hatching: the field edges step in teeth two weft rows high, offset every other pair.
    rows = (np.arange(size) // THREAD) % 2  # THREAD half-size px = two threads
    cols = (np.arange(size) // THREAD) % 3
    teeth = (rows[:, None] * 0.5 + cols[None, :] / 3.0 - 0.5) * 0.05
    bands = len(palette.fields) + 1
    level = (field + teeth) * bands
    index = np.floor(level).astype(np.int32) % len(palette.fields)
    colours = np.array(palette.fields, dtype=np.float32)
    # Shade each field from its edges in (the dye lies thicker in the middle of a field),
    # mottle the dye, and outline with dark thread where one colour meets the next.
    yield
    within = level - np.floor(level)
    shade = (0.8 + 0.32 * np.sin(within * np.float32(math.pi))) * (0.88 + 0.18 * _smooth_noise(nrng, size, 40))
    yield
    edge = np.zeros((size, size), dtype=bool)
    edge[1:, :] |= index[1:, :] != index[:-1, :]
    edge[:, 1:] |= index[:, 1:] != index[:, :-1]
    shade[edge] *= 0.45
    image = np.clip(colours[index] * shade[:, :, None], 0, 255).astype(np.uint8)
    yield
    return image.repeat(2, axis=0).repeat(2, axis=1)[:full, :full]


# -- motifs ---------------------------------------------------------------------------------


def _outline(r: float) -> int:
    return max(1, int(round(r * OUTLINE_PER_RADIUS)))


def _rot(points, cx, cy, angle, scale=1.0):
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + (x * c - y * s) * scale, cy + (x * s + y * c) * scale) for x, y in points]


def _blob(draw: ImageDraw.ImageDraw, points, fill, ink, width):
    draw.polygon(points, fill=fill, outline=ink, width=width)


def _disc(draw, cx, cy, r, fill, ink=None, width=0):
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, outline=ink, width=width)


def _spiral_points(cx, cy, r, turns, phase=0.0, steps=None):
    steps = steps or int(26 * turns)
    return [
        (cx + r * (t / steps) * math.cos(phase + t / steps * turns * 2 * math.pi), cy + r * (t / steps) * math.sin(phase + t / steps * turns * 2 * math.pi))
        for t in range(steps + 1)
    ]


def draw_spiral(draw, cx, cy, r, colour, ink, turns=2.6, phase=0.0, width=None):
    width = width or max(1, int(round(r * 0.09)))
    points = _spiral_points(cx, cy, r, turns, phase)
    draw.line(points, fill=ink, width=width + max(2, width // 2 + 1), joint="curve")
    draw.line(points, fill=colour, width=width, joint="curve")


def draw_sun(draw, cx, cy, r, palette: Palette, rng: random.Random):
    ink, line = palette.ink, _outline(r)
    rays = rng.choice((12, 14, 16, 18))
    twist = rng.uniform(-0.25, 0.25)
    for i in range(rays):
        a = i * 2 * math.pi / rays
        half = math.pi / rays * 0.8
        length = r * (1.75 if i % 2 == 0 else 1.45)
        points = [
            (cx + r * 0.9 * math.cos(a - half), cy + r * 0.9 * math.sin(a - half)),
            (cx + length * math.cos(a + twist), cy + length * math.sin(a + twist)),
            (cx + r * 0.9 * math.cos(a + half), cy + r * 0.9 * math.sin(a + half)),
        ]
        _blob(draw, points, palette.gold if i % 2 == 0 else palette.accent, ink, line)
    _disc(draw, cx, cy, r, palette.gold, ink, line + 1)
    inner = r * 0.72
    _disc(draw, cx, cy, inner, palette.fields[0], ink, line)
    bead = max(1.0, r * 0.04)
    for i in range(24):  # a ring of small beads
        a = i * 2 * math.pi / 24
        _disc(draw, cx + r * 0.86 * math.cos(a), cy + r * 0.86 * math.sin(a), bead, palette.bone, ink, max(1, line // 2))
    draw_heart(draw, cx, cy, inner, palette, rng)


def draw_heart(draw, cx, cy, r, palette: Palette, rng: random.Random):
    """What a medallion, a cartouche or a rosette holds at its centre: a spiral, an eye, or rings."""
    ink = palette.ink
    heart = rng.choice(("spiral", "eye", "rings"))
    if heart == "spiral":
        draw_spiral(draw, cx, cy, r * 0.85, palette.gold, ink, turns=3.2, phase=rng.uniform(0, 6.28))
    elif heart == "eye":
        draw_eye(draw, cx, cy, r * 0.8, 0.0, palette, rng)
    else:
        colours = [palette.gold, palette.accent, palette.bone, palette.fields[2]]
        for k in range(5):
            _disc(draw, cx, cy, r * (0.82 - k * 0.16), colours[k % len(colours)], ink, max(1, _outline(r) - 1))


def draw_eye(draw, cx, cy, r, angle, palette: Palette, rng: random.Random):
    ink, line = palette.ink, _outline(r)
    upper = [(x * r, -math.sin((x + 1) / 2 * math.pi) * r * 0.55) for x in np.linspace(-1, 1, 24)]
    lower = [(x * r, math.sin((x + 1) / 2 * math.pi) * r * 0.5) for x in np.linspace(1, -1, 24)]
    _blob(draw, _rot(upper + lower, cx, cy, angle), palette.bone, ink, line)
    _disc(draw, cx, cy, r * 0.42, palette.pick(rng), ink, max(1, line - 1))
    _disc(draw, cx, cy, r * 0.18, ink)
    _disc(draw, cx - r * 0.15, cy - r * 0.15, r * 0.07, palette.bone)
    for i in range(7):  # lashes
        x = -0.75 + i * 0.25
        y = -math.sin((x + 1) / 2 * math.pi) * 0.55
        a, b = _rot([(x * r, y * r), (x * r * 1.15, (y - 0.28) * r)], cx, cy, angle)
        draw.line([a, b], fill=ink, width=max(1, int(round(r * 0.045))))


def draw_hand(draw, cx, cy, r, angle, palette: Palette, rng: random.Random):
    ink, line = palette.ink, _outline(r)
    skin = palette.pick(rng)
    palm = [(math.cos(t) * r * 0.55, math.sin(t) * r * 0.5 + r * 0.25) for t in np.linspace(0, 2 * math.pi, 28)]
    fingers = []
    for fx, length in ((-0.36, 0.85), (-0.12, 1.0), (0.12, 0.95), (0.36, 0.78)):
        w = r * 0.11
        tip_y = -r * length
        shape = [(fx * r - w, 0.0), (fx * r - w, tip_y + w)]
        shape += [(fx * r + math.cos(t) * w, tip_y + w - math.sin(t) * w) for t in np.linspace(math.pi, 0, 8)]
        shape += [(fx * r + w, 0.0)]
        fingers.append(shape)
    thumb = [(0.45 * r, 0.35 * r), (0.85 * r, -0.05 * r), (0.95 * r, -0.2 * r), (0.82 * r, -0.28 * r), (0.55 * r, 0.05 * r)]
    for shape in fingers + [thumb]:
        _blob(draw, _rot(shape, cx, cy, angle), skin, ink, line)
    _blob(draw, _rot(palm, cx, cy, angle), skin, ink, line)
    # An eye in the palm: the maker's hand that sees.
    ex, ey = _rot([(0, r * 0.28)], cx, cy, angle)[0]
    draw_eye(draw, ex, ey, r * 0.3, angle, palette, rng)


def draw_bird(draw, cx, cy, r, angle, palette: Palette, rng: random.Random, flip: bool):
    """A folk-art bird: round breast, head held high, a wing laid along the back, tail raised."""
    ink, line = palette.ink, _outline(r)
    sx = -1.0 if flip else 1.0
    body_colour, wing_colour = palette.pick(rng), palette.pick(rng)
    # Image y runs down: negative y is up.
    body = [(sx * (0.05 + 0.62 * math.cos(t)) * r, (0.1 + 0.4 * math.sin(t)) * r) for t in np.linspace(0, 2 * math.pi, 36)]
    tail = [(sx * -0.45 * r, 0.0), (sx * -1.15 * r, -0.7 * r), (sx * -0.95 * r, -0.35 * r), (sx * -1.2 * r, -0.25 * r), (sx * -0.5 * r, 0.25 * r)]
    head = (sx * 0.62 * r, -0.38 * r)
    hr = 0.27 * r
    head_shape = [(head[0] + hr * math.cos(t), head[1] + hr * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 20)]
    beak = [(head[0] + sx * 0.2 * r, head[1] - 0.08 * r), (head[0] + sx * 0.55 * r, head[1] + 0.05 * r), (head[0] + sx * 0.2 * r, head[1] + 0.12 * r)]
    wing = []
    for t in np.linspace(0, math.pi, 16):  # a teardrop along the back, point to the tail
        x = 0.35 - 0.95 * (t / math.pi)
        wing.append((sx * x * r, (0.02 - 0.3 * math.sin(t) * (1.0 - 0.5 * t / math.pi)) * r))
    for t in np.linspace(math.pi, 0, 12):
        x = 0.35 - 0.95 * (t / math.pi)
        wing.append((sx * x * r, (0.02 + 0.12 * math.sin(t)) * r))
    legs = max(1, int(round(r * 0.045)))
    for leg in (-0.05, 0.2):
        a, b = _rot([(sx * leg * r, 0.45 * r), (sx * (leg - 0.05) * r, 0.75 * r)], cx, cy, angle)
        draw.line([a, b], fill=ink, width=legs)
    for shape, fill in ((tail, wing_colour), (beak, palette.gold), (body, body_colour), (head_shape, body_colour), (wing, wing_colour)):
        _blob(draw, _rot(shape, cx, cy, angle), fill, ink, line)
    for k in range(3):  # feathers on the wing
        a, b = _rot([(sx * (0.15 - 0.22 * k) * r, -0.02 * r), (sx * (-0.05 - 0.22 * k) * r, -0.18 * r)], cx, cy, angle)
        draw.line([a, b], fill=ink, width=max(1, legs - 1))
    hx, hy = _rot([(head[0] + sx * 0.06 * r, head[1] - 0.03 * r)], cx, cy, angle)[0]
    e = max(1.5, r * 0.08)
    _disc(draw, hx, hy, e, palette.bone, ink, max(1, line // 2))
    _disc(draw, hx, hy, e * 0.45, ink)


def draw_rosette(draw, cx, cy, r, palette: Palette, rng: random.Random, petals: int | None = None):
    """A flower seen from above: a ring of pointed petals round a beaded heart."""
    ink, line = palette.ink, _outline(r)
    petals = petals or rng.choice((5, 6, 8))
    outer, inner = palette.pick(rng), palette.pick(rng)
    spin = rng.uniform(0, math.pi)
    for ring, colour, reach in ((0, outer, 1.0), (1, inner, 0.66)):
        for i in range(petals):
            a = spin + (i + 0.5 * ring) * 2 * math.pi / petals
            half = math.pi / petals * 0.9
            shape = [(cx, cy), (cx + r * reach * 0.7 * math.cos(a - half), cy + r * reach * 0.7 * math.sin(a - half)),
                     (cx + r * reach * math.cos(a), cy + r * reach * math.sin(a)),
                     (cx + r * reach * 0.7 * math.cos(a + half), cy + r * reach * 0.7 * math.sin(a + half))]
            _blob(draw, shape, colour, ink, line)
    _disc(draw, cx, cy, r * 0.3, palette.gold, ink, line)
    _disc(draw, cx, cy, r * 0.12, palette.bone)


def draw_star(draw, cx, cy, r, colour, palette: Palette, points: int = 8):
    shape = []
    for i in range(points * 2):
        a = i * math.pi / points - math.pi / 2
        reach = r if i % 2 == 0 else r * 0.45
        shape.append((cx + reach * math.cos(a), cy + reach * math.sin(a)))
    _blob(draw, shape, colour, palette.ink, _outline(r))


def draw_motif(draw, kind: str, x: float, y: float, r: float, angle: float, palette: Palette, rng: random.Random, flip: bool = False):
    """One of the tapestry's motifs by name, `r` px across from its centre."""
    if kind == "eye":
        draw_eye(draw, x, y, r * 1.05, angle, palette, rng)
    elif kind == "hand":
        draw_hand(draw, x, y, r, angle, palette, rng)
    elif kind == "bird":
        draw_bird(draw, x, y, r, angle * 0.3, palette, rng, flip)
    elif kind == "rosette":
        draw_rosette(draw, x, y, r * 0.9, palette, rng)
    elif kind == "star":
        draw_star(draw, x, y, r * 0.8, palette.gold, palette)
    else:
        draw_spiral(draw, x, y, r, palette.gold, palette.ink, turns=3.0, phase=angle)


# -- lines ----------------------------------------------------------------------------------


def _catmull_rom(points, samples=12):
    out = []
    pts = [points[0]] + list(points) + [points[-1]]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(samples):
            t = k / samples
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2 + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3) for j in range(2))
            )
    out.append(points[-1])
    return out


def _flowing_line(draw, points, colour, ink, width):
    width = max(1, int(round(width)))
    curve = _catmull_rom(points)
    draw.line(curve, fill=ink, width=width + max(2, int(width * 0.7)), joint="curve")
    draw.line(curve, fill=colour, width=width, joint="curve")


# -- compositions ---------------------------------------------------------------------------
# Each draws the motifs and lines of one kind of work over the colour fields, in image
# coordinates (y down), at `size` px (k = size / SIZE scales every fixed width).


class Canvas:
    """What every composition draws with: the pen, the size and its scale, the dyes, the seed's dice."""

    def __init__(self, draw: ImageDraw.ImageDraw, size: int, palette: Palette, rng: random.Random, design: Design):
        self.draw, self.size, self.palette, self.rng, self.design = draw, size, palette, rng, design
        self.k = size / SIZE
        self.c = size / 2

    def line(self, points, colour=None, width: float = GOLD_LINE) -> None:
        _flowing_line(self.draw, points, colour or self.palette.gold, self.palette.ink, width * self.k)

    def spirals(self, count: int, near: float, far: float, small: float = 0.02, large: float = 0.04) -> None:
        """Small spirals in the fields, `near`..`far` of the size from the centre."""
        rng, size, c = self.rng, self.size, self.c
        for _ in range(count):
            a = rng.uniform(0, 2 * math.pi)
            rr = size * rng.uniform(near, far)
            draw_spiral(self.draw, c + rr * math.cos(a), c + rr * math.sin(a), size * rng.uniform(small, large), self.palette.pick(rng), self.palette.ink, turns=rng.uniform(1.8, 3.0), phase=rng.uniform(0, 6.3))


def compose_medallion(cv: Canvas) -> None:
    """A sun in a beaded medallion, the motifs on a ring round it, gold lines joining them."""
    draw, rng, size, c, k, palette = cv.draw, cv.rng, cv.size, cv.c, cv.k, cv.palette
    count = cv.design.folds
    start = rng.uniform(0, 2 * math.pi)
    kinds = ["eye", "hand", "bird", "bird", "hand", "eye", "bird", "spiral"]
    rng.shuffle(kinds)
    places = []
    for i in range(count):
        a = start + i * 2 * math.pi / count + rng.uniform(-0.15, 0.15)
        rr = size * rng.uniform(0.3, 0.36)
        places.append((c + rr * math.cos(a), c + rr * math.sin(a), a, kinds[i % len(kinds)]))
    ink = palette.ink
    for radius, width, colour in ((0.305, 34, ink), (0.305, 26, palette.ground), (0.33, 3, palette.gold), (0.28, 3, palette.gold)):
        rr = size * radius
        draw.ellipse((c - rr, c - rr, c + rr, c + rr), outline=colour, width=max(1, int(width * k)))
    beads = rng.choice((24, 30, 36))
    for i in range(beads):
        a = i * 2 * math.pi / beads
        _disc(draw, c + size * 0.305 * math.cos(a), c + size * 0.305 * math.sin(a), (6 if i % 2 else 4) * k, palette.gold if i % 2 else palette.accent)
    for x, y, a, _ in places:  # from the sun out through each motif to the border
        bend = rng.uniform(-0.5, 0.5)
        mid = (c + (x - c) * 0.55 + math.cos(a + math.pi / 2) * 60 * bend * k, c + (y - c) * 0.55 + math.sin(a + math.pi / 2) * 60 * bend * k)
        end = (c + (x - c) * 1.45 + math.cos(a + 1.2) * 40 * k, c + (y - c) * 1.45 + math.sin(a + 1.2) * 40 * k)
        cv.line([(c, c), mid, (x, y), end])
    ring = [(x, y) for x, y, _, _ in places]
    loop = []
    for i in range(count):
        nxt = ring[(i + 1) % count]
        loop += [ring[i], ((ring[i][0] + nxt[0]) / 2 * 1.08 - c * 0.08 + rng.uniform(-30, 30) * k, (ring[i][1] + nxt[1]) / 2 * 1.08 - c * 0.08 + rng.uniform(-30, 30) * k)]
    cv.line(loop + [ring[0]], palette.bone, 5)
    for _ in range(3):  # long ribbons sweeping across the whole piece
        y0 = rng.uniform(0.1, 0.9) * size
        cv.line([(BORDER * k + i * (size - 2 * BORDER * k) / 5, y0 + rng.uniform(-0.18, 0.18) * size) for i in range(6)], palette.pick(rng), 6)
    cv.spirals(rng.randint(9, 14), 0.2, 0.45)
    for x, y, a, kind in places:
        draw_motif(draw, kind, x, y, size * 0.085, a + math.pi / 2 + rng.uniform(-0.4, 0.4) if kind == "hand" else rng.uniform(-0.3, 0.3), palette, rng, flip=x > c)
    draw_sun(draw, c, c, size * 0.12, palette, rng)


def compose_tree(cv: Canvas) -> None:
    """A tree of life up the middle, mirrored: branches paired left and right, birds on their
    tips facing in, roots below, and an eye in a rosette at the heart of the trunk."""
    draw, rng, size, c, k, palette = cv.draw, cv.rng, cv.size, cv.c, cv.k, cv.palette
    bark, leaf = palette.pick(rng), palette.pick(rng)
    base, crown = size * 0.9, size * 0.14
    sway = rng.uniform(-0.03, 0.03) * size
    trunk = [(c, base), (c + sway, size * 0.68), (c - sway, size * 0.42), (c, crown)]
    cv.line(trunk, bark, 34)
    cv.line(trunk, palette.gold, 8)
    for side in (-1, 1):  # roots
        cv.line([(c, base - 20 * k), (c + side * size * 0.12, base + 10 * k), (c + side * size * 0.26, base + 4 * k)], bark, 12)
    tiers = cv.design.folds
    perch = rng.choice(("bird", "bird", "rosette"))
    for tier in range(tiers):
        y = size * (0.76 - tier * 0.52 / max(1, tiers - 1))
        reach = size * rng.uniform(0.26, 0.34) * (1.0 - 0.25 * tier / tiers)
        lift = size * rng.uniform(0.06, 0.14)
        curl = rng.uniform(0.03, 0.07) * size
        for side in (-1, 1):  # mirrored: the same branch on both sides
            tip = (c + side * reach, y - lift)
            cv.line([(c, y + 10 * k), (c + side * reach * 0.5, y - lift * 0.2), tip, (tip[0] + side * curl, tip[1] + curl)], bark, 14)
            for leaf_at in (0.35, 0.65):
                lx, ly = c + side * reach * leaf_at, y - lift * leaf_at * 0.6
                _blob(draw, _rot([(0, 0), (side * 22 * k, -14 * k), (side * 46 * k, 0), (side * 22 * k, 12 * k)], lx, ly, -side * 0.5), leaf, palette.ink, max(1, int(3 * k)))
            if tier % 2 == 0 or perch == "rosette":
                draw_rosette(draw, tip[0], tip[1] - 8 * k, size * 0.05, palette, rng)
            else:
                draw_bird(draw, tip[0], tip[1] - size * 0.055, size * 0.06, 0.0, palette, rng, flip=side > 0)
    for side in (-1, 1):  # a pair of great birds at the foot, facing the trunk
        draw_bird(draw, c + side * size * 0.3, size * 0.8, size * 0.075, 0.0, palette, rng, flip=side > 0)
    draw_star(draw, c, crown - 10 * k, size * 0.05, palette.gold, palette)
    draw_rosette(draw, c, c, size * 0.095, palette, rng, petals=8)
    draw_eye(draw, c, c, size * 0.045, 0.0, palette, rng)


def compose_registers(cv: Canvas) -> None:
    """Friezes across the piece, one above the other: processions of birds, rows of eyes and
    hands, between ornamental stripes; the middle frieze holds one great motif."""
    draw, rng, size, c, k, palette = cv.draw, cv.rng, cv.size, cv.c, cv.k, cv.palette
    rows = cv.design.folds
    inner = BORDER * k * 1.4
    height = (size - 2 * inner) / rows
    kinds = ["bird", "eye", "hand", "rosette", "star", "spiral"]
    rng.shuffle(kinds)
    for row in range(rows + 1):  # the stripes between friezes
        y = inner + row * height
        draw.rectangle((inner, y - 7 * k, size - inner, y + 7 * k), fill=palette.ground)
        for x in np.arange(inner + 10 * k, size - inner, 26 * k):
            _blob(draw, [(x, y - 6 * k), (x + 9 * k, y), (x, y + 6 * k), (x - 9 * k, y)], palette.gold, palette.ink, max(1, int(2 * k)))
    middle = rows // 2
    for row in range(rows):
        y = inner + (row + 0.5) * height
        if row == middle:
            great = rng.choice(("eye", "hand", "sun"))
            if great == "sun":
                draw_sun(draw, c, y, height * 0.3, palette, rng)
            else:
                draw_motif(draw, great, c, y, height * 0.48, 0.0, palette, rng)
            for side in (-1, 1):  # flanked by a pair facing it
                draw_bird(draw, c + side * size * 0.3, y, height * 0.28, 0.0, palette, rng, flip=side > 0)
                draw_rosette(draw, c + side * size * 0.41, y - height * 0.18, height * 0.12, palette, rng)
            continue
        kind = kinds[row % len(kinds)]
        count = rng.choice((4, 5, 6))
        facing = rng.random() < 0.5
        for i in range(count):
            x = inner + (size - 2 * inner) * (i + 0.5) / count
            draw_motif(draw, kind, x, y, height * 0.32, 0.0, palette, rng, flip=facing)


def compose_quartered(cv: Canvas) -> None:
    """A lozenge in the middle, the field quartered round it: the same motif in each quarter,
    turned a quarter each time, reaching in toward the centre; spirals in the corners."""
    draw, rng, size, c, k, palette = cv.draw, cv.rng, cv.size, cv.c, cv.k, cv.palette
    diagonal = rng.random() < 0.5
    inner = BORDER * k * 1.2
    if diagonal:
        cv.line([(inner, inner), (c, c), (size - inner, size - inner)], palette.gold, 10)
        cv.line([(size - inner, inner), (c, c), (inner, size - inner)], palette.gold, 10)
    else:
        cv.line([(c, inner), (c, size - inner)], palette.gold, 10)
        cv.line([(inner, c), (size - inner, c)], palette.gold, 10)
    kind = rng.choice(("hand", "bird", "eye"))
    spin = math.pi / 4 if not diagonal else 0.0
    for quarter in range(4):
        a = spin + quarter * math.pi / 2
        x, y = c + size * 0.27 * math.cos(a), c + size * 0.27 * math.sin(a)
        draw_motif(draw, kind, x, y, size * 0.13, a - math.pi / 2 if kind == "hand" else a + math.pi / 2, palette, rng, flip=math.cos(a) > 0)
        cx2, cy2 = c + size * 0.39 * math.cos(a + math.pi / 4), c + size * 0.39 * math.sin(a + math.pi / 4)
        draw_spiral(draw, cx2, cy2, size * 0.06, palette.accent, palette.ink, turns=2.5, phase=a)
        for side in (-1, 1):  # small flowers on each side of the quarter's motif
            fx, fy = c + size * 0.36 * math.cos(a + side * 0.45), c + size * 0.36 * math.sin(a + side * 0.45)
            draw_rosette(draw, fx, fy, size * 0.035, palette, rng)
    half = size * 0.16
    _blob(draw, [(c, c - half), (c + half, c), (c, c + half), (c - half, c)], palette.ground, palette.ink, max(1, int(8 * k)))
    _blob(draw, [(c, c - half * 0.86), (c + half * 0.86, c), (c, c + half * 0.86), (c - half * 0.86, c)], palette.ground, palette.gold, max(1, int(3 * k)))
    draw_rosette(draw, c, c, half * 0.62, palette, rng, petals=4 * rng.choice((1, 2)))
    draw_heart(draw, c, c, half * 0.2, palette, rng)


def compose_spiral(cv: Canvas) -> None:
    """One great spiral unwinding from the centre, motifs strung along it, growing outward."""
    draw, rng, size, c, k, palette = cv.draw, cv.rng, cv.size, cv.c, cv.k, cv.palette
    turns = cv.design.folds - 0.4 + rng.uniform(0.0, 0.6)
    phase = rng.uniform(0, 2 * math.pi)
    sense = rng.choice((-1, 1))
    reach = size * 0.42
    path = []
    for step in range(0, 241):
        t = step / 240
        a = phase + sense * t * turns * 2 * math.pi
        r = size * 0.05 + reach * t
        path.append((c + r * math.cos(a), c + r * math.sin(a)))
    draw.line(path, fill=palette.ink, width=max(2, int(44 * k)), joint="curve")
    draw.line(path, fill=palette.gold, width=max(1, int(30 * k)), joint="curve")
    draw.line(path, fill=palette.accent, width=max(1, int(8 * k)), joint="curve")
    # A second, thinner thread winding between the turns.
    between = [(c + (x - c) * 0.82, c + (y - c) * 0.82) for x, y in path[40:]]
    draw.line(between, fill=palette.bone, width=max(1, int(6 * k)), joint="curve")
    cv.spirals(rng.randint(7, 11), 0.28, 0.47, 0.02, 0.04)
    kinds = ["bird", "eye", "rosette", "hand", "star", "bird"]
    rng.shuffle(kinds)
    t, index = 0.16, 0
    while t < 0.99:
        a = phase + sense * t * turns * 2 * math.pi
        r = size * 0.05 + reach * t
        motif_r = size * (0.04 + 0.07 * t)
        draw_motif(draw, kinds[index % len(kinds)], c + r * math.cos(a), c + r * math.sin(a), motif_r, a + math.pi / 2, palette, rng, flip=sense > 0)
        index += 1
        t += 2.1 * motif_r / (2 * math.pi * r * turns)  # the next motif a little more than its width along
    draw_rosette(draw, c, c, size * 0.09, palette, rng)
    draw_heart(draw, c, c, size * 0.035, palette, rng)


def compose_scatter(cv: Canvas) -> None:
    """Flowers, stars and little spirals scattered over the whole field, and in the middle an
    oval cartouche framed in gold holding one motif."""
    draw, rng, size, c, k, palette = cv.draw, cv.rng, cv.size, cv.c, cv.k, cv.palette
    grid = cv.design.folds
    inner = BORDER * k * 1.5
    step = (size - 2 * inner) / grid
    kinds = ("rosette", "star", "spiral", "rosette", "bird")
    for row in range(grid):
        for col in range(grid):
            x = inner + (col + 0.5 + rng.uniform(-0.2, 0.2)) * step
            y = inner + (row + 0.5 + rng.uniform(-0.2, 0.2)) * step
            if math.hypot((x - c) / 1.15, y - c) < size * 0.24:
                continue  # the cartouche's place
            draw_motif(draw, rng.choice(kinds), x, y, step * rng.uniform(0.3, 0.4), rng.uniform(-0.5, 0.5), palette, rng, flip=rng.random() < 0.5)
    rx, ry = size * 0.24, size * 0.2
    for grow, fill in ((1.0, palette.ink), (0.96, palette.gold), (0.9, palette.ink), (0.88, palette.fields[-1])):
        draw.ellipse((c - rx * grow, c - ry * grow, c + rx * grow, c + ry * grow), fill=fill)
    beads = 28
    for i in range(beads):
        a = i * 2 * math.pi / beads
        _disc(draw, c + rx * 0.93 * math.cos(a), c + ry * 0.93 * math.sin(a), 4 * k, palette.bone)
    for i in range(10):  # a wreath of leaves round the middle
        a = i * 2 * math.pi / 10
        draw_star(draw, c + rx * 0.7 * math.cos(a), c + ry * 0.7 * math.sin(a), size * 0.022, palette.accent, palette, 5)
    centre = rng.choice(("bird", "hand", "eye"))
    draw_motif(draw, centre, c, c, size * 0.12, 0.0, palette, rng)


COMPOSERS = {
    "medallion": compose_medallion,
    "tree": compose_tree,
    "registers": compose_registers,
    "quartered": compose_quartered,
    "spiral": compose_spiral,
    "scatter": compose_scatter,
}


# -- border and weave -----------------------------------------------------------------------


def _border(draw, size, palette: Palette, rng: random.Random):
    ink, ground = palette.ink, palette.ground
    k = size / SIZE
    b = BORDER * k
    for box in ((0, 0, size, b), (0, size - b, size, size), (0, 0, b, size), (size - b, 0, size, size)):
        draw.rectangle(box, fill=ground)
    colours = (palette.gold, palette.accent, palette.fields[1])
    step = 48 * k
    kind = rng.choice(("diamond", "wave", "bead"))
    line = max(1, int(round(3 * k)))
    positions = np.arange(b, size - b - step / 2, step)
    for i, pos in enumerate(positions):
        c = colours[i % len(colours)]
        mid = pos + step / 2
        for x, y in ((mid, b / 2), (mid, size - b / 2), (b / 2, mid), (size - b / 2, mid)):
            if kind == "diamond":
                draw.polygon([(x - 16 * k, y), (x, y - 14 * k), (x + 16 * k, y), (x, y + 14 * k)], fill=c, outline=ink, width=line)
                _disc(draw, x, y, 4 * k, palette.bone)
            elif kind == "wave":
                _disc(draw, x, y, 13 * k, c, ink, line)
                draw.arc((x - 7 * k, y - 7 * k, x + 7 * k, y + 7 * k), 0, 270, fill=ink, width=line)
            else:
                _disc(draw, x, y, 10 * k, c, ink, line)
                _disc(draw, x, y, 4 * k, palette.bone)
    for inset, colour in ((b - 6 * k, palette.gold), (b - 2 * k, ink)):
        draw.rectangle((inset, inset, size - inset, size - inset), outline=colour, width=line)


_weaves: dict[tuple[int, str], np.ndarray] = {}  # each size and pattern's, made once


def _weave(size: int, kind: str = "plain"):
    """Brightness of each pixel from the threads, each thread its own tone (a generator, its value
    the brightness: a step each few ms, see tapestry_in_steps).

    The loom's pattern is the seed's (plain: over one, under one; twill: diagonal ribs; basket:
    threads in pairs); each size and pattern is made once and kept. Old wool dims toward the edges.
    """
    made = _weaves.get((size, kind))
    if made is None:
        made = _weaves.setdefault((size, kind), (yield from _woven(size, kind)))
    return made


def _woven(size: int, kind: str):
    rng = np.random.default_rng(1024)
    idx = np.arange(size)
    along = idx % THREAD
    profile = np.array([0.74, 0.97, 1.03, 0.88, 0.8, 1.0, 1.02, 0.9][:THREAD], dtype=np.float32)
    weft_tone = (1.0 + rng.normal(0, 0.035, size // THREAD + 1).astype(np.float32))[idx // THREAD]
    warp_tone = (1.0 + rng.normal(0, 0.025, size // THREAD + 1).astype(np.float32))[idx // THREAD]
    weft = (profile[along] * weft_tone)[:, None]  # rows: horizontal threads
    warp = (profile[along] * warp_tone * 0.97)[None, :]  # columns: vertical threads
    row, col = idx[:, None] // THREAD, idx[None, :] // THREAD
    if kind == "twill":
        over = (row + col) % 4 < 2  # each row shifted one thread: diagonal ribs
    elif kind == "basket":
        over = (row // 2 + col // 2) % 2 == 0  # threads worked in pairs
    else:
        over = (row + col) % 2 == 0
        # Weft-faced: the weft shows most; the warp peeps through in a regular rhythm.
        over |= (row % 3 == 0) & (col % 2 == 0)
    shade = np.where(over, weft, warp).astype(np.float32)
    yield
    fibre = rng.normal(1.0, 0.035, (size, size)).astype(np.float32)
    yield
    c = size / 2
    r2 = ((idx[None, :] - c) ** 2 + (idx[:, None] - c) ** 2) / (c * c)
    return (shade * fibre * (1.0 - 0.16 * r2)).astype(np.float32)


# -- the painting ---------------------------------------------------------------------------


STROKES_A_STEP = 40  # strokes of the pen drawn in one step of tapestry_in_steps (a few ms)


class KeptStrokes:
    """A pen (an ImageDraw) whose strokes are kept, to be drawn later a few at a time: composing a
    picture (the seed's dice, where each shape goes) and drawing it become steps of their own."""

    def __init__(self, draw: ImageDraw.ImageDraw):
        self._draw = draw
        self.strokes: list[tuple] = []

    def __getattr__(self, name: str):
        method = getattr(self._draw, name)
        return lambda *args, **kwargs: self.strokes.append((method, args, kwargs))

    def drawn_in_steps(self, per_step: int):
        """Draw the strokes in the order made, `per_step` a step (a generator)."""
        for start in range(0, len(self.strokes), per_step):
            for method, args, kwargs in self.strokes[start : start + per_step]:
                method(*args, **kwargs)
            yield


def paint_tapestry(seed: int, size: int = SIZE) -> np.ndarray:
    """The masterpiece for a seed, as an (size, size, 3) uint8 array (row 0 at the top; kept: see game.render.keep)."""
    return painted(tapestry_in_steps(seed, size))


@kept_in_steps
def tapestry_in_steps(seed: int, size: int = SIZE):
    """paint_tapestry a step at a time (a generator, its value the picture): painted on the
    worker while the backstage's first frames are drawn, each step short (a few ms at 1024 px),
    so that the worker can rest between them (see game.render.ahead)."""
    rng = random.Random(f"{seed}:masterpiece")
    nrng = np.random.default_rng(rng.getrandbits(63))
    palette = Palette(rng)
    design = design_for(seed)
    canvas = Image.fromarray((yield from _colour_fields(palette, nrng, rng, size, design.ground)))
    pen = KeptStrokes(ImageDraw.Draw(canvas))
    COMPOSERS[design.composition](Canvas(pen, size, palette, rng, design))
    _border(pen, size, palette, rng)
    yield
    yield from pen.drawn_in_steps(STROKES_A_STEP)
    pixels = np.asarray(canvas, dtype=np.float32)
    yield
    weave = yield from _weave(size, design.weave)
    pixels *= weave[:, :, None]
    np.clip(pixels, 0, 255, out=pixels)
    return pixels.astype(np.uint8)


# -- the flaw over it (CPU, for small pictures) ---------------------------------------------


def flaw_field(flaw, size: int, t: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """How dark the flaw makes each pixel (size², 0..1) and the colour it darkens toward.

    The same blot model the close-up's shader draws, without its animation.
    """
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    u = (xs + 0.5) / size
    v = 1.0 - (ys + 0.5) / size  # canvas v is up
    keep = np.ones((size, size), dtype=np.float32)
    colour = np.zeros((size, size, 3), dtype=np.float32)
    weight = np.full((size, size), 1e-6, dtype=np.float32)
    for i, blot in enumerate(flaw.blots):
        du, dv = u - blot.u, v - blot.v
        c, s = math.cos(-blot.angle), math.sin(-blot.angle)
        lx, ly = du * c - dv * s, du * s + dv * c
        r = np.sqrt((lx / blot.stretch) ** 2 + ly * ly) / max(blot.radius, 1e-6)
        ragged = 1.0 + 0.18 * np.sin(np.arctan2(ly, lx) * (5 + i % 4) + i * 1.7)
        r = r * ragged
        density = np.clip((1.25 - r) / 0.7, 0.0, 1.0)
        if blot.kind == "ring":
            density = np.maximum(density * 0.55, np.clip(1.0 - np.abs(r - 0.95) / 0.25, 0, 1))
        d = density * blot.darkness
        keep *= 1.0 - d
        colour += np.asarray(blot.colour, dtype=np.float32) * d[:, :, None]
        weight += d
    dark = 1.0 - keep
    return dark, colour / weight[:, :, None]


def flawed(base: np.ndarray, flaw) -> np.ndarray:
    """The picture with the flaw over it (same size as `base`)."""
    size = base.shape[0]
    dark, colour = flaw_field(flaw, size)
    out = base.astype(np.float32) * (1.0 - dark[:, :, None] * 0.93) + colour * 0.4 * dark[:, :, None]
    return np.clip(out, 0, 255).astype(np.uint8)


class MasterpieceArt:
    """The masterpiece of one seed: made once, then shown large, small, flawed."""

    def __init__(self, seed: int, size: int = SIZE, pixels: np.ndarray | None = None):
        self.seed = int(seed)
        self.size = size
        self.pixels = paint_tapestry(self.seed, size) if pixels is None else pixels  # rows top-down, RGB uint8
        self._texture = None
        self._small: dict = {}

    def image(self) -> Image.Image:
        return Image.fromarray(self.pixels)

    def texture(self):
        """The full picture as an arcade Texture (made once)."""
        if self._texture is None:
            self._texture = arcade.Texture(self.image().convert("RGBA"), hash=f"masterpiece-{self.seed}-{self.size}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)
        return self._texture

    def small(self, size: int = 128) -> np.ndarray:
        if size not in self._small:
            self._small[size] = np.asarray(self.image().resize((size, size), Image.LANCZOS))
        return self._small[size]

    def flawed_image(self, flaw, size: int = 128) -> Image.Image:
        """A small picture with the flaw drawn in (for the easel in the room)."""
        return Image.fromarray(flawed(self.small(size), flaw))


ARTS_KEPT = 2  # full-size masterpieces kept made (the last seeds')
_arts: OrderedDict[int, MasterpieceArt] = OrderedDict()
_arts_lock = threading.Lock()  # (made on the worker, asked for on the main thread)


def art_for(seed: int) -> MasterpieceArt:
    """The full-size masterpiece of a seed, made once and shared by every view of it."""
    return painted(art_in_steps(seed))


def art_in_steps(seed: int):
    """art_for a step at a time (a generator, its value the art): none if it is made already."""
    seed = int(seed)
    with _arts_lock:
        art = _arts.get(seed)
    if art is None:
        art = MasterpieceArt(seed, pixels=(yield from tapestry_in_steps(seed, SIZE)))
    with _arts_lock:
        art = _arts.setdefault(seed, art)  # (the one made first, were it made twice at once)
        _arts.move_to_end(seed)
        while len(_arts) > ARTS_KEPT:
            _arts.popitem(last=False)
    return art


EASEL_ART_SIZE = 256  # px: the easel's picture is painted small (it is a few pixels in the room)
EASEL_MARGIN = 3  # px of easel wood left round the picture


class EaselPicture:
    """The small masterpiece on its easel in the room; repainted when the flaw worsens."""

    def __init__(self, world, rect):
        self.seed = world.seed
        self.art = MasterpieceArt(world.seed, EASEL_ART_SIZE)  # painted small: quick to make
        self.side = max(4, int(min(rect.width, rect.height) - 2 * EASEL_MARGIN))
        self.sprite = arcade.Sprite(self._texture(world.flaw))
        # On the upper part of the easel: the lower part is its legs and ledge.
        self.sprite.position = (rect.x + rect.width / 2, rect.y + rect.height - EASEL_MARGIN - self.side / 2)
        self.sprite.width = self.sprite.height = self.side
        self.key = self._key(world.flaw)

    @staticmethod
    def _key(flaw) -> tuple:
        return (flaw.worsenings, round(flaw.recompose, 1))

    def _texture(self, flaw):
        image = self.art.flawed_image(flaw, 64).convert("RGBA")
        return arcade.Texture(image, hash=f"easel-art-{self.seed}-{self._key(flaw)}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)

    def update(self, world) -> None:
        key = self._key(world.flaw)
        if key != self.key:
            self.key = key
            self.sprite.texture = self._texture(world.flaw)
            self.sprite.width = self.sprite.height = self.side
