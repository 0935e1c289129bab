"""The masterpiece: a woven tapestry painted by code from the seed, and the flaw drawn over it.

``paint_tapestry(seed)`` makes the 1024² picture once (numpy and PIL, no GL): flowing colour
fields with hatched, interlocking edges, gold lines that join the motifs (a sun, eyes, hands,
birds, spirals), a woven border, and the warp and weft over all of it. ``MasterpieceArt``
keeps it and hands out an arcade texture, a small picture for the easel, and a CPU version of
the flaw overlay (``flawed_image``) for small views; the close-up draws the flaw with a shader
(``game.render.closeup``) from the same blot model.
"""

from __future__ import annotations

import colorsys
import math
import random
from functools import lru_cache

import arcade
import numpy as np
from PIL import Image, ImageDraw

SIZE = 1024  # px a side of the woven picture
THREAD = 4  # px per thread of warp and weft
BORDER = 44  # px of woven border around the picture
OUTLINE = 5  # px of the dark outline round every motif
GOLD_LINE = 7  # px of the flowing gold lines (plus their dark edging)


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


# -- smooth fields --------------------------------------------------------------------------


def _smooth_noise(rng: np.random.Generator, size: int, cells: int) -> np.ndarray:
    """Value noise 0..1 at size², from a cells² random grid scaled up bicubically."""
    coarse = rng.random((cells + 3, cells + 3)).astype(np.float32)
    scale = size / cells
    big = Image.fromarray(coarse).resize((int((cells + 3) * scale), int((cells + 3) * scale)), Image.BICUBIC)
    arr = np.asarray(big, dtype=np.float32)
    off = int(scale)
    return arr[off : off + size, off : off + size]


def _colour_fields(palette: Palette, nrng: np.random.Generator, rng: random.Random, size: int) -> np.ndarray:
    """Flowing bands of colour that interlock at their edges as a tapestry's hatching does.

    Worked out at half size (every detail of it spans two threads or more), then doubled.
    """
    full = size
    size = full // 2
    ys, xs = np.ogrid[0:size, 0:size]
    xs = (xs / size).astype(np.float32)
    ys = (ys / size).astype(np.float32)
    warp_a = _smooth_noise(nrng, size, 3)
    warp_b = _smooth_noise(nrng, size, 5)
    angle = rng.uniform(0, math.pi)
    fx, fy = math.cos(angle) * rng.uniform(0.9, 1.5), math.sin(angle) * rng.uniform(0.9, 1.5)
    r = np.hypot(xs - 0.5, ys - 0.5)
    # Wavy stripes across the piece, bending into rings round the centre.
    stripes = (xs * fx + ys * fy) + warp_a * rng.uniform(0.8, 1.3)
    rings = r * rng.uniform(2.2, 3.2) + warp_b * 0.35
    bend = np.clip(1.2 - r * 2.4, 0.0, 1.0)
    field = stripes * (1.0 - bend) + rings * bend
    # Hatching: the band edges step in teeth two weft rows high, offset every other pair.
    rows = (np.arange(size) // THREAD) % 2  # THREAD half-size px = two threads
    cols = (np.arange(size) // THREAD) % 3
    teeth = (rows[:, None] * 0.5 + cols[None, :] / 3.0 - 0.5) * 0.05
    bands = len(palette.fields) + 1
    level = (field + teeth) * bands
    index = np.floor(level).astype(np.int32) % len(palette.fields)
    colours = np.array(palette.fields, dtype=np.float32)
    # Shade each band from its edges in (the dye lies thicker in the middle of a field),
    # mottle the dye, and outline with dark thread where one colour meets the next.
    within = level - np.floor(level)
    shade = (0.8 + 0.32 * np.sin(within * np.float32(math.pi))) * (0.88 + 0.18 * _smooth_noise(nrng, size, 40))
    edge = np.zeros((size, size), dtype=bool)
    edge[1:, :] |= index[1:, :] != index[:-1, :]
    edge[:, 1:] |= index[:, 1:] != index[:, :-1]
    shade[edge] *= 0.45
    image = colours[index] * shade[:, :, None]
    return image.repeat(2, axis=0).repeat(2, axis=1)[:full, :full]


# -- motifs ---------------------------------------------------------------------------------


def _rot(points, cx, cy, angle, scale=1.0):
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + (x * c - y * s) * scale, cy + (x * s + y * c) * scale) for x, y in points]


