"""The level's floor and walls as tiles: each distinct tile painted once, the level a grid of tile numbers.

A cell's look depends only on whether it is a wall, which of its eight neighbours are walls,
and a variant drawn from the level's seed — so a level of any size (512 × 512 tiles is legal)
needs a small atlas of painted tiles and a grid of two bytes per cell, never a picture of the
whole level. The floor pass (``lit_floor_fs.glsl``) fetches the grid, then the atlas.

The look, top-down in the dark:

- floor: boards of worn wood, darker where they meet a wall (contact shadow); lit by the lamps;
- wall tops (caps): cool slate with a pale bevel along every edge that meets the floor, drawn
  in a light of their own (``CAP_LIGHT``, plus some of the lamps' light), so the shape of every
  room reads even where no lamp reaches;
- wall faces: where a wall's south side meets the floor, its face shows below the cap — brick,
  plaster or a painted flat — and is lit by the lamps like any surface.

The atlas' alpha is the material: 255 a lit surface (floor, face), 0 a cap; in between, the
cap's soft edge.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image

from game.level.model import TILE_SIZE, Level
from game.render.keep import kept

T = TILE_SIZE
VARIANTS = 4  # looks per kind of tile, drawn per cell from the level's seed
ATLAS_COLUMNS = 32  # tiles per atlas row
FACE_PX = 12  # how tall a wall's face shows below its cap
BOARD_PX = 8  # the floor's board width (four boards a tile, so boards meet across tiles)
BEVEL_PX = 3  # the pale lip along a cap's edge
CONTACT_PX = 7.0  # how far a wall's contact shadow reaches across the floor
KINDS = ("floor", "wall")

BOARD_TONES = (0.97, 0.9, 1.0, 0.93)  # the four boards of a tile, the same in every tile
BUTT_CHANCE = 0.35  # a board ends within a tile this often (boards run ~90 px)

FLOOR_WOOD = (112, 84, 60)
FLOOR_GAP = (40, 30, 24)
CAP = (66, 64, 80)  # slate
BEVEL = (196, 190, 206)
BRICK = (136, 80, 62)
PLASTER = (150, 138, 118)
FLAT = (96, 112, 126)  # a painted canvas flat, blue-grey
MORTAR = (70, 56, 50)

# How a cap is lit (the floor pass multiplies its colour by this, plus CAP_LIT of the lamps').
CAP_LIGHT = (0.30, 0.31, 0.37)
CAP_LIT = 0.4

# Neighbour bits: N, NE, E, SE, S, SW, W, NW (y up: north is the row above).
N, NE, E, SE, S, SW, W, NW = (1 << i for i in range(8))
OFFSETS = ((0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1))


# -- which tile each cell is --------------------------------------------------------------


def tile_keys(level: Level) -> np.ndarray:
    """(height, width) int32 keys, row 0 at the bottom: wall << 10 | neighbours << 2 | variant."""
    walls = np.array(level.walls, dtype=bool)
    padded = np.pad(walls, 1, constant_values=True)  # beyond the map is wall
    height, width = walls.shape
    keys = walls.astype(np.int32) << 10
    for bit, (dx, dy) in enumerate(OFFSETS):
        neighbour = padded[1 + dy : 1 + dy + height, 1 + dx : 1 + dx + width]
        keys |= neighbour.astype(np.int32) << (2 + bit)
    rows, cols = np.mgrid[0:height, 0:width]
    mixed = (cols * 73856093) ^ (rows * 19349663) ^ (level.seed & 0x7FFFFFFF)
    keys |= (mixed % VARIANTS).astype(np.int32)
    return keys


# -- painting one tile ---------------------------------------------------------------------


def _noise(rng: np.random.Generator, scale: int) -> np.ndarray:
    """Smooth value noise 0..1 over one tile (a coarse grid scaled up)."""
    coarse = rng.random((T // scale + 2, T // scale + 2), dtype=np.float32)
    image = Image.fromarray((coarse * 255).astype(np.uint8)).resize(((T // scale + 2) * scale,) * 2, Image.BILINEAR)
    return np.asarray(image, np.float32)[:T, :T] / 255.0


def _rng(kind: str, variant: int) -> np.random.Generator:
    """The generator a kind of tile's variant is painted with (the same in every process)."""
    return np.random.default_rng([KINDS.index(kind), variant])


def _edge_distance(neighbours: int) -> np.ndarray:
    """Per pixel (top row first), px to the nearest edge this cell shares with a wall."""
    ys, xs = np.mgrid[0:T, 0:T].astype(np.float32) + 0.5
    far = np.full((T, T), 1e3, np.float32)
    sides = {N: ys, S: T - ys, W: xs, E: T - xs}
    for bit, distance in sides.items():
        if neighbours & bit:
            far = np.minimum(far, distance)
    corners = {NE: (0.0, float(T)), NW: (0.0, 0.0), SE: (float(T), float(T)), SW: (float(T), 0.0)}
    for bit, (cy, cx) in corners.items():
        if neighbours & bit:
            far = np.minimum(far, np.hypot(ys - cy, xs - cx))
    return far


