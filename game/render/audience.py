"""The grand hall of the reveal, seen from among the audience: hundreds of silhouettes against a warm stage, drawn in one batch.

Painted once with PIL (hall, balcony boxes and their fronts, proscenium, stage, curtain, the
dreamer's body, arms and hands; the silhouettes' few shapes at every seat's own size, ahead of
the beat), then per frame only the moment changes: the curtain rises, the hall claps and stands
as the simulated applause swells (the crowd posed on the GPU, ``game.render.crowd``), people
lean over the balcony rails, and the dreamer grips the masterpiece's frame in both hands and
lifts it into a warm spotlight. With the house lights on (``lights_on``) the same hall is
stark under cold white light: every seat empty and hard-shadowed, the dreamer alone on the
bare stage still holding the picture.
"""

from __future__ import annotations

import math
import random

import arcade
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from game.render.ahead import ahead, built_in_steps, idle, made, painted, started
from game.render.atlas import filled_atlas
from game.render.crowd import BOB_PX, FIELDS, NEVER, STAND_PX, Crowd
from game.render.fullscreen import Backdrop, Wash, fills_window, picture_framebuffer
from game.render.overlay import Overlay
from game.render.recollection import masterpiece_memory, paint_memory_ahead
from game.render.glow import soft_texture
from game.render.masterpiece import art_in_steps
from game.sim.audience import SEATS

VIEW = (1280, 720)  # the hall is painted for this size and scaled to the window
ROWS = 18  # rows of seats between the camera and the stage
STAGE_LIP_Y = 300  # px from the bottom: where the stage floor meets the hall
ARCH = (250, 300, 1030, 690)  # the proscenium opening (left, bottom, right, top), px
VELVET = (122, 18, 30)
GOLD = (200, 156, 80)
WARM_LIGHT = (255, 196, 120)
HOUSE_LIGHT = (236, 244, 255)  # the house lights: cold, hard, everywhere
# Balcony boxes, three tiers each side (px, from the bottom of the view).
BOX_TIERS = 3
BOX_BOTTOM, BOX_TIER_PX, BOX_HEIGHT, RAIL_HEIGHT = 330, 110, 92, 40
BOX_SPANS = ((20, ARCH[0] - 60), (ARCH[2] + 60, VIEW[0] - 20))
BOX_SEATS = 8
STEP_SEATS = 60  # the crowd's pictures are painted a step of this many seats at a time (see crowd_pictures)
# The dreamer on the stage, gripping the frame (px in the view).
FEET_Y = ARCH[1] + 16
BODY_PX = 200  # the dreamer's height
FRAME_PX = 130  # the masterpiece in its frame, a side
SHOULDER = (30, 145)  # px from the feet's middle: each shoulder (left and right)
FRAME_REST_Y = 92  # the frame's middle above the feet, held at the chest...
FRAME_HIGH_Y = 262  # ...and lifted over the head
GRIP = (FRAME_PX / 2 - 4, -0.26 * FRAME_PX)  # each hand on the frame: out to its side, below its middle


def _texture(image: Image.Image, name: str) -> arcade.Texture:
    return arcade.Texture(image, hash=name, hit_box_algorithm=arcade.hitbox.algo_bounding_box)


