"""Pictures of the things in the room, painted by code: props and tools (the floor and walls: game.render.tiles; the dreamer: game.render.dreamer).

All of it is deterministic (numpy generators seeded from the level's seed and fixed numbers)
and made at load time; nothing is downloaded or shipped as art.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter

from game.tools import tool

# Base colours of the backstage, before any light falls on them (RGB 0..255).
FLOOR_WOOD = (112, 84, 60)
FLOOR_GAP = (46, 34, 26)
WALL_FACE = (70, 62, 66)
WALL_TOP = (104, 94, 96)
BOARD_WIDTH = 12  # px, the floor's plank width


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


GLOW_TAPE = (196, 255, 170)  # phosphorescent tape, pale green


@lru_cache(maxsize=1)
def arrow_image() -> Image.Image:
    """A glow-tape arrow on the floor, pointing east (the renderer turns it): two strips of tape
    for the shaft and a chevron for the head, a little worn at the edges."""
    size, s = 64, 4  # painted four times larger, then reduced
    big = Image.new("RGBA", (size * s, size * s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    tape = GLOW_TAPE + (235,)
    w = 7 * s  # the tape's width
    mid = size * s / 2
    draw.line([(10 * s, mid), (40 * s, mid)], fill=tape, width=w)  # the shaft
    draw.line([(30 * s, mid - 16 * s), (50 * s, mid)], fill=tape, width=w)  # the head
    draw.line([(30 * s, mid + 16 * s), (50 * s, mid)], fill=tape, width=w)
    draw.ellipse([(50 * s - w / 2, mid - w / 2), (50 * s + w / 2, mid + w / 2)], fill=tape)
    return big.filter(ImageFilter.GaussianBlur(s * 0.6)).resize((size, size), Image.LANCZOS)