def paint_floor(neighbours: int, variant: int) -> np.ndarray:
    """Boards, darker where they meet a wall."""
    rgba = _boards(variant).copy()
    rgba[..., :3] *= _contact(neighbours)[..., None]
    return rgba


@lru_cache(maxsize=VARIANTS)
def _boards(variant: int) -> np.ndarray:
    """Boards running east-west. A board's tone and grain depend only on its row, so boards run
    on across tiles without a seam; the variants differ in where boards butt end to end."""
    rng = _rng("floor", variant)
    rgba = np.zeros((T, T, 4), np.float32)
    ys, xs = np.mgrid[0:T, 0:T].astype(np.float32)
    board = (ys // BOARD_PX).astype(np.int32)
    tone = np.array(BOARD_TONES, np.float32)[board]
    phase = board * 2.3
    grain = 0.9 + 0.06 * np.sin(2 * np.pi * 2 * xs / T + phase) + 0.04 * np.sin(2 * np.pi * 5 * xs / T + phase * 1.7 + ys * 0.9)
    speckle = rng.uniform(-0.035, 0.035, (T, T)).astype(np.float32)
    shade = tone * (grain + speckle)
    gap = ys % BOARD_PX == 0  # the long gaps between boards
    boards = T // BOARD_PX
    butts = np.where(rng.random(boards) < BUTT_CHANCE, rng.integers(0, T, boards), -1)
    butt = xs == butts[board]  # where a board ends and the next begins: a faint line
    for channel in range(3):
        wood = FLOOR_WOOD[channel] * shade
        rgba[..., channel] = np.where(gap, FLOOR_GAP[channel], np.where(butt, wood * 0.62, wood))
    rgba[..., 3] = 255
    return rgba


@lru_cache(maxsize=256)
def _contact(neighbours: int) -> np.ndarray:
    """How much a wall's contact shadow darkens each pixel of a floor tile with these neighbours."""
    return (1.0 - 0.55 * np.exp(-_edge_distance(neighbours) / CONTACT_PX)).astype(np.float32)


def _face(rng: np.random.Generator, variant: int) -> np.ndarray:
    """The wall's face (FACE_PX rows, top row first): brick, plaster or a painted flat."""
    ys, xs = np.mgrid[0:FACE_PX, 0:T]
    kind = ("brick", "brick", "plaster", "flat")[variant % 4]
    face = np.zeros((FACE_PX, T, 3), np.float32)
    if kind == "brick":
        course = ys // 4
        offset = (course % 2) * 5
        mortar = (ys % 4 == 0) | ((xs + offset) % 10 == 0)
        tone = rng.uniform(0.8, 1.12, (FACE_PX // 4 + 1, 5)).astype(np.float32)
        shade = tone[course, ((xs + offset) // 10) % 5]
        for channel in range(3):
            face[..., channel] = np.where(mortar, MORTAR[channel], BRICK[channel] * shade)
    elif kind == "plaster":
        grain = 0.85 + 0.25 * _noise(rng, 3)[:FACE_PX]
        for channel in range(3):
            face[..., channel] = PLASTER[channel] * grain
    else:
        grain = 0.9 + 0.15 * _noise(rng, 6)[:FACE_PX]
        batten = (xs % 16 == 0) | (xs % 16 == 15)
        for channel in range(3):
            face[..., channel] = np.where(batten, FLAT[channel] * 0.7, FLAT[channel] * grain)
    # The face darkens toward its foot, where it meets the floor, and catches light at its top.
    depth = (0.78 + 0.3 * (1.0 - ys / (FACE_PX - 1)))[..., None]
    return face * depth


@lru_cache(maxsize=VARIANTS)
def _cap_and_face(variant: int) -> tuple[np.ndarray, np.ndarray]:
    """A wall's cap (slate) and its face, for one variant."""
    rng = _rng("wall", variant)
    grain = 0.85 + 0.25 * _noise(rng, 4)
    cap = np.stack([CAP[channel] * grain for channel in range(3)], axis=-1)
    return cap, _face(rng, variant)


def paint_wall(neighbours: int, variant: int) -> np.ndarray:
    cap, face = _cap_and_face(variant)
    rgba = np.zeros((T, T, 4), np.float32)
    rgba[..., :3] = cap
    floor_sides = ~neighbours & (N | E | S | W)
    # The cap's lip: pale along every edge that meets the floor (the shape of the room, in the dark).
    lip = np.zeros((T, T), np.float32)
    if floor_sides & N:
        lip[:BEVEL_PX, :] = 1.0
    if floor_sides & W:
        lip[:, :BEVEL_PX] = 1.0
    if floor_sides & E:
        lip[:, -BEVEL_PX:] = 1.0
    cap_rows = T - FACE_PX if floor_sides & S else T
    if floor_sides & S:
        lip[cap_rows - BEVEL_PX : cap_rows, :] = 1.0
    # Outer corners where two walls meet diagonally across the floor get the lip too.
    for bit, rows, cols in ((NE, slice(0, BEVEL_PX), slice(T - BEVEL_PX, T)), (NW, slice(0, BEVEL_PX), slice(0, BEVEL_PX)),
                            (SE, slice(cap_rows - BEVEL_PX, cap_rows), slice(T - BEVEL_PX, T)), (SW, slice(cap_rows - BEVEL_PX, cap_rows), slice(0, BEVEL_PX))):
        if not neighbours & bit:
            lip[rows, cols] = 1.0
    for channel in range(3):
        rgba[..., channel] = rgba[..., channel] * (1.0 - lip) + BEVEL[channel] * lip
    if floor_sides & S:
        rgba[cap_rows:, :, :3] = face
        rgba[cap_rows:, :, 3] = 255  # the face is lit like the floor
    return rgba


@lru_cache(maxsize=4096)
def paint_tile(key: int) -> np.ndarray:
    """One tile (uint8 RGBA, top row first) for a key from tile_keys."""
    wall, neighbours, variant = key >> 10, (key >> 2) & 0xFF, key & 3
    rgba = paint_wall(neighbours, variant) if wall else paint_floor(neighbours, variant)
    return np.clip(rgba, 0, 255).astype(np.uint8)


# -- the whole level ----------------------------------------------------------------------


class LevelTiles:
    """A level as an atlas of its distinct tiles and a grid saying which tile each cell is."""

    def __init__(self, level: Level):
        keys = tile_keys(level)
        distinct, numbers = np.unique(keys, return_inverse=True)
        self.numbers = numbers.reshape(keys.shape).astype(np.uint16)  # row 0 at the bottom
        self.atlas = tile_atlas(distinct.astype("<i4").tobytes())
        self.tiles = [self.atlas[row * T : (row + 1) * T, col * T : (col + 1) * T] for row, col in (divmod(index, ATLAS_COLUMNS) for index in range(len(distinct)))]

    def index_bytes(self) -> bytes:
        """The grid as RG8 texels (tile number = r + 256 g), top row first."""
        grid = self.numbers[::-1]
        return np.stack([grid & 0xFF, grid >> 8], axis=-1).astype(np.uint8).tobytes()


@kept
def tile_atlas(keys: bytes) -> np.ndarray:
    """The tiles of these keys (little-endian int32s from tile_keys), ATLAS_COLUMNS a row (kept: see game.render.keep)."""
    tiles = [paint_tile(int(key)) for key in np.frombuffer(keys, "<i4")]
    rows = (len(tiles) + ATLAS_COLUMNS - 1) // ATLAS_COLUMNS
    atlas = np.zeros((rows * T, ATLAS_COLUMNS * T, 4), np.uint8)
    for index, tile in enumerate(tiles):
        row, col = divmod(index, ATLAS_COLUMNS)
        atlas[row * T : (row + 1) * T, col * T : (col + 1) * T] = tile
    return atlas


@lru_cache(maxsize=2)
def level_tiles(level: Level) -> LevelTiles:
    return LevelTiles(level)


def baked(tile: np.ndarray) -> np.ndarray:
    """A tile as it looks unlit (its caps in their own light): opaque RGB for pictures of the level."""
    rgb = tile[..., :3].astype(np.float32)
    cap = 1.0 - tile[..., 3:4].astype(np.float32) / 255.0
    light = np.array(CAP_LIGHT, np.float32) + CAP_LIT * 0.5
    rgb = rgb * (1.0 - cap) + rgb * light * cap
    return np.clip(rgb, 0, 255).astype(np.uint8)


def level_region(level: Level, left: int, top: int, width: int, height: int) -> Image.Image:
    """Part of the level as a picture (px, from the map's top-left corner; top row first), unlit.

    For the pieces that break loose (lights_on, the vortex's shards) and other pictures of the
    level: only the tiles under the region are composed, whatever the level's size.
    """
    tiles = level_tiles(level)
    map_rows = level.height
    out = np.zeros((height, width, 3), np.uint8)
    first_col, last_col = max(0, left // T), min(level.width - 1, (left + width - 1) // T)
    first_row, last_row = max(0, top // T), min(map_rows - 1, (top + height - 1) // T)
    for row_down in range(first_row, last_row + 1):
        for col in range(first_col, last_col + 1):
            tile = baked(tiles.tiles[tiles.numbers[map_rows - 1 - row_down, col]])
            x0, y0 = col * T - left, row_down * T - top
            sx, sy = max(0, -x0), max(0, -y0)
            ex, ey = min(T, width - x0), min(T, height - y0)
            if ex > sx and ey > sy:
                out[y0 + sy : y0 + ey, x0 + sx : x0 + ex] = tile[sy:ey, sx:ex]
    return Image.fromarray(out).convert("RGBA")


def level_image(level: Level) -> Image.Image:
    """The whole level as one unlit picture (for small levels only: previews, assets, comparisons)."""
    return level_region(level, 0, 0, level.pixel_width, level.pixel_height)
