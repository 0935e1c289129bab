"""Every picture of the room, painted by code: floor boards, walls, props, tools, the dreamer.

All of it is deterministic (numpy generators seeded from the level's seed and fixed numbers)
and made at load time; nothing is downloaded or shipped as art.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from game.level.model import TILE_SIZE, Level
from game.tools import tool

# Base colours of the backstage, before any light falls on them (RGB 0..255).
FLOOR_WOOD = (112, 84, 60)
FLOOR_GAP = (46, 34, 26)
WALL_FACE = (70, 62, 66)
WALL_TOP = (104, 94, 96)
BOARD_WIDTH = 12  # px, the floor's plank width


def _noise(rng: np.random.Generator, height: int, width: int, scale: int) -> np.ndarray:
    """Smooth value noise in 0..1 (a coarse random grid scaled up bilinearly)."""
    coarse = rng.random((height // scale + 2, width // scale + 2)).astype(np.float32)
    image = Image.fromarray((coarse * 255).astype(np.uint8)).resize(
        ((width // scale + 2) * scale, (height // scale + 2) * scale), Image.BILINEAR
    )
    return np.asarray(image, dtype=np.float32)[:height, :width] / 255.0


@lru_cache(maxsize=2)  # the room, and the vortex: the lights_on and vortex pictures cut pieces from them
def level_image(level: Level) -> Image.Image:
    """The floor and walls of a whole level as one RGBA picture (top row of pixels = top of map).

    Shared (cached): callers must not draw on it.

    Everything is float32 and broadcast from one row and one column where it can be: a large
    backstage is millions of pixels, and this runs before the first frame.
    """
    width, height = level.pixel_width, level.pixel_height
    rng = np.random.default_rng(level.seed & 0xFFFFFFFF)
    ys = np.arange(height, dtype=np.int32)[:, None]
    xs = np.arange(width, dtype=np.int32)[None, :]

    # Floor: planks running left to right, each with its own tone and grain, dark gaps between.
    board = ys // BOARD_WIDTH
    tone = rng.uniform(0.75, 1.1, size=height // BOARD_WIDTH + 2).astype(np.float32)[board]
    wave = np.sin(xs.astype(np.float32) / np.float32(23.0) + board.astype(np.float32) * np.float32(1.7))
    grain = np.float32(0.85) + np.float32(0.3) * _noise(rng, height, width, 6) * (np.float32(0.6) + np.float32(0.4) * wave)
    shade = tone * grain  # (H, W): how light each floor board is, before the walls' shadow
    seams = (ys % BOARD_WIDTH == 0) | ((xs + board * 57) % 160 == 0)

    # Walls: dark plaster, a lighter lip along their top edge so they read as raised.
    walls_top_down = np.array(level.walls[::-1], dtype=bool)
    wall_mask = np.repeat(np.repeat(walls_top_down, TILE_SIZE, axis=0), TILE_SIZE, axis=1)
    plaster = np.float32(0.8) + np.float32(0.35) * _noise(rng, height, width, 4)
    lip = np.zeros_like(wall_mask)
    lip[:-4, :] = wall_mask[:-4, :] & ~wall_mask[4:, :]
    # Soft contact shadow on the floor along the walls.
    blurred = Image.fromarray(wall_mask.view(np.uint8) * np.uint8(255)).filter(ImageFilter.GaussianBlur(6))
    occlusion = np.float32(1.0) - np.float32(0.45 / 255.0) * np.asarray(blurred, np.float32)

    rgba = np.empty((height, width, 4), np.uint8)
    rgba[..., 3] = 255
    for channel in range(3):
        wood = shade * np.float32(FLOOR_WOOD[channel])
        wood[seams] = FLOOR_GAP[channel]
        wood *= occlusion
        plane = np.where(wall_mask, plaster * np.float32(WALL_FACE[channel]), wood)
        plane[lip] = WALL_TOP[channel]
        np.clip(plane, 0, 255, out=plane)
        rgba[..., channel] = plane
    return Image.fromarray(rgba)


PROP_COLOURS = {
    "crate": ((128, 94, 58), (84, 60, 36)),
    "rack": ((70, 70, 78), (150, 40, 60)),
    "flat": ((96, 110, 120), (60, 66, 70)),
    "ladder": ((120, 96, 64), (70, 54, 34)),
    "sandbag": ((118, 106, 80), (80, 70, 52)),
    "mirror": ((150, 160, 170), (60, 60, 70)),
    "easel": ((110, 80, 50), (70, 50, 30)),
}


@lru_cache(maxsize=64)
def prop_image(kind: str, width: int, height: int) -> Image.Image:
    """A prop seen from above, drawn to its footprint."""
    base, detail = PROP_COLOURS.get(kind, PROP_COLOURS["crate"])
    width, height = max(4, width), max(4, height)
    image = Image.new("RGBA", (width, height), base + (255,))
    draw = ImageDraw.Draw(image)
    edge = tuple(max(0, c - 30) for c in base) + (255,)
    draw.rectangle([0, 0, width - 1, height - 1], outline=edge, width=2)
    if kind == "crate":
        draw.line([2, 2, width - 3, height - 3], fill=detail + (255,), width=3)
        draw.line([2, height - 3, width - 3, 2], fill=detail + (255,), width=3)
    elif kind == "rack":
        for x in range(4, width - 3, 6):
            hue = detail if (x // 6) % 2 else (60, 80, 140)
            draw.rectangle([x, 3, x + 4, height - 4], fill=hue + (255,))
    elif kind == "ladder":
        for y in range(3, height - 2, 7):
            draw.line([2, y, width - 3, y], fill=detail + (255,), width=2)
    elif kind == "mirror":
        draw.rectangle([3, 3, width - 4, height - 4], fill=(186, 196, 206, 255))
        draw.line([5, height - 6, width // 2, 5], fill=(230, 236, 240, 255), width=2)
    elif kind == "sandbag":
        draw.ellipse([1, 1, width - 2, height - 2], fill=base + (255,), outline=detail + (255,))
    else:
        draw.rectangle([3, 3, width - 4, height - 4], outline=detail + (255,), width=2)
    return image


TOOL_ICON_PX = 16  # a tool lying on the floor


@lru_cache(maxsize=16)
def tool_image(tool_id: str) -> Image.Image:
    """A tool lying on the floor: its own picture (from its record), small, on a glint of its colour."""
    record = tool(tool_id)
    big = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    glint = ImageDraw.Draw(big)
    glint.ellipse((14, 14, 82, 82), fill=record.colour + (110,))
    big = big.filter(ImageFilter.GaussianBlur(8))
    record.picture(ImageDraw.Draw(big))
    return big.resize((TOOL_ICON_PX, TOOL_ICON_PX), Image.LANCZOS)


@lru_cache(maxsize=4)
def player_image(radius: int = 10) -> Image.Image:
    """The dreamer from above: shoulders in a dark coat, a pale head."""
    size = radius * 2 + 4
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2
    draw.ellipse([c - radius, c - radius * 0.75, c + radius, c + radius * 0.75], fill=(58, 52, 80, 255), outline=(30, 26, 44, 255))
    draw.ellipse([c - radius * 0.5, c - radius * 0.5, c + radius * 0.5, c + radius * 0.5], fill=(226, 196, 170, 255))
    draw.ellipse([c - radius * 0.5, c - radius * 0.5, c + radius * 0.5, c + radius * 0.05], fill=(70, 46, 36, 255))
    return image
