"""The grand hall of the reveal, seen from among the audience: hundreds of silhouettes against a warm stage, drawn in one batch.

Painted once with PIL (hall, proscenium, stage, curtain, the silhouettes' few shapes), then per
frame only sprites move: the curtain rises, the hall claps and stands as the simulated applause
swells, the dreamer lifts the masterpiece into a warm spotlight. With the house lights on
(``lights_on``) the same hall is drawn flat and bright, and every seat is empty.
"""

from __future__ import annotations

import math
import random

import arcade
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from game.render.atlas import own_atlas
from game.render.overlay import Overlay
from game.render.recollection import masterpiece_memory
from game.render.glow import soft_texture
from game.sim.audience import SEATS

VIEW = (1280, 720)  # the hall is painted for this size and scaled to the window
ROWS = 18  # rows of seats between the camera and the stage
STAGE_LIP_Y = 300  # px from the bottom: where the stage floor meets the hall
ARCH = (250, 300, 1030, 690)  # the proscenium opening (left, bottom, right, top), px
VELVET = (122, 18, 30)
GOLD = (200, 156, 80)
WARM_LIGHT = (255, 196, 120)
HOUSE_LIGHT = (255, 246, 228)
BOB_PX = 3.0  # how far a clapping silhouette bobs
STAND_PX = 0.32  # how much taller a standing silhouette is, as a share of its height


def _texture(image: Image.Image, name: str) -> arcade.Texture:
    return arcade.Texture(image, hash=name, hit_box_algorithm=arcade.hitbox.algo_bounding_box)