def _blob(draw: ImageDraw.ImageDraw, points, fill, ink, width=OUTLINE):
    draw.polygon(points, fill=fill, outline=ink, width=width)


def _spiral_points(cx, cy, r, turns, phase=0.0, steps=None):
    steps = steps or int(26 * turns)
    return [
        (cx + r * (t / steps) * math.cos(phase + t / steps * turns * 2 * math.pi), cy + r * (t / steps) * math.sin(phase + t / steps * turns * 2 * math.pi))
        for t in range(steps + 1)
    ]


def draw_spiral(draw, cx, cy, r, colour, ink, turns=2.6, phase=0.0, width=6):
    points = _spiral_points(cx, cy, r, turns, phase)
    draw.line(points, fill=ink, width=width + 4, joint="curve")
    draw.line(points, fill=colour, width=width, joint="curve")


def draw_sun(draw, cx, cy, r, palette: Palette, rng: random.Random):
    ink = palette.ink
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
        _blob(draw, points, palette.gold if i % 2 == 0 else palette.accent, ink)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=palette.gold, outline=ink, width=OUTLINE + 1)
    inner = r * 0.72
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=palette.fields[0], outline=ink, width=OUTLINE)
    # A ring of small beads, then a spiral heart.
    for i in range(24):
        a = i * 2 * math.pi / 24
        bx, by = cx + r * 0.86 * math.cos(a), cy + r * 0.86 * math.sin(a)
        draw.ellipse((bx - 5, by - 5, bx + 5, by + 5), fill=palette.bone, outline=ink, width=2)
    heart = rng.choice(("spiral", "eye", "rings"))  # what the sun holds at its centre
    if heart == "spiral":
        draw_spiral(draw, cx, cy, inner * 0.85, palette.gold, ink, turns=3.2, phase=rng.uniform(0, 6.28), width=7)
    elif heart == "eye":
        draw_eye(draw, cx, cy, inner * 0.8, 0.0, palette, rng)
    else:
        colours = [palette.gold, palette.accent, palette.bone, palette.fields[2]]
        for k in range(5):
            rr = inner * (0.82 - k * 0.16)
            draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), fill=colours[k % len(colours)], outline=ink, width=4)


def draw_eye(draw, cx, cy, r, angle, palette: Palette, rng: random.Random):
    ink = palette.ink
    upper = [(x * r, -math.sin((x + 1) / 2 * math.pi) * r * 0.55) for x in np.linspace(-1, 1, 24)]
    lower = [(x * r, math.sin((x + 1) / 2 * math.pi) * r * 0.5) for x in np.linspace(1, -1, 24)]
    outline = _rot(upper + lower, cx, cy, angle)
    _blob(draw, outline, palette.bone, ink)
    iris = r * 0.42
    draw.ellipse((cx - iris, cy - iris, cx + iris, cy + iris), fill=palette.pick(rng), outline=ink, width=OUTLINE - 1)
    pupil = r * 0.18
    draw.ellipse((cx - pupil, cy - pupil, cx + pupil, cy + pupil), fill=ink)
    glint = r * 0.07
    gx, gy = cx - iris * 0.35, cy - iris * 0.35
    draw.ellipse((gx - glint, gy - glint, gx + glint, gy + glint), fill=palette.bone)
    for i in range(7):  # lashes
        x = -0.75 + i * 0.25
        y = -math.sin((x + 1) / 2 * math.pi) * 0.55
        a, b = _rot([(x * r, y * r), (x * r * 1.15, (y - 0.28) * r)], cx, cy, angle)
        draw.line([a, b], fill=ink, width=4)


