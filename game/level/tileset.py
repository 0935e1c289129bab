"""The backstage tileset, painted by code: its PNG and its Tiled descriptions (.tsj and .tsx).

`python -m game.level.tileset [FOLDER]` writes them (default: levels/). The same code always
paints the same pixels: patterns come from arithmetic and one `random.Random` with a fixed seed.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from game.level.model import TILE_SIZE
from game.resources import shipped_levels

NAME = "backstage_tiles"
PNG, TSJ, TSX = f"{NAME}.png", f"{NAME}.tsj", f"{NAME}.tsx"
COLUMNS = 4
PAINT_SEED = "flawed:backstage-tiles:1"

# Tile ids inside the tileset; a map's gid is FIRST_GID + id.
FIRST_GID = 1
TILES = ("wall", "stage", "wing", "corridor", "dressing", "storage", "plain", "curtain")
WALL_GID = FIRST_GID + TILES.index("wall")
FLOOR_GIDS = {name: FIRST_GID + TILES.index(name) for name in ("stage", "wing", "corridor", "dressing", "storage", "plain")}

# Base colours (RGB): dim, warm wood; dark plaster; a black-painted stage.
PLASTER = (72, 64, 68)
PLASTER_LIP = (108, 98, 100)
BOARDS = {"stage": (46, 40, 38), "wing": (104, 80, 58), "corridor": (112, 86, 62), "plain": (100, 82, 64)}
CARPET = (96, 34, 44)
CONCRETE = (92, 92, 88)
VELVET = (128, 18, 30)


def _clamp(value: float) -> int:
    return max(0, min(255, int(round(value))))


def _plaster(x: int, y: int, s: float) -> tuple:
    base = PLASTER_LIP if y < 4 else PLASTER
    if y == 4 or x in (0, TILE_SIZE - 1) and y > 4:
        return tuple(c * 0.8 for c in base)  # the shadow under the lip and down the sides
    return tuple(c * s for c in base)


def _boards(base: tuple, plank_tone: list[float]):
    """Planks 8 px wide, each its own tone, their joints staggered."""

    def paint(x: int, y: int, s: float) -> tuple:
        plank = y // 8
        if y % 8 == 0 or (x + plank * 11) % TILE_SIZE == 0:
            return tuple(c * 0.45 for c in base)
        return tuple(c * s * plank_tone[plank] for c in base)

    return paint


def _carpet(x: int, y: int, s: float) -> tuple:
    weave = 0.94 + 0.08 * ((x + y) % 4 == 0)
    return tuple(c * s * weave for c in CARPET)


def _concrete(x: int, y: int, s: float) -> tuple:
    seam = x == 0 or y == 0
    return tuple(c * (0.7 if seam else s) for c in CONCRETE)


def _velvet(x: int, y: int, s: float) -> tuple:
    fold = 0.7 + 0.3 * abs(((x % 8) - 3.5) / 3.5)  # heavy vertical folds
    return tuple(c * fold * s for c in VELVET)


PAINTERS = {"wall": _plaster, "dressing": _carpet, "storage": _concrete, "curtain": _velvet}  # and BOARDS


def _paint_tile(name: str, rng: random.Random) -> list[tuple[int, int, int, int]]:
    """One tile's pixels, row by row from the top, as RGBA."""
    size = TILE_SIZE
    speckle = [rng.uniform(0.9, 1.1) for _ in range(size * size)]
    plank_tone = [rng.uniform(0.82, 1.08) for _ in range(size // 8)]
    painter = _boards(BOARDS[name], plank_tone) if name in BOARDS else PAINTERS[name]
    return [(*(_clamp(c) for c in painter(x, y, speckle[y * size + x])), 255) for y in range(size) for x in range(size)]


def paint() -> tuple[int, int, bytes]:
    """The tileset image as (width, height, raw RGBA bytes)."""
    rng = random.Random(PAINT_SEED)
    rows = (len(TILES) + COLUMNS - 1) // COLUMNS
    width, height = COLUMNS * TILE_SIZE, rows * TILE_SIZE
    canvas = bytearray(width * height * 4)
    for index, name in enumerate(TILES):
        ox, oy = (index % COLUMNS) * TILE_SIZE, (index // COLUMNS) * TILE_SIZE
        for i, pixel in enumerate(_paint_tile(name, rng)):
            x, y = ox + i % TILE_SIZE, oy + i // TILE_SIZE
            at = (y * width + x) * 4
            canvas[at : at + 4] = bytes(pixel)
    return width, height, bytes(canvas)


def tileset_json() -> dict:
    """The .tsj (Tiled 1.8 JSON tileset) describing the PNG."""
    rows = (len(TILES) + COLUMNS - 1) // COLUMNS
    return {
        "type": "tileset",
        "version": "1.8",
        "tiledversion": "1.8.2",
        "name": NAME,
        "tilewidth": TILE_SIZE,
        "tileheight": TILE_SIZE,
        "tilecount": len(TILES),
        "columns": COLUMNS,
        "margin": 0,
        "spacing": 0,
        "image": PNG,
        "imagewidth": COLUMNS * TILE_SIZE,
        "imageheight": rows * TILE_SIZE,
        "tiles": [{"id": i, "type": name, "class": name} for i, name in enumerate(TILES)],
    }


def tileset_xml() -> str:
    """The same tileset as a .tsx, for maps saved as XML."""
    data = tileset_json()
    tiles = "".join(f' <tile id="{t["id"]}" type="{t["type"]}"/>\n' for t in data["tiles"])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tileset version="1.8" tiledversion="1.8.2" name="{NAME}" tilewidth="{TILE_SIZE}" '
        f'tileheight="{TILE_SIZE}" tilecount="{len(TILES)}" columns="{COLUMNS}">\n'
        f' <image source="{PNG}" width="{data["imagewidth"]}" height="{data["imageheight"]}"/>\n'
        f"{tiles}</tileset>\n"
    )


def write_tileset(folder: str | Path) -> list[Path]:
    """Write the PNG, .tsj and .tsx into a folder; returns their paths."""
    from PIL import (
        Image,  # here, not at the top: only writing the PNG needs it, loading a level never does
    )

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    width, height, raw = paint()
    png = folder / PNG
    Image.frombytes("RGBA", (width, height), raw).save(png, optimize=False, compress_level=9)
    tsj = folder / TSJ
    tsj.write_text(json.dumps(tileset_json(), indent=1) + "\n", encoding="utf-8")
    tsx = folder / TSX
    tsx.write_text(tileset_xml(), encoding="utf-8")
    return [png, tsj, tsx]


if __name__ == "__main__":
    for path in write_tileset(sys.argv[1] if len(sys.argv) > 1 else shipped_levels()):
        print(path)