def paint_hall(lit: bool) -> Image.Image:
    """The hall, stage and proscenium behind the audience (no curtain, no people)."""
    w, h = VIEW
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    top = 1.0 - ys / h
    wall = np.stack([40 + 30 * top, 14 + 10 * top, 20 + 12 * top], axis=2)
    if lit:
        wall = np.stack([176 + 40 * top, 132 + 30 * top, 118 + 26 * top], axis=2)
    image = Image.fromarray(np.clip(wall, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    l, b, r, t = ARCH
    # Stage: back wall and boards, lit warm from above.
    stage_back = (96, 60, 40) if not lit else (210, 190, 170)
    draw.rectangle([l, h - t, r, h - b], fill=stage_back)
    for i in range(0, r - l, 18):
        shade = 14 if (i // 18) % 2 else 0
        draw.line([l + i, h - b - 40, l + i, h - b], fill=tuple(max(0, c - shade) for c in (140, 92, 56)), width=1)
    draw.rectangle([l - 40, h - b, r + 40, h - b + 26], fill=(70, 42, 30) if not lit else (150, 110, 80))
    # Balconies on both sides, tier on tier.
    for side in (0, 1):
        for tier in range(3):
            y = h - (360 + tier * 110)
            x0, x1 = (20, l - 60) if side == 0 else (r + 60, w - 20)
            draw.rectangle([x0, y, x1, y + 34], fill=(90, 24, 34) if not lit else (170, 70, 80), outline=GOLD, width=3)
    # Chandelier glows up in the dark.
    glow = Image.new("L", VIEW, 0)
    gdraw = ImageDraw.Draw(glow)
    for x in (150, 1130):
        gdraw.ellipse([x - 60, 40, x + 60, 120], fill=120)
    glow = glow.filter(ImageFilter.GaussianBlur(30))
    image = Image.composite(Image.new("RGB", VIEW, WARM_LIGHT), image, glow.point(lambda v: int(v * 0.7)))
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
    if rim:
        alpha = np.asarray(image)[:, :, 3].astype(np.float32)
        shifted = np.zeros_like(alpha)
        shifted[2:, :] = alpha[:-2, :]
        edge = np.clip(alpha - shifted, 0, 255)
        rgba = np.asarray(image).astype(np.float32)
        for c, v in enumerate(WARM_LIGHT):
            rgba[:, :, c] += edge / 255.0 * v * 0.7
        image = Image.fromarray(np.clip(rgba, 0, 255).astype(np.uint8))
    return image


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
    """An empty seat's back, red plush, seen from behind."""
    image = Image.new("RGBA", (48, 60), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([6, 26, 42, 60], radius=8, fill=(150, 40, 52, 255), outline=(96, 22, 32, 255), width=3)
    return image


class Hall:
    """The painted hall's textures, made once per window."""

    _made: "Hall | None" = None

    def __init__(self):
        self.dark = _texture(paint_hall(False).convert("RGBA"), "hall-dark")
        self.lit = _texture(paint_hall(True).convert("RGBA"), "hall-lit")
        self.proscenium = _texture(paint_proscenium(), "hall-proscenium")
        self.curtain = _texture(paint_curtain(), "hall-curtain")
        self.people = [_texture(paint_silhouette(v, True), f"hall-person-{v}") for v in range(8)]
        self.seat = _texture(paint_seat(), "hall-seat")
        self.glow = soft_texture("warm", 256, WARM_LIGHT, 1.4)
        self.cone = _texture(paint_cone(), "hall-cone")
        self.white = soft_texture("white", 256, (255, 255, 255), 1.0)
        # The screen-sized paintings share an atlas of their own (see game.render.atlas).
        self.atlas = own_atlas([self.dark, self.lit, self.proscenium, self.curtain, self.cone])

    @classmethod
    def get(cls) -> "Hall":
        if cls._made is None:
            cls._made = Hall()
        return cls._made


class Seat:
    __slots__ = ("x", "y", "scale", "phase", "rate", "variant", "stand_at")

    def __init__(self, x, y, scale, phase, rate, variant, stand_at):
        self.x, self.y, self.scale, self.phase, self.rate, self.variant, self.stand_at = x, y, scale, phase, rate, variant, stand_at


def seat_plan(seed: int, seats: int) -> list[Seat]:
    """Where every silhouette sits, from the back rows (small, by the stage) to the front (large)."""
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
    # Balcony boxes on both sides.
    for side in (0, 1):
        for tier in range(3):
            y = 360 + tier * 110 + 40
            x0, x1 = (30, ARCH[0] - 70) if side == 0 else (ARCH[2] + 70, 1250)
            for i in range(9):
                x = x0 + (x1 - x0) * (i + 0.5) / 9
                plan.append(Seat(x, y, 0.42, rng.uniform(0, 6.283), rng.uniform(7.0, 10.0), rng.randrange(4), rng.random()))
    plan.reverse()  # the front rows last, so they are drawn over the back
    return plan


class HallPicture:
    """Draws the hall at a moment: curtain (0..1 up), applause, standing, lift, warmth, house light."""

    def __init__(self, seed: int, seats: int):
        self.hall = Hall.get()
        self.plan = seat_plan(seed, seats)
        self.people = arcade.SpriteList()
        for seat in self.plan:
            sprite = arcade.Sprite(self.hall.people[seat.variant])
            sprite.scale = seat.scale
            sprite.position = (seat.x, seat.y)
            self.people.append(sprite)
        self.back = arcade.SpriteList(atlas=self.hall.atlas)
        self.background = arcade.Sprite(self.hall.dark)
        self.background.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.back.append(self.background)
        self.stage = arcade.SpriteList(atlas=self.hall.atlas)
        l, b, r, t = ARCH
        self.spot = arcade.Sprite(self.hall.cone)
        self.spot.position = ((l + r) / 2, b + 205)
        self.stage.append(self.spot)
        self.front = arcade.SpriteList(atlas=self.hall.atlas)
        self.curtain = arcade.Sprite(self.hall.curtain)
        self.front.append(self.curtain)
        self.proscenium = arcade.Sprite(self.hall.proscenium)
        self.proscenium.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.front.append(self.proscenium)
        self.frame = arcade.SpriteList()
        self.picture_for = None
        self.camera = arcade.Camera2D(position=(VIEW[0] / 2, VIEW[1] / 2))
        self.house_veil = arcade.SpriteList()  # the house lights over everything, made once
        self.house_veil.append(arcade.SpriteSolidColor(VIEW[0], VIEW[1], VIEW[0] / 2, VIEW[1] / 2, HOUSE_LIGHT + (255,)))

    def set_picture(self, image: Image.Image) -> None:
        """The masterpiece on the stage, in a gold frame, held by the dreamer's silhouette."""
        framed = Image.new("RGBA", (image.width + 24, image.height + 24), GOLD + (255,))
        framed.paste(image.convert("RGBA"), (12, 12))
        self.frame = arcade.SpriteList()
        picture = arcade.Sprite(_texture(framed, f"stage-picture-{id(image)}"))
        picture.width = picture.height = 150
        self.frame.append(picture)
        dreamer = arcade.Sprite(self.hall.people[4])
        dreamer.scale = 1.5
        self.frame.append(dreamer)
        self.picture_for = image

    def draw(self, window, seconds: float, curtain: float, applause: float, standing: float, lift: float, warmth: float, house: float = 0.0, empty: bool = False) -> None:
        self.camera.match_window()
        w, h = window.get_size()
        self.camera.zoom = min(w / VIEW[0], h / VIEW[1])
        self.camera.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.camera.use()
        additive = (window.ctx.SRC_ALPHA, window.ctx.ONE)  # glows add light in proportion to their alpha
        self.background.texture = self.hall.lit if house > 0.5 else self.hall.dark
        self.back.draw()
        l, b, r, t = ARCH
        # The stage: spotlight, the dreamer, the masterpiece lifted into the light.
        if not empty:
            self.spot.alpha = int(255 * min(1.0, 0.3 + 0.7 * warmth))
            self.stage.draw(blend_function=additive)
            if len(self.frame):
                cx = (l + r) / 2
                picture, dreamer = self.frame[0], self.frame[1]
                picture.position = (cx, b + 130 + lift * 70)
                dreamer.position = (cx, b + 20 + lift * 6)
                self.frame.draw()
        self.curtain.position = ((l + r) / 2, (t + b) / 2 + 10 + curtain * (t - b + 30))
        self.front.draw()
        # The hall: hundreds of silhouettes, clapping and rising with the applause.
        texture_for = self.hall.people
        for sprite, seat in zip(self.people, self.plan):
            if empty:
                sprite.texture = self.hall.seat
                sprite.position = (seat.x, seat.y)
                continue
            stands = seat.stand_at < standing
            clapping = applause > 0.02 and math.sin(seconds * seat.rate + seat.phase) > (0.2 - applause)
            sprite.texture = texture_for[seat.variant + (4 if clapping and applause > 0.5 else 0)]
            bob = BOB_PX * seat.scale * applause * math.sin(seconds * seat.rate * 2 + seat.phase)
            sprite.position = (seat.x, seat.y + (STAND_PX * 60 * seat.scale if stands else 0.0) + bob)
        self.people.draw()
        if house > 0.0:
            self.house_veil[0].alpha = int(150 * house)
            self.house_veil.draw()


_halls: dict[int, HallPicture] = {}  # the hall of the last dream: built by the reveal, seen again as lights_on begins


def hall_picture(seed: int) -> HallPicture:
    """The hall for a dream's seed (its silhouettes are seated from the seed), made once."""
    if seed not in _halls:
        _halls.clear()  # one hall at a time
        _halls[seed] = HallPicture(seed, SEATS)
    return _halls[seed]


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

    def draw(self, view) -> None:
        scene = view.world.story.scene
        view.window.ctx.enable(view.window.ctx.BLEND)
        self.picture.draw(view.window, scene.ticks / 60.0, curtain=scene.curtain, applause=scene.audience.applause,
                          standing=scene.audience.standing, lift=scene.lift, warmth=scene.warmth)