def draw_hand(draw, cx, cy, r, angle, palette: Palette, rng: random.Random):
    ink = palette.ink
    skin = palette.pick(rng)
    palm = [(math.cos(t) * r * 0.55, math.sin(t) * r * 0.5 + r * 0.25) for t in np.linspace(0, 2 * math.pi, 28)]
    fingers = []
    for i, (fx, length) in enumerate(((-0.36, 0.85), (-0.12, 1.0), (0.12, 0.95), (0.36, 0.78))):
        w = r * 0.11
        base_y = r * 0.0
        tip_y = -r * length
        shape = [(fx * r - w, base_y), (fx * r - w, tip_y + w)]
        shape += [(fx * r + math.cos(t) * w, tip_y + w - math.sin(t) * w) for t in np.linspace(math.pi, 0, 8)]
        shape += [(fx * r + w, base_y)]
        fingers.append(shape)
    thumb = [(0.45 * r, 0.35 * r), (0.85 * r, -0.05 * r), (0.95 * r, -0.2 * r), (0.82 * r, -0.28 * r), (0.55 * r, 0.05 * r)]
    for shape in fingers + [thumb]:
        _blob(draw, _rot(shape, cx, cy, angle), skin, ink)
    _blob(draw, _rot(palm, cx, cy, angle), skin, ink)
    # An eye in the palm: the maker's hand that sees.
    ex, ey = _rot([(0, r * 0.28)], cx, cy, angle)[0]
    draw_eye(draw, ex, ey, r * 0.3, angle, palette, rng)


def draw_bird(draw, cx, cy, r, angle, palette: Palette, rng: random.Random, flip: bool):
    """A folk-art bird: round breast, head held high, a wing laid along the back, tail raised."""
    ink = palette.ink
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
    for leg in (-0.05, 0.2):
        a, b = _rot([(sx * leg * r, 0.45 * r), (sx * (leg - 0.05) * r, 0.75 * r)], cx, cy, angle)
        draw.line([a, b], fill=ink, width=4)
    for shape, fill in ((tail, wing_colour), (beak, palette.gold), (body, body_colour), (head_shape, body_colour), (wing, wing_colour)):
        _blob(draw, _rot(shape, cx, cy, angle), fill, ink)
    for k in range(3):  # feathers on the wing
        a, b = _rot([(sx * (0.15 - 0.22 * k) * r, -0.02 * r), (sx * (-0.05 - 0.22 * k) * r, -0.18 * r)], cx, cy, angle)
        draw.line([a, b], fill=ink, width=3)
    hx, hy = _rot([(head[0] + sx * 0.06 * r, head[1] - 0.03 * r)], cx, cy, angle)[0]
    e = max(3.0, r * 0.08)
    draw.ellipse((hx - e, hy - e, hx + e, hy + e), fill=palette.bone, outline=ink, width=2)
    draw.ellipse((hx - e * 0.45, hy - e * 0.45, hx + e * 0.45, hy + e * 0.45), fill=ink)


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


def _flowing_line(draw, points, colour, ink, width=GOLD_LINE):
    curve = _catmull_rom(points)
    draw.line(curve, fill=ink, width=width + 5, joint="curve")
    draw.line(curve, fill=colour, width=width, joint="curve")


# -- border and weave -----------------------------------------------------------------------


