"""The level as plain data: what the generator, the Tiled loader and the world all agree on.

Coordinates are world pixels with y pointing up (as in pymunk and arcade). The wall grid is
indexed ``walls[row][col]`` with row 0 at the *bottom* of the map; the Tiled loader flips
Tiled's top-down rows when it reads a map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from game.tools import TOOL_IDS

TILE_SIZE = 32  # px per tile, in the world and in exported Tiled maps

LIGHT_KINDS = ("candle", "work_lamp", "bare_bulb", "spill", "house")
LEVEL_KINDS = ("backstage", "vortex")


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in world pixels; (x, y) is its lower-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


@dataclass(frozen=True)
class LightSpec:
    """A light as authored: where it hangs and how it behaves."""

    x: float
    y: float
    radius: float  # px, > 0
    color: tuple[int, int, int] = (255, 200, 140)
    intensity: float = 1.0  # 0..2
    flicker: float = 0.3  # 0..1, how much the brightness wanders
    kind: str = "work_lamp"  # one of LIGHT_KINDS


@dataclass(frozen=True)
class PropSpec:
    """A box-shaped prop: centre, size in px, what it is, whether it can be pushed."""

    x: float
    y: float
    width: float
    height: float
    kind: str = "crate"
    movable: bool = False
    casts_shadow: bool = True


@dataclass(frozen=True)
class ToolSpec:
    """A craft tool lying on the floor."""

    x: float
    y: float
    tool: str  # one of TOOL_IDS


@dataclass(frozen=True)
class SignSpec:
    """A glow-tape arrow on the floor: where it is and which way it points (degrees, 0 east, counterclockwise)."""

    x: float
    y: float
    angle: float


@dataclass(frozen=True)
class Level:
    """A complete, valid level. Anything that builds one has already checked it."""

    width: int  # tiles
    height: int  # tiles
    walls: tuple[tuple[bool, ...], ...]  # walls[row][col], row 0 at the bottom
    spawn: tuple[float, float]
    masterpiece: Rect | None = None  # the easel; every backstage level has one
    lights: tuple[LightSpec, ...] = ()
    props: tuple[PropSpec, ...] = ()
    tools: tuple[ToolSpec, ...] = ()
    curtain: Rect | None = None
    eye: tuple[float, float] | None = None  # the calm centre of a vortex level
    signs: tuple[SignSpec, ...] = ()  # arrows toward the stage (game.level.wayfinding)
    kind: str = "backstage"
    seed: int = 0
    title: str = "Backstage"
    floor: tuple[tuple[int, ...], ...] | None = None  # looks only: tile ids, same indexing as walls
    source: str | None = None  # the file it came from, if any
    # The vortex level a backstage file leads to, loaded and checked with it (None: the vortex is
    # generated from the seed). Loaded now, so a broken one is refused before the dream begins.
    vortex: "Level | None" = field(default=None, compare=False, repr=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def pixel_width(self) -> int:
        return self.width * TILE_SIZE

    @property
    def pixel_height(self) -> int:
        return self.height * TILE_SIZE

    def is_wall(self, col: int, row: int) -> bool:
        """Outside the map counts as wall, so nothing ever walks off the edge."""
        if 0 <= row < self.height and 0 <= col < self.width:
            return self.walls[row][col]
        return True

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        return (int(x // TILE_SIZE), int(y // TILE_SIZE))

    def cell_center(self, col: int, row: int) -> tuple[float, float]:
        return ((col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE)

    def wall_rects(self) -> list[Rect]:
        """Wall tiles merged into few rectangles (greedy meshing), in world pixels.

        Merged walls give the physics fewer shapes and the shadows no seams between tiles.
        """
        return [
            Rect(col * TILE_SIZE, row * TILE_SIZE, cols * TILE_SIZE, rows * TILE_SIZE)
            for col, row, cols, rows in merge_cells(self.walls)
        ]

    @classmethod
    def from_ascii(cls, rows: Iterable[str], **fields) -> "Level":
        """A small level drawn as text, top row first: handy in tests.

        ``#`` wall, ``.`` floor, ``S`` spawn, ``M`` masterpiece (one tile), ``L`` a work lamp,
        ``c`` a movable crate, ``C`` a fixed crate, ``1``-``5`` the tools in TOOL_IDS order,
        ``E`` the vortex eye.
        """
        lines = [line for line in rows]
        height, width = len(lines), max(len(line) for line in lines)
        walls: list[tuple[bool, ...]] = []
        spawn = None
        masterpiece = eye = None
        lights: list[LightSpec] = []
        props: list[PropSpec] = []
        tools: list[ToolSpec] = []
        for top_row, line in enumerate(lines):
            row = height - 1 - top_row
            walls.append(tuple(ch == "#" for ch in line.ljust(width, "#")))
            for col, ch in enumerate(line):
                cx, cy = (col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE
                if ch == "S":
                    spawn = (cx, cy)
                elif ch == "M":
                    masterpiece = Rect(col * TILE_SIZE, row * TILE_SIZE, TILE_SIZE, TILE_SIZE)
                elif ch == "E":
                    eye = (cx, cy)
                elif ch == "L":
                    lights.append(LightSpec(cx, cy, radius=6 * TILE_SIZE))
                elif ch in "cC":
                    props.append(PropSpec(cx, cy, TILE_SIZE * 0.8, TILE_SIZE * 0.8, movable=ch == "c"))
                elif ch in "12345":
                    tools.append(ToolSpec(cx, cy, TOOL_IDS[int(ch) - 1]))
        walls.reverse()  # built top-down; stored bottom-up
        if spawn is None:
            raise ValueError("ascii level has no spawn 'S'")
        return cls(
            width=width,
            height=height,
            walls=tuple(walls),
            spawn=spawn,
            masterpiece=masterpiece,
            lights=tuple(lights),
            props=tuple(props),
            tools=tuple(tools),
            eye=eye,
            **fields,
        )


def merge_cells(grid: tuple[tuple[bool, ...], ...]) -> list[tuple[int, int, int, int]]:
    """Greedy meshing of the true cells of a grid into (col, row, cols, rows) rectangles.

    From the bottom row up, left to right: each cell not yet in a rectangle starts one, as wide
    as its run of such cells, then as tall as the rows above hold the whole width. The rows are
    searched and marked a run at a time (bytes), not a cell at a time: a 512 x 512 map is a
    quarter of a million cells."""
    width = len(grid[0]) if grid else 0
    untaken = [bytearray(map(bool, row)) for row in grid]  # 1: a true cell in no rectangle yet
    rects = []
    for row, here in enumerate(untaken):
        col = here.find(1)
        while col >= 0:
            end = here.find(0, col)
            cols = (width if end < 0 else end) - col
            run = b"\x01" * cols
            rows = 1
            while row + rows < len(untaken) and untaken[row + rows][col : col + cols] == run:
                rows += 1
            for taken in untaken[row : row + rows]:
                taken[col : col + cols] = bytes(cols)
            rects.append((col, row, cols, rows))
            col = here.find(1, col + cols)
    return rects