def paint_hall(lit: bool) -> Image.Image:
    """The hall, stage and proscenium behind the audience (no curtain, no people)."""
    w, h = VIEW
    top = 1.0 - np.arange(h, dtype=np.float32)[:, None] / h  # the wall darkens downward: a column of it, the same across
    base, rise = ((150, 152, 160), (66, 66, 68)) if lit else ((40, 14, 20), (30, 10, 12))  # lit: cold, flat, every corner lit
    column = np.clip(np.array(base, np.float32) + np.array(rise, np.float32) * top, 0, 255).astype(np.uint8)
    image = Image.fromarray(column[:, None, :]).resize(VIEW, Image.Resampling.NEAREST)  # (spread across: far quicker than numpy's copy)
    draw = ImageDraw.Draw(image)
    l, b, r, t = ARCH
    # Stage: back wall and boards, lit warm from above.
    stage_back = (96, 60, 40) if not lit else (226, 224, 218)
    draw.rectangle([l, h - t, r, h - b], fill=stage_back)
    for i in range(0, r - l, 18):
        shade = 14 if (i // 18) % 2 else 0
        draw.line([l + i, h - b - 40, l + i, h - b], fill=tuple(max(0, c - shade) for c in (140, 92, 56)), width=1)
    draw.rectangle([l - 40, h - b, r + 40, h - b + 26], fill=(70, 42, 30) if not lit else (150, 110, 80))
    # Balcony boxes on both sides, tier on tier: a dark recess with a pair of sconces, a
    # swagged pelmet above (their rails are painted apart, to go over the people in them).
    for x0, x1, bottom in box_rects():
        top = bottom + BOX_HEIGHT
        recess = (34, 12, 20) if not lit else (86, 84, 88)
        draw.rectangle([x0, h - top, x1, h - bottom], fill=recess, outline=GOLD, width=2)
        for k in range(4):  # the pelmet's swags
            sx = x0 + (x1 - x0) * (k + 0.5) / 4
            draw.pieslice([sx - (x1 - x0) / 8, h - top - 10, sx + (x1 - x0) / 8, h - top + 14], 0, 180, fill=VELVET if not lit else (170, 40, 52))

    glow = Image.new("L", VIEW, 0)
    gdraw = ImageDraw.Draw(glow)
    if not lit:  # chandeliers and the boxes' sconces glow warm in the dark
        for x in (150, 1130):
            gdraw.ellipse([x - 60, 40, x + 60, 120], fill=120)
        for x0, x1, bottom in box_rects():
            for sx in (x0 + 14, x1 - 14):
                gdraw.ellipse([sx - 10, h - bottom - BOX_HEIGHT + 18, sx + 10, h - bottom - BOX_HEIGHT + 38], fill=150)
        glow = glow.filter(ImageFilter.GaussianBlur(22))
        return Image.composite(Image.new("RGB", VIEW, WARM_LIGHT), image, glow.point(lambda v: int(v * 0.7)))
    # The house lights: hard white rows of lamps under the ceiling, glaring.
    for x in range(60, w, 120):
        gdraw.ellipse([x - 26, 10, x + 26, 30], fill=255)
    glow = glow.filter(ImageFilter.GaussianBlur(6))
    return Image.composite(Image.new("RGB", VIEW, HOUSE_LIGHT), image, glow)


def box_rects() -> list[tuple[float, float, float]]:
    """(left, right, bottom) of every balcony box, px in the view (y up)."""
    return [(x0, x1, BOX_BOTTOM + tier * BOX_TIER_PX) for x0, x1 in BOX_SPANS for tier in range(BOX_TIERS)]


RAIL_SHADOW_PX = 0  # the rail's picture reaches this far below the rail (nothing casts a shadow under the house lights)


def paint_box_front(lit: bool) -> Image.Image:
    """A box's rail (every box is as wide): velvet with gold trim, drawn over the people sitting behind it."""
    x0, x1, _ = box_rects()[0]
    width = int(x1 - x0) + 1
    image = Image.new("RGBA", (width, RAIL_HEIGHT + RAIL_SHADOW_PX), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    velvet = VELVET if not lit else (176, 34, 46)
    draw.rectangle([0, 0, width - 1, RAIL_HEIGHT], fill=velvet + (255,), outline=GOLD + (255,), width=3)
    draw.line([4, 8, width - 5, 8], fill=GOLD + (255,), width=2)
    for x in range(16, width - 8, 22):  # balusters of gilt
        draw.ellipse([x - 4, 16, x + 4, 30], fill=GOLD + (255,))
    return image


def paint_proscenium() -> Image.Image:
    """The arch's frame in velvet and gold, transparent inside (drawn over the curtain)."""
    w, h = VIEW
    image = Image.new("RGBA", VIEW, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    l, b, r, t = ARCH
    draw.rectangle([l - 46, 0, r + 46, h - t + 10], fill=(58, 10, 18, 255))  # valance
    for i in range(8):
        x = l + (r - l) * (i + 0.5) / 8
        draw.pieslice([x - 56, h - t - 40, x + 56, h - t + 48], 0, 180, fill=VELVET + (255,))
    draw.rectangle([l - 46, 0, l, h - b], fill=(58, 10, 18, 255))
    draw.rectangle([r, 0, r + 46, h - b], fill=(58, 10, 18, 255))
    draw.line([l - 2, h - t + 10, l - 2, h - b], fill=GOLD + (255,), width=5)
    draw.line([r + 2, h - t + 10, r + 2, h - b], fill=GOLD + (255,), width=5)
    draw.line([l - 2, h - t + 10, r + 2, h - t + 10], fill=GOLD + (255,), width=5)
    return image


def proscenium_pieces(image: Image.Image) -> list[tuple[Image.Image, tuple[float, float]]]:
    """The proscenium cut to where it is painted (the valance and scallops over the arch, the two
    columns beside it), each with its centre in the hall's px (y up): drawn as a few small
    pictures, not a screenful that is mostly clear (software GL pays for every pixel drawn)."""
    w, h = VIEW
    l, b, r, t = ARCH
    top = h - t + 48  # the scallops hang this far down from the top of the picture
    boxes = [(l - 46, 0, r + 46, top), (l - 46, top, l + 3, h - b), (r - 2, top, r + 46, h - b)]
    pieces = []
    for left, upper, right, lower in boxes:
        piece = image.crop((left, upper, right, lower))
        pieces.append((piece, ((left + right) / 2, h - (upper + lower) / 2)))
    return pieces


def paint_curtain() -> Image.Image:
    """Heavy velvet in vertical folds, the width of the arch."""
    l, b, r, t = ARCH
    w, h = r - l, t - b + 20
    xs = np.arange(w, dtype=np.float32)
    folds = 0.55 + 0.45 * np.sin(xs / w * math.pi * 22) ** 2
    ys = np.arange(h, dtype=np.float32)[:, None]
    light = folds[None, :] * (0.75 + 0.25 * (1 - ys / h))
    rgb = np.stack([VELVET[0] * light * 1.25, VELVET[1] * light, VELVET[2] * light], axis=2)
    rgb[-10:, :, :] = np.array(GOLD, np.float32) * 0.8  # the gold hem
    alpha = np.full((h, w, 1), 255, np.float32)
    return Image.fromarray(np.clip(np.concatenate([rgb, alpha], axis=2), 0, 255).astype(np.uint8))


def paint_silhouette(variant: int, rim: bool) -> Image.Image:
    """A head and shoulders seen from behind, with a thin warm rim where the stage light catches it."""
    w, h = 48, 60
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    body = (12, 8, 12, 255)
    head_r = (11, 12, 10, 13)[variant % 4]
    draw.ellipse([4, 30, w - 4, h + 24], fill=body)  # shoulders
    draw.ellipse([w / 2 - head_r, 30 - head_r * 2 + 4, w / 2 + head_r, 34], fill=body)  # head
    if variant % 4 == 1:  # hair up
        draw.ellipse([w / 2 - 7, 2, w / 2 + 7, 14], fill=body)
    if variant % 4 == 3:  # a hat
        draw.rectangle([w / 2 - 16, 8, w / 2 + 16, 12], fill=body)
        draw.rectangle([w / 2 - 10, 0, w / 2 + 10, 10], fill=body)
    if variant >= 4:  # hands up, clapping
        draw.ellipse([2, 14, 12, 26], fill=body)
        draw.ellipse([w - 12, 14, w - 2, 26], fill=body)
        draw.line([7, 24, 10, 40], fill=body, width=5)
        draw.line([w - 7, 24, w - 10, 40], fill=body, width=5)
    return _rim(image, shift=2) if rim else image


def paint_cone() -> Image.Image:
    """A spotlight's beam from the flies down onto the stage, soft at its edges."""
    w, h = 420, 520
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon([(w * 0.42, 0), (w * 0.58, 0), (w * 0.95, h * 0.86), (w * 0.05, h * 0.86)], fill=150)
    ImageDraw.Draw(mask).ellipse([w * 0.05, h * 0.76, w * 0.95, h * 0.96], fill=210)
    mask = mask.filter(ImageFilter.GaussianBlur(18))
    beam = Image.new("RGBA", (w, h), WARM_LIGHT + (0,))
    beam.putalpha(mask)
    return beam


def paint_seat() -> Image.Image:
    """An empty seat's back, red plush, seen from behind under the flat house lights: a bright top, a faint edge below."""
    image = Image.new("RGBA", (48, 60), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([8, 40, 46, 60], radius=6, fill=(90, 70, 80, 110))  # the faint edge it leaves on the next row
    draw.rounded_rectangle([6, 24, 42, 56], radius=8, fill=(176, 26, 40, 255), outline=(70, 10, 20, 255), width=3)
    draw.rounded_rectangle([10, 27, 38, 33], radius=3, fill=(236, 120, 128, 255))  # the light catching its top
    return image


def _rim(image: Image.Image, strength: float = 0.7, shift: int = 3) -> Image.Image:
    """A thin warm rim (`shift` px) where light from above catches a dark shape's upper edges."""
    alpha = np.asarray(image)[:, :, 3].astype(np.float32)
    shifted = np.zeros_like(alpha)
    shifted[shift:, :] = alpha[:-shift, :]
    edge = np.clip(alpha - shifted, 0, 255)
    rgba = np.asarray(image).astype(np.float32)
    for c, v in enumerate(WARM_LIGHT):
        rgba[:, :, c] += edge / 255.0 * v * strength
    return Image.fromarray(np.clip(rgba, 0, 255).astype(np.uint8))


DREAMER_INK = (16, 12, 18, 255)
# The dreamer seen plainly under the house lights: a grey-blue coat, darker trousers, bare head and hands.
COAT, TROUSERS, SKIN, HAIR = (112, 124, 158, 255), (84, 88, 112, 255), (226, 192, 170, 255), (92, 66, 52, 255)


def paint_dreamer_body(lit: bool = False) -> Image.Image:
    """The dreamer on the stage, facing the hall: head, sloping shoulders, a coat nipped at the
    waist, legs — a dark figure rimmed by the spotlight above, or (lit) seen plainly in their own colours."""
    width, height = 84, BODY_PX
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    cx = width / 2

    def at(x: float, above: float) -> tuple[float, float]:  # px from the middle, px above the feet → image
        return (cx + x, height - above)

    sx, sy = SHOULDER
    coat_ink, legs_ink = (COAT, TROUSERS) if lit else (DREAMER_INK, DREAMER_INK)
    draw.ellipse([*at(-17, BODY_PX), *at(17, BODY_PX - 40)], fill=SKIN if lit else DREAMER_INK)  # head
    if lit:
        draw.chord([*at(-17, BODY_PX), *at(17, BODY_PX - 40)], 180, 360, fill=HAIR)
    draw.rectangle([*at(-7, BODY_PX - 34), *at(7, sy - 2)], fill=SKIN if lit else DREAMER_INK)  # neck
    coat = [at(-8, sy + 6), at(-sx + 2, sy + 2), at(-sx - 6, sy - 10), at(-sx - 4, sy - 40), at(-18, 104),
            at(-24, 60), at(24, 60), at(18, 104), at(sx + 4, sy - 40), at(sx + 6, sy - 10), at(sx - 2, sy + 2), at(8, sy + 6)]
    draw.polygon(coat, fill=coat_ink)
    for side in (-1, 1):
        draw.ellipse([*at(side * sx - 9, sy + 6), *at(side * sx + 9, sy - 12)], fill=coat_ink)  # the shoulder's round
        draw.polygon([at(side * 3, 64), at(side * 17, 64), at(side * 14, 6), at(side * 5, 6)], fill=legs_ink)  # a leg
        draw.ellipse([*at(side * 10 - 11, 9), *at(side * 10 + 11, 0)], fill=DREAMER_INK)  # a shoe
    return image if lit else _rim(image)


def paint_arm(lit: bool = False) -> Image.Image:
    """A sleeve from shoulder to wrist, pointing up (stretched to length as it is drawn)."""
    image = Image.new("RGBA", (16, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).rounded_rectangle([1, 0, 15, 99], radius=7, fill=COAT if lit else DREAMER_INK)
    return image if lit else _rim(image, 0.45)


def paint_hand(side: int) -> Image.Image:
    """A hand gripping the frame's edge: the palm behind it, four fingers curled over the gold."""
    image = Image.new("RGBA", (30, 34), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    skin, shade = (196, 150, 120, 255), (92, 60, 50, 255)
    draw.ellipse([4, 8, 26, 32], fill=shade)  # the palm, in the frame's shadow
    reach = 22 if side > 0 else 8
    for k in range(4):  # fingers across the frame's edge, toward its middle
        fy = 6 + k * 6
        draw.rounded_rectangle([min(15, reach), fy, max(15, reach), fy + 5], radius=2, fill=skin, outline=shade)
    draw.ellipse([11, 4, 19, 12], fill=skin, outline=shade)  # the thumb on the front
    return image


def hall_paintings():
    """Every picture of the hall, painted (the same in every dream), in steps: painted ahead,
    gently (see game.render.ahead)."""
    pictures = {}
    for name, paint in (
        ("dark", lambda: paint_hall(False).convert("RGBA")),
        ("lit", lambda: paint_hall(True).convert("RGBA")),
        ("fronts", lambda: paint_box_front(False)),
        ("fronts_lit", lambda: paint_box_front(True)),
        ("body", paint_dreamer_body),
        ("body_lit", lambda: paint_dreamer_body(lit=True)),
        ("arm", paint_arm),
        ("arm_lit", lambda: paint_arm(lit=True)),
        ("hands", lambda: [paint_hand(side) for side in (-1, 1)]),
        ("proscenium", lambda: proscenium_pieces(paint_proscenium())),
        ("curtain", paint_curtain),
        ("cone", paint_cone),
    ):
        pictures[name] = paint()
        yield
    return pictures


def paint_ahead(world) -> None:
    """Start painting the hall, and the masterpiece's memory it will hold up (see BeatShow.ahead)."""
    if Hall._made is None:
        ahead(hall_paintings)
    ahead(crowd_pictures, world.seed, SEATS)
    ahead(art_in_steps, world.seed)  # (a step at a time, unless made already)
    paint_memory_ahead(world, 256, recompose=1.0)  # (the flaw is as it will be: the repairs are over)


class Hall:
    """The painted hall's textures, made once per window."""

    _made: "Hall | None" = None

    def __init__(self, pictures: dict):
        self.dark = _texture(pictures["dark"], "hall-dark")
        self.lit = _texture(pictures["lit"], "hall-lit")
        self.fronts = _texture(pictures["fronts"], "hall-box-front")
        self.fronts_lit = _texture(pictures["fronts_lit"], "hall-box-front-lit")
        self.body = _texture(pictures["body"], "hall-dreamer-body")
        self.body_lit = _texture(pictures["body_lit"], "hall-dreamer-body-lit")
        self.arm = _texture(pictures["arm"], "hall-dreamer-arm")
        self.arm_lit = _texture(pictures["arm_lit"], "hall-dreamer-arm-lit")
        self.hands = [_texture(hand, f"hall-dreamer-hand-{side}") for side, hand in zip((-1, 1), pictures["hands"])]
        self.proscenium = [(_texture(piece, f"hall-proscenium-{index}"), centre) for index, (piece, centre) in enumerate(pictures["proscenium"])]
        self.curtain = _texture(pictures["curtain"], "hall-curtain")
        self.glow = soft_texture("warm", 256, WARM_LIGHT, 1.4)
        self.cone = _texture(pictures["cone"], "hall-cone")
        self.white = soft_texture("white", 256, (255, 255, 255), 1.0)
        # The big paintings have atlases of their own (see game.render.atlas): the hall dark and
        # lit in one (the background sprite switches between them), the stage's pieces in the
        # other — two, so that each is made (its texture cleared) in a step of its own.
        self.atlas = self.pieces_atlas = None  # (filled by made_in_steps)

    @classmethod
    def made_in_steps(cls):
        """The hall's textures made, a step at a time (an atlas, then a picture a step): a
        generator, its value the Hall (see prepare_hall)."""
        if cls._made is None:
            hall = cls(made(hall_paintings))
            yield
            hall.atlas = yield from filled_atlas([hall.dark, hall.lit])
            hall.pieces_atlas = yield from filled_atlas([*(texture for texture, _ in hall.proscenium), hall.curtain, hall.cone])
            cls._made = hall
        return cls._made

    @classmethod
    def get(cls) -> "Hall":
        return painted(cls.made_in_steps())


class Seat:
    __slots__ = ("x", "y", "scale", "phase", "rate", "variant", "stand_at", "in_box")

    def __init__(self, x, y, scale, phase, rate, variant, stand_at, in_box=False):
        self.x, self.y, self.scale, self.phase, self.rate, self.variant, self.stand_at = x, y, scale, phase, rate, variant, stand_at
        self.in_box = in_box  # in a balcony box, behind its rail


def seat_plan(seed: int, seats: int) -> list[Seat]:
    """Where every silhouette sits, from the back rows (small, by the stage) to the front (large),
    in the order they are drawn: the front rows last, over the rows behind them."""
    rng = random.Random(f"{seed}:hall")
    plan = []
    per_row = max(8, seats // ROWS)
    for row in range(ROWS):
        depth = row / (ROWS - 1)  # 0 at the stage .. 1 at the camera
        scale = 0.45 + 1.35 * depth**1.6
        y = STAGE_LIP_Y - 30 - (STAGE_LIP_Y - 10) * depth**1.25
        count = per_row + row // 3
        spread = 1280 + 260 * depth
        for i in range(count):
            x = 640 - spread / 2 + spread * (i + 0.5 + rng.uniform(-0.25, 0.25)) / count + (row % 2) * spread / count / 2
            plan.append(Seat(x, y + rng.uniform(-3, 3), scale * rng.uniform(0.92, 1.08), rng.uniform(0, 6.283), rng.uniform(7.0, 10.0), rng.randrange(4), rng.random()))
    # The balcony boxes, people seated behind each rail (drawn before the rails).
    for x0, x1, bottom in box_rects():
        for i in range(BOX_SEATS):
            x = x0 + (x1 - x0) * (i + 0.5 + rng.uniform(-0.15, 0.15)) / BOX_SEATS
            plan.append(Seat(x, bottom + RAIL_HEIGHT + 8 + rng.uniform(-2, 2), 0.5, rng.uniform(0, 6.283), rng.uniform(7.0, 10.0), rng.randrange(4), rng.random(), in_box=True))
    return plan


SCALE_STEP = 1.03  # the crowd's pictures are painted at scales this far apart, each seat at the nearest


def hidden_bottoms(plan: list[Seat], shapes: list[tuple[np.ndarray, np.ndarray]], rise: list[float], sink: list[float]):
    """For each seat (drawn back to front), how many rows (px) at the bottom of its picture are
    hidden in every pose behind the opaque shapes of the seats drawn after it (or below the
    view): those rows need not be drawn. Software GL pays for every pixel of every quad, and much
    of a seated crowd's pictures is hidden behind the rows in front.

    shapes[i]: seat i's picture as drawn, as two masks (rows top down): where it is opaque in
    every pose (it hides what is behind it) and where it is drawn at all; rise[i], sink[i]: how
    far (px) it may rise above or sink below its seat. Worked out for each seat at its highest,
    behind the seats in front at their lowest, a pixel in from every edge, two rows to spare.
    Worked out a step of STEP_SEATS seats at a time: a generator, its value the rows per seat."""
    margin = 260  # px around the view: the front rows reach past its bottom and sides
    covered = np.ones((VIEW[1] + 2 * margin, VIEW[0] + 2 * margin), bool)  # outside the view: never seen
    covered[margin : margin + VIEW[1], margin : margin + VIEW[0]] = False
    hidden = [0] * len(plan)
    for i in reversed(range(len(plan))):  # the front first
        seat, (opaque, drawn) = plan[i], shapes[i]
        h, w = opaque.shape
        left = round(seat.x - w / 2) + margin
        top = round(VIEW[1] - (seat.y + rise[i]) - h / 2) + margin  # at its highest
        shown = (drawn & ~covered[top : top + h, left : left + w]).any(axis=1)
        hidden[i] = max(0, (int(np.argmax(shown[::-1])) if shown.any() else h) - 2)  # rows up from the bottom before one shows
        core = opaque.copy()  # what it hides from those behind it: its opaque shape at its lowest, a pixel in from every edge
        core[1:, :] &= opaque[:-1, :]
        core[:-1, :] &= opaque[1:, :]
        core[:, 1:] &= opaque[:, :-1]
        core[:, :-1] &= opaque[:, 1:]
        top = round(VIEW[1] - (seat.y - sink[i]) - h / 2) + margin + 1
        covered[top : top + h, left : left + w] |= core
        if i % STEP_SEATS == 0:
            yield
    return hidden


def crowd_pictures(seed: int, seats: int):
    """The crowd of seat_plan(seed, seats), painted ahead for game.render.crowd: every picture a
    seat shows (a silhouette seated and clapping, its seat empty) at that seat's size, packed
    into one atlas (RGBA, rows top down), and each seat's numbers (crowd.FIELDS) with its LOOKS
    cut to what is ever seen (see hidden_bottoms): drawn texel for pixel, nothing is smoothed.
    A painting in steps (see game.render.ahead): it yields between them."""
    plan = seat_plan(seed, seats)
    people = [paint_silhouette(v, True) for v in range(8)]
    seat_picture = paint_seat()
    scaled: dict[tuple[int, int], Image.Image] = {}

    def picture(kind: int, step: int) -> Image.Image:  # kind 0..7 a silhouette, 8 the empty seat
        if (kind, step) not in scaled:
            base = people[kind] if kind < 8 else seat_picture
            scale = SCALE_STEP**step
            scaled[kind, step] = base.resize((max(1, round(base.width * scale)), max(1, round(base.height * scale))), Image.Resampling.LANCZOS)
        return scaled[kind, step]

    steps = [round(math.log(seat.scale) / math.log(SCALE_STEP)) for seat in plan]
    looks = [(seat.variant, seat.variant + 4, 8) for seat in plan]  # seated, clapping, empty

    shapes: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def masks(step: int, *kinds) -> tuple[np.ndarray, np.ndarray]:  # where the pictures are all opaque, where any is drawn
        if (step, kinds) not in shapes:
            alphas = [np.asarray(picture(kind, step))[:, :, 3] for kind in kinds]
            shapes[step, kinds] = np.logical_and.reduce([a > 250 for a in alphas]), np.logical_or.reduce([a > 0 for a in alphas])
        return shapes[step, kinds]

    stalls = [i for i, seat in enumerate(plan) if not seat.in_box]  # first in the plan, back to front

    def stalls_masks(kinds_of):  # masks() of each stall's kinds_of(i), a step of STEP_SEATS seats at a time
        made = []
        for n, i in enumerate(stalls, start=1):
            made.append(masks(steps[i], *kinds_of(i)))
            if n % STEP_SEATS == 0:
                yield
        return made

    people_shapes = yield from stalls_masks(lambda i: looks[i][:2])  # seated and clapping
    seated = [plan[i] for i in stalls]
    sink = [BOB_PX * seat.scale for seat in seated]
    hidden = {}  # rows hidden at the bottom of each stall's pictures: seated, standing, empty
    for name, rise in (("seated", BOB_PX), ("standing", STAND_PX + BOB_PX)):
        hidden[name] = yield from hidden_bottoms(seated, people_shapes, [rise * seat.scale for seat in seated], sink)
    empty_shapes = yield from stalls_masks(lambda i: (8,))  # the seat empty
    hidden["empty"] = yield from hidden_bottoms(seated, empty_shapes, [0.0] * len(stalls), [0.0] * len(stalls))
    cut = {name: dict(zip(stalls, rows)) for name, rows in hidden.items()}
    for n, (kinds, step) in enumerate(zip(looks, steps), start=1):  # (the boxes' too)
        for kind in kinds:
            picture(kind, step)
        if n % STEP_SEATS == 0:
            yield
    keys = sorted(scaled)
    atlas, places = pack_pictures([scaled[key] for key in keys])
    yield
    place = dict(zip(keys, places))
    tops = {key: scaled[key].getbbox()[1] for key in keys}  # the clear rows at the top of each

    def look(kind: int, step: int, hidden_rows: int) -> tuple:
        image = scaled[kind, step]
        x, y = place[kind, step]
        top = tops[kind, step]
        hidden_rows = min(hidden_rows, image.height - top - 1)
        rows = image.height - top - hidden_rows
        u0, u1 = x / atlas.shape[1], (x + image.width) / atlas.shape[1]
        v0, v1 = (y + top) / atlas.shape[0], (y + top + rows) / atlas.shape[0]
        return (u0, v0, u1, v1, image.width, rows, (hidden_rows - top) / 2)

    numbers = []
    for i, seat in enumerate(plan):
        seated, clapping, empty = looks[i]
        sitting, standing, gone = (cut[name].get(i, 0) for name in ("seated", "standing", "empty"))
        numbers.append((seat.x, seat.y, seat.scale, NEVER if seat.in_box else seat.stand_at, seat.phase, seat.rate,
                        *look(seated, steps[i], sitting), *look(clapping, steps[i], sitting),
                        *look(seated, steps[i], standing), *look(clapping, steps[i], standing), *look(empty, steps[i], gone)))
    return atlas, np.array(numbers, np.float32).reshape(-1, len(FIELDS))


def pack_pictures(pictures: list[Image.Image], width: int = 1024, gap: int = 2) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """`pictures` packed in rows (tallest first) into one RGBA image `width` px wide, `gap` px of
    clear between them: the image (rows top down) and each picture's top-left corner in it."""
    order = sorted(range(len(pictures)), key=lambda i: -pictures[i].height)
    places: list[tuple[int, int]] = [(0, 0)] * len(pictures)
    x = y = row_height = 0
    for i in order:
        w, h = pictures[i].size
        if x + w + gap > width:
            x, y, row_height = 0, y + row_height, 0
        places[i] = (x + gap, y + gap)
        x += w + gap
        row_height = max(row_height, h + gap)
    height = 1 << max(0, (y + row_height + gap - 1).bit_length())  # a power of two: software GL samples those fastest
    atlas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    for picture, corner in zip(pictures, places):
        atlas.paste(picture, corner)
    return np.asarray(atlas), places


def spot_alpha(warmth: float) -> int:
    """How strong the stage's spotlight is (0..255) as it warms (0..1)."""
    return int(255 * min(1.0, 0.3 + 0.7 * warmth))


STEADY_SPOTS = (spot_alpha(0.0), spot_alpha(1.0))  # the spotlight as the curtain rises, and at its full


class HallPicture:
    """Draws the hall at a moment: curtain (0..1 up), applause, standing, lift, warmth; lit (the house lights) or not."""

    def __init__(self, seed: int, seats: int):
        painted(self.made_in_steps(seed, seats))

    def made_in_steps(self, seed: int, seats: int):
        """__init__ a step at a time (a generator: see prepare_hall)."""
        self.hall = yield from Hall.made_in_steps()
        self.plan = seat_plan(seed, seats)
        yield
        # The people: the stalls in front of the stage, and those in the balcony boxes (behind their rails).
        atlas, numbers = made(crowd_pictures, seed, seats)
        in_box = np.array([seat.in_box for seat in self.plan], bool)
        self.crowd = yield from built_in_steps(Crowd, Crowd.made_in_steps, arcade.get_window().ctx, atlas, {"stalls": numbers[~in_box], "boxes": numbers[in_box]})
        yield
        self.back = arcade.SpriteList(atlas=self.hall.atlas)
        self.back.blend = False  # the hall's painting is opaque: nothing under it to blend with
        self.background = arcade.Sprite(self.hall.dark)
        self.background.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.back.append(self.background)
        self.backdrop = Backdrop(arcade.get_window().ctx, VIEW)  # the painting, copied onto the screen (by lit)
        self.rails = arcade.SpriteList()  # one per box: small, so the hall is not covered by yet another screenful
        for x0, x1, bottom in box_rects():
            rail = arcade.Sprite(self.hall.fronts)
            rail.position = ((x0 + x1) / 2, bottom + (RAIL_HEIGHT - RAIL_SHADOW_PX) / 2)
            self.rails.append(rail)
        self.rails_lit = None  # which texture the rails show now
        self.stage = arcade.SpriteList(atlas=self.hall.pieces_atlas)
        l, b, r, t = ARCH
        self.spot = arcade.Sprite(self.hall.cone)
        self.spot.position = ((l + r) / 2, b + 205)
        self.stage.append(self.spot)
        self.front = arcade.SpriteList(atlas=self.hall.pieces_atlas)
        self.curtain = arcade.Sprite(self.hall.curtain)
        self.front.append(self.curtain)
        for texture, centre in self.hall.proscenium:
            piece = arcade.Sprite(texture)
            piece.position = centre
            self.front.append(piece)
        # The dreamer: body and arms behind the frame, hands over its edges.
        self.behind = arcade.SpriteList()
        self.shadow = arcade.Sprite(soft_texture("stage-shadow", 64, (0, 0, 0), 1.2))
        self.body = arcade.Sprite(self.hall.body)
        self.arms = [arcade.Sprite(self.hall.arm) for _ in range(2)]
        self.behind.extend([self.shadow, self.body, *self.arms])
        self.frame = arcade.SpriteList()
        self.hands = arcade.SpriteList()
        self.hands.extend([arcade.Sprite(texture) for texture in self.hall.hands])
        self.picture_for = None
        self.camera = arcade.Camera2D(position=(VIEW[0] / 2, VIEW[1] / 2))
        self.flash = Wash(arcade.get_window().ctx)  # the house lights snapping on, over everything

    def set_picture(self, image: Image.Image) -> None:
        """The masterpiece on the stage, in a gold frame, held up by the dreamer."""
        if image is self.picture_for:
            return
        framed = Image.new("RGBA", (image.width + 24, image.height + 24), GOLD + (255,))
        framed.paste(image.convert("RGBA"), (12, 12))
        ImageDraw.Draw(framed).rectangle([0, 0, framed.width - 1, framed.height - 1], outline=(90, 62, 30, 255), width=3)
        self.frame = arcade.SpriteList()
        picture = arcade.Sprite(_texture(framed, f"stage-picture-{id(image)}"))
        picture.width = picture.height = FRAME_PX
        self.frame.append(picture)
        self.picture_for = image

    def place_dreamer(self, lift: float) -> None:
        """The body on the stage, the frame at the chest (lift 0) or over the head (1), the hands on it, the arms between."""
        cx = (ARCH[0] + ARCH[2]) / 2
        rise = 4.0 * lift  # up on the toes to lift it high
        self.body.position = (cx, FEET_Y + BODY_PX / 2 + rise)
        self.shadow.position = (cx, FEET_Y + 2)
        self.shadow.width, self.shadow.height = 150, 26
        frame_y = FEET_Y + rise + FRAME_REST_Y + (FRAME_HIGH_Y - FRAME_REST_Y) * lift
        if len(self.frame):
            self.frame[0].position = (cx, frame_y)
        for side, arm, hand in zip((-1, 1), self.arms, self.hands):
            sx, sy = cx + side * SHOULDER[0], FEET_Y + rise + SHOULDER[1]
            hx, hy = cx + side * GRIP[0], frame_y + GRIP[1]
            hand.position = (hx, hy)
            arm.position = ((sx + hx) / 2, (sy + hy) / 2)
            arm.height = math.hypot(hx - sx, hy - sy) + 8
            arm.width = 16
            arm.angle = 90.0 - math.degrees(math.atan2(hy - sy, hx - sx))

    def backdrops_in_steps(self, window):
        """The copies of the hall that draw takes (see Backdrop), made ahead a step each, for a
        window the hall fills texel for pixel (a generator: see prepare_hall)."""
        if window.get_framebuffer_size() != VIEW or window.get_size() != VIEW:
            return
        self.camera.match_window()
        self.camera.zoom = 1.0
        self.camera.position = (VIEW[0] / 2, VIEW[1] / 2)
        with picture_framebuffer(window.ctx, (1, 1)).activate():  # the hall's first draw readies how software GL
            self.back.draw(pixelated=True)  # draws it, as long again as the draw: onto a pixel, in a step of its own
        yield
        for alpha in (None, *STEADY_SPOTS, "lit"):  # the hall alone first (the others are made from it), and lit (lights on)
            drawing_with = window.current_camera  # (the frame's own, given back)
            self.camera.use()
            window.ctx.enable(window.ctx.BLEND)
            if alpha == "lit":
                self.background.texture = self.hall.lit
                self.backdrop.made("lit", self.back)
            else:
                self.background.texture = self.hall.dark
                if alpha is not None:
                    self.spot.alpha = alpha
                self.backdrop.made(*self.dark_copy(window, alpha))
            drawing_with.use()
            yield

    def dark_copy(self, window, spot: int | None) -> tuple:
        """Backdrop's arguments (key, sprites, over, under) for the copy of the dark hall with the
        spotlight at `spot` (0..255) kept in it, made from the hall's copy alone; None: the hall alone."""
        if spot is None:
            return "dark", self.back, (), None
        return ("dark", spot), self.back, ((self.stage, (window.ctx.SRC_ALPHA, window.ctx.ONE)),), "dark"

    @staticmethod
    def paints_screen(window) -> bool:
        """Whether its opaque painting of the hall fills the window (it is scaled to fit: a window
        not of VIEW's shape has bars either side or above and below)."""
        return fills_window(window, VIEW)

    def draw(self, window, seconds: float, curtain: float, applause: float, standing: float, lift: float, warmth: float,
             lit: bool = False, flash: float = 0.0, empty: bool = False) -> None:
        self.camera.match_window()
        w, h = window.get_size()
        self.camera.zoom = min(w / VIEW[0], h / VIEW[1])
        self.camera.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.camera.use()
        additive = (window.ctx.SRC_ALPHA, window.ctx.ONE)  # glows add light in proportion to their alpha
        self.background.texture = self.hall.lit if lit else self.hall.dark
        # The hall, and on the stage the spotlight (not under the house lights): while the light
        # holds still (as the curtain rises, and once it is full) it is in the hall's copy.
        if lit:
            self.backdrop.draw("lit", self.back, self.camera.zoom)
        else:
            self.spot.alpha = spot_alpha(warmth)
            steady = self.spot.alpha in STEADY_SPOTS
            key, sprites, over, under = self.dark_copy(window, self.spot.alpha if steady else None)
            self.backdrop.draw(key, sprites, self.camera.zoom, over, under)
            if not steady:
                self.stage.draw(blend_function=additive)
        l, b, r, t = ARCH
        # The dreamer gripping the masterpiece.
        self.place_dreamer(lift)
        if self.body.texture is not (self.hall.body_lit if lit else self.hall.body):  # in the house lights, seen plainly
            self.body.texture = self.hall.body_lit if lit else self.hall.body
            for arm in self.arms:
                arm.texture = self.hall.arm_lit if lit else self.hall.arm
        self.shadow.alpha = 0 if lit else 90  # no shadow is left when the house lights are on
        self.behind.draw()
        self.frame.draw()
        self.hands.draw()
        self.curtain.position = ((l + r) / 2, (t + b) / 2 + 10 + curtain * (t - b + 30))
        self.front.draw()
        # The hall: hundreds of silhouettes, clapping and rising with the applause; or every seat empty.
        texel_for_pixel = self.camera.zoom == 1.0
        self.crowd.draw("boxes", seconds, applause, standing, empty, texel_for_pixel)
        if self.rails_lit is not lit:
            self.rails_lit = lit
            for rail in self.rails:
                rail.texture = self.hall.fronts_lit if lit else self.hall.fronts
        self.rails.draw()
        self.crowd.draw("stalls", seconds, applause, standing, empty, texel_for_pixel)
        if flash > 0.0:
            self.flash.draw(HOUSE_LIGHT, int(255 * min(1.0, flash)))


_halls: dict[int, HallPicture] = {}  # the hall of the last dream: made for the reveal, seen again as lights_on begins


def hall_picture(seed: int) -> HallPicture:
    """The hall for a dream's seed (its silhouettes are seated from the seed), made once."""
    return painted(hall_picture_in_steps(seed))


def hall_picture_in_steps(seed: int):
    """hall_picture a step at a time (a generator; its value the hall)."""
    if seed not in _halls:
        picture = yield from built_in_steps(HallPicture, HallPicture.made_in_steps, seed, SEATS)
        _halls.clear()  # one hall at a time
        _halls[seed] = picture
    return _halls[seed]


def prepare_hall(seed: int):
    """The hall for `seed` made a step at a time while the acceptance plays (see BeatShow.prepare),
    once the worker has painted everything (started by paint_ahead; painting and making
    textures at once, each slows the other): so the reveal begins with its textures, its crowd
    and its sprites made. A generator; it stops early, leaving it to the reveal, if its
    paintings were never started ahead."""
    while not idle():
        yield
    if not started(crowd_pictures, seed, SEATS) or (Hall._made is None and not started(hall_paintings)):
        return
    picture = yield from hall_picture_in_steps(seed)
    yield from picture.backdrops_in_steps(arcade.get_window())


def prepare_reveal(view):
    """The reveal's hall made ahead for the view's dream (see prepare_hall, BeatShow.prepare)."""
    return prepare_hall(view.world.seed)


def forget_hall() -> None:
    """The hall is not needed again this dream (the room has gone)."""
    _halls.clear()


class RevealOverlay(Overlay):
    """The reveal: the curtain rises on the full hall, the dreamer lifts the masterpiece into the light."""

    def __init__(self, view):
        world = view.world
        self.picture = hall_picture(world.seed)
        self.picture.set_picture(masterpiece_memory(world, 256, recompose=1.0))

    def covers(self, view) -> bool:
        return True

    def paints_screen(self, view) -> bool:
        return self.picture.paints_screen(view.window)

    def draw(self, view) -> None:
        scene = view.world.story.scene
        view.window.ctx.enable(view.window.ctx.BLEND)
        self.picture.draw(view.window, scene.ticks / 60.0, curtain=scene.curtain, applause=scene.audience.applause,
                          standing=scene.audience.standing, lift=scene.lift, warmth=scene.warmth)