def _border(draw, size, palette: Palette, rng: random.Random):
    ink, ground = palette.ink, palette.ground
    b = BORDER
    for box in ((0, 0, size, b), (0, size - b, size, size), (0, 0, b, size), (size - b, 0, size, size)):
        draw.rectangle(box, fill=ground)
    colours = (palette.gold, palette.accent, palette.fields[1])
    step = 48
    kind = rng.choice(("diamond", "wave"))
    for i, pos in enumerate(range(b, size - b, step)):
        c = colours[i % len(colours)]
        mid = pos + step / 2
        for along, across in (((mid, b / 2), None), ((mid, size - b / 2), None), ((b / 2, mid), None), ((size - b / 2, mid), None)):
            x, y = along
            if kind == "diamond":
                pts = [(x - 16, y), (x, y - 14), (x + 16, y), (x, y + 14)]
                draw.polygon(pts, fill=c, outline=ink, width=3)
                draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=palette.bone)
            else:
                draw.ellipse((x - 13, y - 13, x + 13, y + 13), fill=c, outline=ink, width=3)
                draw.arc((x - 7, y - 7, x + 7, y + 7), 0, 270, fill=ink, width=3)
    for inset in (b - 6, b - 2):
        draw.rectangle((inset, inset, size - inset, size - inset), outline=palette.gold if inset == b - 6 else ink, width=3)


@lru_cache(maxsize=4)
def _weave(size: int) -> np.ndarray:
    """Brightness of each pixel from the threads: plain weave, each thread its own tone.

    The same loom for every seed (made once and kept); old wool dims toward the edges.
    """
    rng = np.random.default_rng(1024)
    idx = np.arange(size)
    along = idx % THREAD
    profile = np.array([0.74, 0.97, 1.03, 0.88, 0.8, 1.0, 1.02, 0.9][:THREAD], dtype=np.float32)
    weft_tone = (1.0 + rng.normal(0, 0.035, size // THREAD + 1).astype(np.float32))[idx // THREAD]
    warp_tone = (1.0 + rng.normal(0, 0.025, size // THREAD + 1).astype(np.float32))[idx // THREAD]
    weft = (profile[along] * weft_tone)[:, None]  # rows: horizontal threads
    warp = (profile[along] * warp_tone * 0.97)[None, :]  # columns: vertical threads
    over = ((idx[:, None] // THREAD) + (idx[None, :] // THREAD)) % 2 == 0
    # Weft-faced: the weft shows most; the warp peeps through in a regular rhythm.
    over |= ((idx[:, None] // THREAD) % 3 == 0) & ((idx[None, :] // THREAD) % 2 == 0)
    shade = np.where(over, weft, warp).astype(np.float32)
    fibre = rng.normal(1.0, 0.035, (size, size)).astype(np.float32)
    c = size / 2
    r2 = ((idx[None, :] - c) ** 2 + (idx[:, None] - c) ** 2) / (c * c)
    return (shade * fibre * (1.0 - 0.16 * r2)).astype(np.float32)


# -- the painting ---------------------------------------------------------------------------


def paint_tapestry(seed: int, size: int = SIZE) -> np.ndarray:
    """The masterpiece for a seed, as an (size, size, 3) uint8 array (row 0 at the top)."""
    rng = random.Random(f"{seed}:masterpiece")
    nrng = np.random.default_rng(rng.getrandbits(63))
    palette = Palette(rng)
    k = size / SIZE
    image = _colour_fields(palette, nrng, rng, size)
    canvas = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(canvas)

    c = size / 2
    # The motifs round the sun, on a loose ring; spirals fill the gaps.
    count = rng.choice((6, 7, 8))
    start = rng.uniform(0, 2 * math.pi)
    kinds = ["eye", "hand", "bird", "bird", "hand", "eye", "bird", "spiral"]
    rng.shuffle(kinds)
    places = []
    for i in range(count):
        a = start + i * 2 * math.pi / count + rng.uniform(-0.15, 0.15)
        rr = size * rng.uniform(0.3, 0.36)
        places.append((c + rr * math.cos(a), c + rr * math.sin(a), a, kinds[i % len(kinds)]))

    ink = palette.ink
    # The medallion: a dark ring round the sun, edged with gold, set with beads.
    for radius, width, colour in ((0.305, int(34 * k), ink), (0.305, int(26 * k), palette.ground), (0.33, int(3 * k) or 1, palette.gold), (0.28, int(3 * k) or 1, palette.gold)):
        rr = size * radius
        draw.ellipse((c - rr, c - rr, c + rr, c + rr), outline=colour, width=width)
    beads = rng.choice((24, 30, 36))
    for i in range(beads):
        a = i * 2 * math.pi / beads
        bx, by = c + size * 0.305 * math.cos(a), c + size * 0.305 * math.sin(a)
        br = (6 if i % 2 else 4) * k
        draw.ellipse((bx - br, by - br, bx + br, by + br), fill=palette.gold if i % 2 else palette.accent)
    # Flowing gold lines: from the sun out through each motif to the border, and a ring
    # joining the motifs to one another.
    ink = palette.ink
    for x, y, a, _ in places:
        bend = rng.uniform(-0.5, 0.5)
        mid = (c + (x - c) * 0.55 + math.cos(a + math.pi / 2) * 60 * bend * k, c + (y - c) * 0.55 + math.sin(a + math.pi / 2) * 60 * bend * k)
        end = (c + (x - c) * 1.45 + math.cos(a + 1.2) * 40 * k, c + (y - c) * 1.45 + math.sin(a + 1.2) * 40 * k)
        _flowing_line(draw, [(c, c), mid, (x, y), end], palette.gold, ink, int(GOLD_LINE * k) or 2)
    ring = [(x, y) for x, y, _, _ in places]
    wobble = [((ring[i][0] + ring[(i + 1) % count][0]) / 2 * 1.08 - c * 0.08 + rng.uniform(-30, 30) * k, (ring[i][1] + ring[(i + 1) % count][1]) / 2 * 1.08 - c * 0.08 + rng.uniform(-30, 30) * k) for i in range(count)]
    loop = []
    for i in range(count):
        loop += [ring[i], wobble[i]]
    loop += [ring[0]]
    _flowing_line(draw, loop, palette.bone, ink, int(5 * k) or 2)
    # Long ribbons sweeping across the whole piece.
    for _ in range(3):
        y0 = rng.uniform(0.1, 0.9) * size
        pts = [(BORDER * k + i * (size - 2 * BORDER * k) / 5, y0 + rng.uniform(-0.18, 0.18) * size) for i in range(6)]
        _flowing_line(draw, pts, palette.pick(rng), ink, int(6 * k) or 2)

    for _ in range(rng.randint(9, 14)):  # small spirals in the fields
        a = rng.uniform(0, 2 * math.pi)
        rr = size * rng.uniform(0.2, 0.45)
        sx, sy = c + rr * math.cos(a), c + rr * math.sin(a)
        draw_spiral(draw, sx, sy, size * rng.uniform(0.02, 0.04), palette.pick(rng), ink, turns=rng.uniform(1.8, 3.0), phase=rng.uniform(0, 6.3), width=int(4 * k) or 1)

    motif_r = size * 0.085
    for x, y, a, kind in places:
        tilt = a + math.pi / 2 + rng.uniform(-0.4, 0.4)
        if kind == "eye":
            draw_eye(draw, x, y, motif_r * 1.05, rng.uniform(-0.3, 0.3), palette, rng)
        elif kind == "hand":
            draw_hand(draw, x, y, motif_r, tilt, palette, rng)
        elif kind == "bird":
            draw_bird(draw, x, y, motif_r, rng.uniform(-0.35, 0.35), palette, rng, flip=x > c)
        else:
            draw_spiral(draw, x, y, motif_r, palette.gold, ink, turns=3.0, phase=a, width=int(8 * k) or 2)

    draw_sun(draw, c, c, size * 0.12, palette, rng)
    _border(draw, size, palette, rng)

    pixels = np.asarray(canvas, dtype=np.float32)
    pixels *= _weave(size)[:, :, None]
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

    def __init__(self, seed: int, size: int = SIZE):
        self.seed = int(seed)
        self.size = size
        self.pixels = paint_tapestry(self.seed, size)  # rows top-down, RGB uint8
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


@lru_cache(maxsize=2)
def art_for(seed: int) -> MasterpieceArt:
    """The full-size masterpiece of a seed, made once and shared by every view of it."""
    return MasterpieceArt(seed)


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
