"""The procedural backstage: rooms grown as a tree from the stage, dressed with props, lights and tools.

Construction (in the manner of Brogue's room accretion):

1. the stage along the top of the map, the curtain over its upstage edge (the hall is beyond),
   and a wing on each side opening onto it;
2. dressing rooms, corridors and prop storage, each attached to a room already placed through
   a door in the one-tile wall between them, so every room is reachable by construction; a few
   extra doors between neighbours make loops;
3. props against walls (static) and crates standing free in storage and dressing rooms (movable,
   up to the plan's number; past it they stay put), each cell
   a prop takes checked to be a *simple* cell: the free cells around it stay 4-connected, so no
   prop ever cuts the floor in two. Doorways and the cells in front of them are never used;
4. the easel near the curtain, the spawn in the room farthest from it, a tool in each of five
   rooms, lights of every kind.

The flood fill of ``reach.playability_problems`` (with movable props counted as walls) then
checks the result; where it fails the next attempt runs with a derived seed.

Movable props are at most 28 px across and doors and corridors at least 2 tiles (64 px) wide,
so a pushed crate leaves at least 36 px of a doorway open for the dreamer's 20 px body.
"""

from __future__ import annotations

import random
from dataclasses import astuple, dataclass, field, replace

import numpy as np

from game.digest import digest
from game.level.model import (
    TILE_SIZE,
    TOOL_IDS,
    Level,
    LightSpec,
    PropSpec,
    Rect,
    ToolSpec,
)
from game.level.reach import (
    distances,
    floor_mask,
    free_grid,
    is_simple,
    occluder_edges,
    playability_problems,
    prop_cells,
    reached,
)
from game.level.tileset import FLOOR_GIDS
from game.level.wayfinding import mark_the_way

SIZES = ("small", "medium", "large")
MAX_ATTEMPTS = 40  # derived seeds tried before giving up (never reached in 1,000 seeds)


@dataclass(frozen=True)
class Plan:
    """How big a backstage of one size is (tiles) and how many rooms it grows."""

    width: int
    height: int
    rooms: int  # rooms and corridors grown below the stage
    stage_width: tuple[int, int]
    stage_depth: tuple[int, int]
    wing_width: tuple[int, int]
    min_spawn_steps: int  # tiles walked from the spawn to the easel, at least
    min_edges: int  # shadow-casting edges (reach.occluder_edges), at least: the lighting's workload
    max_lights: int  # at most: every light is stepped by the simulation every tick
    max_movable: int  # movable props at most: each is a body with floor friction joints to simulate


PLANS = {
    "small": Plan(48, 32, 22, (14, 18), (5, 6), (4, 6), 18, 120, 16, 6),
    "medium": Plan(72, 46, 50, (20, 26), (6, 8), (5, 7), 30, 320, 24, 10),
    "large": Plan(100, 64, 100, (28, 36), (7, 9), (6, 8), 45, 480, 40, 16),
}

# Room shapes (interior tiles, inclusive ranges).
CORRIDOR_LENGTH = (5, 12)
CORRIDOR_WIDTHS = (2, 2, 2, 3)
DRESSING_SIZE = ((5, 8), (4, 6))
STORAGE_SIZE = ((7, 11), (6, 9))
DOOR_WIDTH = 2  # tiles; never less, so a pushed crate cannot shut a doorway
LOOP_DOOR_CHANCE = 0.35
GROW_TRIES_PER_ROOM = 30
GROW_MISSES_IN_A_ROW = 150  # failed tries after which the map counts as full
GROW_SIDES = ("down", "down", "left", "right", "up")  # which side of its parent a room grows on, by lot

# Props (px). Static ones stand against a wall; movable ones stand free in storage rooms.
PROP_SIZES = {
    "crate": (28.0, 28.0),
    "stack": (30.0, 30.0),  # a fixed stack of crates (kind "crate")
    "rack": (56.0, 20.0),
    "flat": (60.0, 12.0),
    "ladder": (60.0, 16.0),
    "sandbag": (22.0, 14.0),
    "mirror": (40.0, 10.0),
}
WALL_GAP = 2.0  # px between a prop and the wall it stands against
MOVABLE_CRATES_PER_STORAGE = (2, 4)

# Lights by kind: radius px, colour, intensity, flicker (ranges are drawn from the level's rng).
LIGHTS = {
    "candle": ((110, 150), (255, 168, 92), (0.8, 1.0), (0.55, 0.8)),
    "work_lamp": ((250, 330), (255, 236, 204), (1.0, 1.25), (0.04, 0.1)),
    "bare_bulb": ((170, 230), (255, 222, 168), (0.85, 1.1), (0.25, 0.45)),
    "spill": ((130, 170), (255, 206, 150), (0.6, 0.8), (0.05, 0.12)),
}

# How many lights: enough for shadows everywhere, few enough for the simulation's budget.
SPILL_SPACING = 8  # tiles of curtain per spill light (at least three)
SECOND_CANDLE_CHANCE = 0.25  # a dressing room has one candle, sometimes two
LONG_CORRIDOR = 9  # tiles; a corridor this long always has a bulb
SHORT_CORRIDOR_BULB_CHANCE = 0.3

EASEL_SIZE = (32.0, 48.0)  # px, about 1 x 1.5 tiles

# Where the dreamer wakes and finds the tools: a walk of exploration, not a maze.
SPAWN_WALK = (0.55, 0.8)  # the spawn's steps to the easel, as a share of the farthest room's
FIRST_TOOL_ALONG = (0.2, 0.65)  # the first tool lies on the way, this share of it from the spawn
DETOUR_STEPS = 16  # the other tools: rooms at most about this many extra steps off the way


@dataclass
class Room:
    kind: str  # stage, wing, corridor, dressing, storage
    x0: int
    y0: int
    x1: int  # inclusive
    y1: int  # inclusive
    doors: list[tuple[int, int]] = field(default_factory=list)
    links: list[int] = field(default_factory=list)  # ids of the rooms a door leads to
    id: int = -1  # its index in Builder.rooms once carved; GONE once filled in again

    @property
    def width(self) -> int:
        return self.x1 - self.x0 + 1

    @property
    def height(self) -> int:
        return self.y1 - self.y0 + 1

    def cells(self):
        for row in range(self.y0, self.y1 + 1):
            for col in range(self.x0, self.x1 + 1):
                yield col, row


def shared_wall(a: Room, b: Room) -> tuple[bool, int, int, int] | None:
    """The one-tile wall between two rooms, if there is one.

    (whether the wall is a row, its row or column, the first and last cell along it that both
    rooms border), or None. Rooms one above the other are looked at first.
    """
    if a.y1 + 2 == b.y0 or b.y1 + 2 == a.y0:
        wall = a.y1 + 1 if a.y1 + 2 == b.y0 else b.y1 + 1
        return True, wall, max(a.x0, b.x0), min(a.x1, b.x1)
    if a.x1 + 2 == b.x0 or b.x1 + 2 == a.x0:
        wall = a.x1 + 1 if a.x1 + 2 == b.x0 else b.x1 + 1
        return False, wall, max(a.y0, b.y0), min(a.y1, b.y1)
    return None


def drawn_light(rng: random.Random, kind: str, x: float, y: float) -> LightSpec:
    """A light of a kind at a place, its radius, intensity and flicker drawn (in that order) from LIGHTS."""
    radii, colour, intensities, flickers = LIGHTS[kind]
    return LightSpec(float(x), float(y), float(rng.randint(*radii)), colour, round(rng.uniform(*intensities), 2), round(rng.uniform(*flickers), 2), kind)


GONE = -2  # the id of a room filled in again (Builder.prune)


class Failed(Exception):
    """This attempt cannot be finished; try the next derived seed."""


class Builder:
    """One attempt at a backstage, from one random generator."""

    def __init__(self, rng: random.Random, plan: Plan):
        self.rng = rng
        self.plan = plan
        self.width, self.height = plan.width, plan.height
        self.floor = [bytearray(self.width) for _ in range(self.height)]  # 1 = floor
        self.free = [bytearray(self.width) for _ in range(self.height)]  # floor and no prop
        self.reserved = [bytearray(self.width) for _ in range(self.height)]  # no props here
        self.room_of = [[-1] * self.width for _ in range(self.height)]
        self.rooms: list[Room] = []
        self.props: list[PropSpec] = []
        self.lights: list[LightSpec] = []
        self.tools: list[ToolSpec] = []
        self.stage: Room | None = None
        self.easel: Rect | None = None
        self.curtain: Rect | None = None
        self.spawn: tuple[float, float] | None = None

    # -- rooms ----------------------------------------------------------------------------

    def carve(self, room: Room) -> Room:
        index = len(self.rooms)
        room.id = index
        self.rooms.append(room)
        for col, row in room.cells():
            self.floor[row][col] = self.free[row][col] = 1
            self.room_of[row][col] = index
        return room

    def open_door(self, cells: list[tuple[int, int]], a: Room, b: Room) -> None:
        for col, row in cells:
            self.floor[row][col] = self.free[row][col] = 1
            self.reserved[row][col] = 1
            # Keep the doorway's approaches clear on both sides.
            for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)):
                if 0 <= row + dr < self.height and 0 <= col + dc < self.width:
                    self.reserved[row + dr][col + dc] = 1
        a.doors.extend(cells)
        b.doors.extend(cells)
        a.links.append(b.id)
        b.links.append(a.id)

    def fits(self, x0: int, y0: int, x1: int, y1: int) -> bool:
        if x0 < 1 or y0 < 1 or x1 > self.width - 2 or y1 > self.height - 2:
            return False
        # No floor in the room or the ring of wall around it (byte slices: quick).
        floor = self.floor
        return not any(1 in floor[row][x0 - 1 : x1 + 2] for row in range(y0 - 1, y1 + 2))

    def lay_stage(self) -> None:
        rng, plan = self.rng, self.plan
        width = rng.randint(*plan.stage_width)
        depth = rng.randint(*plan.stage_depth)
        x0 = (self.width - width) // 2 + rng.randint(-2, 2)
        y1 = self.height - 2
        self.stage = self.carve(Room("stage", x0, y1 - depth + 1, x0 + width - 1, y1))
        # The curtain hangs over the upstage wall; the hall and its audience are beyond it.
        self.curtain = Rect(float(x0 * TILE_SIZE), float((y1 + 1) * TILE_SIZE), float(width * TILE_SIZE), float(TILE_SIZE))
        for side in (-1, 1):
            wing_width = rng.randint(*plan.wing_width)
            if side < 0:
                wx1 = x0 - 2
                wx0 = max(1, wx1 - wing_width + 1)
                wall_col = x0 - 1
            else:
                wx0 = x0 + width + 1
                wx1 = min(self.width - 2, wx0 + wing_width - 1)
                wall_col = x0 + width
            if wx1 - wx0 < 2:
                continue
            wing = self.carve(Room("wing", wx0, y1 - depth + 1, wx1, y1))
            # Two openings between wing and stage, as between the legs of a real stage.
            low = wing.y0 + rng.randint(0, max(0, depth // 2 - DOOR_WIDTH))
            high = wing.y1 - DOOR_WIDTH + 1 - rng.randint(0, 1)
            for start in sorted({low, high}):
                if start + DOOR_WIDTH - 1 <= wing.y1:
                    self.open_door([(wall_col, r) for r in range(start, start + DOOR_WIDTH)], wing, self.stage)

    def child_shape(self, parent: Room) -> tuple[str, int, int, int]:
        """(kind, width, height, door width) of a room to grow from `parent`."""
        rng = self.rng
        if parent.kind == "corridor":
            kind = "corridor" if rng.random() < 0.25 else rng.choice(("dressing", "dressing", "storage"))
        else:
            kind = "corridor" if rng.random() < 0.6 else rng.choice(("dressing", "storage"))
        if kind == "corridor":
            return kind, rng.randint(*CORRIDOR_LENGTH), rng.choice(CORRIDOR_WIDTHS), 0
        (w0, w1), (h0, h1) = DRESSING_SIZE if kind == "dressing" else STORAGE_SIZE
        return kind, rng.randint(w0, w1), rng.randint(h0, h1), DOOR_WIDTH

    def grow(self) -> None:
        target = len(self.rooms) + self.plan.rooms
        tries = self.plan.rooms * GROW_TRIES_PER_ROOM
        misses = 0  # in a row: when the map is full, stop looking
        while len(self.rooms) < target and tries > 0 and misses < GROW_MISSES_IN_A_ROW:
            tries -= 1
            misses = 0 if self.grow_room() else misses + 1

    def grow_room(self) -> bool:
        """Try to attach one new room to a room already placed; whether it was."""
        rng = self.rng
        parent = rng.choice(self.rooms)
        kind, length, breadth, door = self.child_shape(parent)
        side = rng.choice(GROW_SIDES)
        if parent.kind in ("stage", "wing") and side == "up":
            return False
        if kind == "corridor":  # it runs away from its parent, its whole breadth the door
            along, across, door = breadth, length, breadth
        elif side in ("down", "up"):
            along, across = length, breadth
        else:
            along, across = breadth, length
        placed = self.attach(parent, side, along, across, door)
        if placed is None:
            return False
        (x0, y0, x1, y1), cells = placed
        child = self.carve(Room(kind, x0, y0, x1, y1))
        self.open_door(cells, parent, child)
        return True

    def attach(self, parent: Room, side: str, along: int, across: int, door: int):
        """Where a room `along` x `across` tiles fits on one side of `parent`, and its door.

        `along` runs beside the wall it shares with the parent, `across` away from it. Returns
        ((x0, y0, x1, y1), door cells) or None. The same code serves every side: a left or right
        room is an up or down one with the axes swapped.
        """
        rng = self.rng
        vertical = side in ("down", "up")  # the new room is below or above: the shared wall is a row
        (p0, p1), (q0, q1) = ((parent.x0, parent.x1), (parent.y0, parent.y1)) if vertical else ((parent.y0, parent.y1), (parent.x0, parent.x1))
        lo, hi = p0 - along + door, p1 - door + 1
        if lo > hi:
            return None
        a0 = rng.randint(lo, hi)
        a1 = a0 + along - 1
        if side in ("down", "left"):
            b1 = q0 - 2
            b0, wall = b1 - across + 1, q0 - 1
        else:
            b0 = q1 + 2
            b1, wall = b0 + across - 1, q1 + 1
        box = (a0, b0, a1, b1) if vertical else (b0, a0, b1, a1)
        if not self.fits(*box):
            return None
        start = rng.randint(max(p0, a0), min(p1, a1) - door + 1)
        cells = [(a, wall) if vertical else (wall, a) for a in range(start, start + door)]
        return box, cells

    def loop_doors(self) -> None:
        """Extra doors between rooms that share a wall, so the backstage is not a pure tree."""
        rooms = self.rooms
        for i, a in enumerate(rooms):
            for b in rooms[i + 1 :]:
                if not {a.kind, b.kind} <= {"stage", "wing"}:
                    self.loop_door(a, b)

    def loop_door(self, a: Room, b: Room) -> None:
        """By chance, a door through the wall between two rooms, where they share enough of it."""
        shared = shared_wall(a, b)
        if shared is None:
            return
        row_wall, wall, lo, hi = shared
        if hi - lo + 1 < DOOR_WIDTH + 1 or self.rng.random() >= LOOP_DOOR_CHANCE:
            return
        start = self.rng.randint(lo, hi - DOOR_WIDTH + 1)
        cells = [(c, wall) if row_wall else (wall, c) for c in range(start, start + DOOR_WIDTH)]
        # Only a door in a wall row is checked against the doors already there: so the
        # golden levels were made, and checking a wall column too would change them.
        if row_wall and any(cell in a.doors for cell in cells):
            return
        self.open_door(cells, a, b)

    def prune(self) -> None:
        """Fill in corridors that lead nowhere (a dead end is a room, never a bare passage)."""
        changed = True
        while changed:
            changed = False
            for room in self.rooms:
                if room.kind == "corridor" and len(room.links) == 1 and room.id >= 0:
                    self.fill_in(room)
                    changed = True
        self.rooms = [room for room in self.rooms if room.id != GONE]
        for index, room in enumerate(self.rooms):
            for col, row in room.cells():
                self.room_of[row][col] = index

    def fill_in(self, room: Room) -> None:
        """Turn a room and its one door back into wall."""
        other = self.rooms[room.links[0]]
        door = [cell for cell in room.doors if cell in other.doors]
        for col, row in list(room.cells()) + door:
            self.floor[row][col] = self.free[row][col] = 0
            self.room_of[row][col] = -1
        other.doors = [cell for cell in other.doors if cell not in door]
        other.links.remove(room.id)
        room.links = []
        room.id = GONE

    # -- the easel ------------------------------------------------------------------------

    def place_easel(self) -> None:
        stage = self.stage
        col = self.rng.randint(stage.x0 + 2, stage.x1 - 2)
        row = stage.y1 - 1  # one row downstage of the curtain line
        w, h = EASEL_SIZE
        self.easel = Rect(col * TILE_SIZE + (TILE_SIZE - w) / 2, (row + 0.5) * TILE_SIZE - h / 2, w, h)  # centred on the cell
        for r in range(row - 2, row + 2):
            for c in range(col - 2, col + 3):
                if 0 <= r < self.height:
                    self.reserved[r][c] = 1

    # -- props ----------------------------------------------------------------------------

    def take(self, prop: PropSpec) -> bool:
        """Put a prop down if every cell it touches is free, unreserved and simple."""
        cells = prop_cells(prop, self.width, self.height)
        for col, row in cells:
            if not self.free[row][col] or self.reserved[row][col]:
                return False
        taken = []
        for col, row in cells:
            if not is_simple(self.free, col, row):
                for c, r in taken:
                    self.free[r][c] = 1
                return False
            self.free[row][col] = 0
            taken.append((col, row))
        self.props.append(prop)
        return True

    def against_wall(self, room: Room, kind: str, label: str | None = None, movable: bool = False) -> bool:
        """A prop along a random wall of the room, long side along the wall."""
        rng = self.rng
        length, depth = PROP_SIZES[kind]
        side = rng.choice(("down", "up", "left", "right"))
        if side in ("down", "up"):
            span = room.width * TILE_SIZE - length
            if span < 0:
                return False
            x = room.x0 * TILE_SIZE + length / 2 + rng.randint(0, int(span) // 4) * 4
            y = room.y0 * TILE_SIZE + WALL_GAP + depth / 2 if side == "down" else (room.y1 + 1) * TILE_SIZE - WALL_GAP - depth / 2
            w, h = length, depth
        else:
            span = room.height * TILE_SIZE - length
            if span < 0:
                return False
            y = room.y0 * TILE_SIZE + length / 2 + rng.randint(0, int(span) // 4) * 4
            x = room.x0 * TILE_SIZE + WALL_GAP + depth / 2 if side == "left" else (room.x1 + 1) * TILE_SIZE - WALL_GAP - depth / 2
            w, h = depth, length
        return self.take(PropSpec(x, y, w, h, label or kind, movable))

    def free_standing(self, room: Room, kind: str, movable: bool) -> bool:
        """A prop in the room's interior (one tile in from its walls), on a cell centre."""
        rng = self.rng
        if room.width < 4 or room.height < 4:
            return False
        col = rng.randint(room.x0 + 1, room.x1 - 1)
        row = rng.randint(room.y0 + 1, room.y1 - 1)
        # Keep free-standing props a cell apart, so two of them never wall off a passage together.
        for r in range(row - 1, row + 2):
            for c in range(col - 1, col + 2):
                if not self.free[r][c] and self.floor[r][c]:
                    return False
        w, h = PROP_SIZES[kind]
        x, y = (col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE
        return self.take(PropSpec(x, y, w, h, "crate" if kind == "stack" else kind, movable))

    def dress(self) -> None:
        dressers = {"dressing": self.dress_dressing_room, "storage": self.dress_storage, "wing": self.dress_wing, "stage": self.dress_stage}
        for room in self.rooms:
            if room.kind in dressers:  # corridors stay bare
                dressers[room.kind](room)
        self.settle_movables()

    def dress_dressing_room(self, room: Room) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 2)):
            self.against_wall(room, "mirror")
        for _ in range(rng.randint(1, 2)):
            self.against_wall(room, "rack")
        if rng.random() < 0.5:
            self.free_standing(room, "crate", movable=True)

    def dress_storage(self, room: Room) -> None:
        rng = self.rng
        for _ in range(rng.randint(*MOVABLE_CRATES_PER_STORAGE)):
            self.free_standing(room, "crate", movable=True)
        for _ in range(rng.randint(2, 4)):
            self.against_wall(room, rng.choice(("stack", "stack", "flat", "ladder", "sandbag")), None)
        if rng.random() < 0.5:
            self.free_standing(room, "sandbag", movable=True)

    def dress_wing(self, room: Room) -> None:
        for _ in range(self.rng.randint(2, 3)):
            self.against_wall(room, self.rng.choice(("flat", "flat", "ladder", "sandbag")))

    def dress_stage(self, room: Room) -> None:
        for _ in range(self.rng.randint(1, 3)):
            self.against_wall(room, "sandbag")

    def settle_movables(self) -> None:
        """Past the plan's number, free-standing props stay put (chosen by lot); stacks never move."""
        movable = [index for index, prop in enumerate(self.props) if prop.movable]
        self.rng.shuffle(movable)
        keep = set(movable[: self.plan.max_movable])
        self.props = [
            PropSpec(p.x, p.y, p.width, p.height, "crate" if p.kind == "stack" else p.kind, p.movable and index in keep)
            for index, p in enumerate(self.props)
        ]

    # -- the spawn and the tools ----------------------------------------------------------

    def open_cells(self, room: Room, dist) -> list[tuple[int, int]]:
        """Free, reached cells of a room whose four neighbours are free too."""
        free = self.free
        return [
            (c, r)
            for c, r in room.cells()
            if free[r][c] and dist[r][c] >= 0 and free[r + 1][c] and free[r - 1][c] and free[r][c + 1] and free[r][c - 1]
        ]

    def place_spawn_and_tools(self) -> None:
        easel = self.easel
        start = (int(easel.center[0] // TILE_SIZE), int(easel.center[1] // TILE_SIZE))
        dist = distances(self.free, start)
        spawn_cell = self.place_spawn(dist)
        self.place_tools(dist, spawn_cell)

    def place_spawn(self, dist) -> tuple[int, int]:
        """The spawn: an open cell in a dressing room or storage (the dreamer wakes in one), a fair
        walk from the easel — far enough to explore, not the farthest dead end; its cell."""
        candidates = []
        for room in self.rooms:
            if room.kind in ("dressing", "storage"):
                candidates += [(dist[r][c], c, r, room) for c, r in self.open_cells(room, dist)]
        if not candidates:
            raise Failed("no room for the spawn")
        best = max(d for d, *_ in candidates)
        if best < self.plan.min_spawn_steps:
            raise Failed("spawn too close to the easel")
        low = max(self.plan.min_spawn_steps, SPAWN_WALK[0] * best)
        fair = [entry for entry in candidates if low <= entry[0] <= SPAWN_WALK[1] * best] or [e for e in candidates if e[0] >= best - 3]
        _, col, row, spawn_room = fair[self.rng.randrange(len(fair))]
        self.spawn = ((col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE)
        self.spawn_room = spawn_room
        return col, row

    def place_tools(self, dist, spawn_cell: tuple[int, int]) -> None:
        """The first tool on the way from the spawn to the easel; the others each in a room of its
        own a short detour off that way (never the stage, never the spawn cell)."""
        rng = self.rng
        from_spawn = distances(self.free, spawn_cell)
        walk = dist[spawn_cell[1]][spawn_cell[0]]

        def detour(cell) -> int:  # extra steps to pass by this cell on the way to the easel
            c, r = cell
            return from_spawn[r][c] + dist[r][c] - walk

        choices = []  # (room, its open cells by detour)
        for room in self.rooms:
            if room.kind == "stage":
                continue
            cells = sorted((detour(cell), cell) for cell in self.open_cells(room, dist) if cell != spawn_cell)
            if cells:
                choices.append((room, cells))
        if len(choices) < len(TOOL_IDS):
            raise Failed("not enough rooms for the tools")
        # The first: in a room the way passes through, a quarter to two thirds of the way along.
        on_way = [(room, cells) for room, cells in choices if cells[0][0] <= 2 and any(
            d <= 2 and FIRST_TOOL_ALONG[0] * walk <= from_spawn[c[1]][c[0]] <= FIRST_TOOL_ALONG[1] * walk for d, c in cells)]
        first = on_way[rng.randrange(len(on_way))] if on_way else min(choices, key=lambda rc: rc[1][0][0])
        picked = [first]
        # The others: rooms a short detour off the way, a few of the nearest, by lot.
        rest = sorted((rc for rc in choices if rc is not first), key=lambda rc: (rc[1][0][0], rc[0].kind == "corridor"))
        nearest = rest[: max(len(TOOL_IDS) + 2, len([rc for rc in rest if rc[1][0][0] <= DETOUR_STEPS]))]
        rng.shuffle(nearest)
        picked += nearest[: len(TOOL_IDS) - 1]
        for index, (room, cells) in enumerate(picked):
            if index == 0:
                spots = [c for d, c in cells if d <= 2 and FIRST_TOOL_ALONG[0] * walk <= from_spawn[c[1]][c[0]] <= FIRST_TOOL_ALONG[1] * walk] or [cells[0][1]]
            else:
                spots = [c for d, c in cells if d <= cells[0][0] + 2]
            c, r = spots[rng.randrange(len(spots))]
            jitter = (rng.randint(-6, 6), rng.randint(-6, 6))
            self.tools.append(ToolSpec((c + 0.5) * TILE_SIZE + jitter[0], (r + 0.5) * TILE_SIZE + jitter[1], TOOL_IDS[index]))

    # -- lights ---------------------------------------------------------------------------

    def light(self, kind: str, x: float, y: float) -> None:
        self.lights.append(drawn_light(self.rng, kind, x, y))

    def light_spot(self, room: Room, near_wall: bool) -> tuple[float, float] | None:
        """A free cell of the room, near a wall or not, as a point a little off its centre."""
        rng = self.rng
        for _ in range(12):
            col = rng.randint(room.x0, room.x1)
            row = rng.randint(room.y0, room.y1)
            if near_wall:
                side = rng.randrange(4)
                col = (room.x0, room.x1, col, col)[side]
                row = (row, row, room.y0, room.y1)[side]
            if self.free[row][col]:
                return ((col + 0.5) * TILE_SIZE + rng.randint(-4, 4), (row + 0.5) * TILE_SIZE + rng.randint(-4, 4))
        return None

    def place_lights(self) -> None:
        self.spill_lights()
        self.light("bare_bulb", *self.stage_point())  # the ghost light, left burning mid-stage
        lighters = {"dressing": self.light_dressing_room, "storage": self.light_storage, "corridor": self.light_corridor, "wing": self.light_wing}
        for room in self.rooms:
            if room.kind in lighters:  # the stage has the spill and the ghost light
                lighters[room.kind](room)
        if not any(light.kind == "candle" for light in self.lights):
            # Every backstage has a candle: the one by which the dreamer wakes.
            spot = self.light_spot(self.spawn_room, near_wall=True) or self.spawn
            self.light("candle", spot[0] + 8.0, spot[1] + 8.0)
        self.thin_lights()

    def spill_lights(self) -> None:
        """The hall's light leaking under the curtain, in a row along it."""
        stage = self.stage
        count = max(3, stage.width // SPILL_SPACING)
        y = (stage.y1 + 1) * TILE_SIZE - 10.0
        for i in range(count):
            x = (stage.x0 + (i + 0.5) * stage.width / count) * TILE_SIZE
            self.light("spill", round(x), y)

    def light_dressing_room(self, room: Room) -> None:
        for _ in range(2 if self.rng.random() < SECOND_CANDLE_CHANCE else 1):
            self.light_near(room, "candle", near_wall=True)

    def light_storage(self, room: Room) -> None:
        self.light_near(room, "work_lamp", near_wall=False)

    def light_wing(self, room: Room) -> None:
        self.light_near(room, "work_lamp", near_wall=True)

    def light_corridor(self, room: Room) -> None:
        """A bulb in the middle of a long corridor, and by chance of a short one."""
        if max(room.width, room.height) >= LONG_CORRIDOR or self.rng.random() < SHORT_CORRIDOR_BULB_CHANCE:
            cx, cy = (room.x0 + room.x1 + 1) / 2, (room.y0 + room.y1 + 1) / 2
            if self.free[int(cy)][int(cx)]:
                self.light("bare_bulb", cx * TILE_SIZE, cy * TILE_SIZE)

    def light_near(self, room: Room, kind: str, near_wall: bool) -> None:
        spot = self.light_spot(room, near_wall)
        if spot:
            self.light(kind, *spot)

    def thin_lights(self) -> None:
        """Keep at most the plan's number of lights: all the spill, one of each other kind, the rest by lot."""
        extra = len(self.lights) - self.plan.max_lights
        if extra <= 0:
            return
        keep, seen = set(), set()
        for index, light in enumerate(self.lights):
            if light.kind == "spill" or light.kind not in seen:
                keep.add(index)
                seen.add(light.kind)
        others = [index for index in range(len(self.lights)) if index not in keep]
        self.rng.shuffle(others)
        keep.update(others[: max(0, self.plan.max_lights - len(keep))])
        self.lights = [light for index, light in enumerate(self.lights) if index in keep]

    def stage_point(self) -> tuple[float, float]:
        stage = self.stage
        easel_col = int(self.easel.center[0] // TILE_SIZE)
        col = stage.x0 + 2 if easel_col > (stage.x0 + stage.x1) // 2 else stage.x1 - 2
        row = (stage.y0 + stage.y1) // 2
        return ((col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE)

    # -- the whole ------------------------------------------------------------------------

    def build(self, seed: int) -> Level:
        self.lay_stage()
        self.grow()
        if len(self.rooms) < 3 + self.plan.rooms * 3 // 4:
            raise Failed("too few rooms grew")
        self.loop_doors()
        self.prune()
        self.place_easel()
        self.dress()
        self.place_spawn_and_tools()
        self.place_lights()
        floor_tiles = tuple(
            tuple(FLOOR_GIDS[self.rooms[index].kind] if index >= 0 else (FLOOR_GIDS["plain"] if self.floor[r][c] else 0) for c, index in enumerate(row_rooms))
            for r, row_rooms in enumerate(self.room_of)
        )
        return Level(
            width=self.width,
            height=self.height,
            walls=tuple(tuple(not cell for cell in row) for row in self.floor),
            spawn=self.spawn,
            masterpiece=self.easel,
            lights=tuple(self.lights),
            props=tuple(self.props),
            tools=tuple(self.tools),
            curtain=self.curtain,
            kind="backstage",
            seed=seed,
            title="Backstage",
            floor=floor_tiles,
        )


def generate_backstage(seed: int, size: str = "medium") -> Level:
    """The backstage of a seed: the same level for the same seed and size in every process."""
    if size not in PLANS:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, found {size!r}")
    plan = PLANS[size]
    for attempt in range(MAX_ATTEMPTS):
        rng = random.Random(f"backstage:{size}:{seed}:{attempt}")  # str seeds hash the same everywhere
        try:
            level = Builder(rng, plan).build(seed)
        except Failed:
            continue
        if occluder_edges(level) >= plan.min_edges and not playability_problems(level, movable_block=True):
            return mark_the_way(level)
    raise RuntimeError(f"no playable backstage for seed {seed} ({size}) in {MAX_ATTEMPTS} attempts")


# -- filling in what a hand-made level leaves out ------------------------------------------

FILL_PROP_KINDS = ("crate", "crate", "sandbag", "mirror", "ladder")
FILL_PROP_SIZES = {"crate": (28.0, 28.0), "sandbag": (22.0, 14.0), "mirror": (28.0, 10.0), "ladder": (28.0, 16.0)}
FILL_CELLS_PER_PROP = 45  # reached floor cells for each prop added
FILL_MIN_PROPS = 2
FILL_MAX_PROPS = 150
FILL_CELLS_PER_LIGHT = 45  # reached floor cells for each light added
FILL_LIGHTS = (4, 40)  # fewest and most lights added
FILL_LIGHT_KINDS = ("candle", "bare_bulb", "bare_bulb", "work_lamp")  # drawn by lot for each light added
SPREAD_CANDIDATES = 3000  # cells looked at when spreading things out (keeps big maps quick)


def _spread(rng: random.Random, cells: np.ndarray, count: int, away_from: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pick cells (rows of col, row) far from each other and from `away_from` (farthest-point sampling, ties by rng)."""
    if len(cells) > SPREAD_CANDIDATES:
        drawn = cells[rng.sample(range(len(cells)), SPREAD_CANDIDATES)]  # the draws of sampling the cells themselves
        cells = drawn[np.lexsort((drawn[:, 1], drawn[:, 0]))]  # by column, then row
    cols, rows = cells[:, 0], cells[:, 1]
    nearest = np.full(len(cells), 10**9, np.int64)  # squared tiles to the nearest cell picked (or kept away from)
    for ac, ar in away_from:
        nearest = np.minimum(nearest, (cols - ac) ** 2 + (rows - ar) ** 2)
    picked = []
    for _ in range(min(count, len(cells))):
        options = np.flatnonzero(nearest >= nearest.max() * 0.8)
        c, r = cells[options[rng.randrange(len(options))]].tolist()
        picked.append((c, r))
        nearest = np.minimum(nearest, (cols - c) ** 2 + (rows - r) ** 2)
    return picked


def furnish(level: Level) -> Level:
    """Fill in from the level's seed what a backstage map leaves out: props, tools, lights.

    Only kinds of thing the map has none of are added, so an author who places one light
    places them all. Props go against walls on simple cells (never cutting the floor apart).
    The draws from the seed's generator come in a fixed order (props, tools, lights): the same
    map always fills the same way. The floor is worked on as whole-grid masks (a 512 x 512 map
    has ~200,000 reached cells); lists of cells are made only where the generator draws from them.
    """
    if level.kind != "backstage" or (level.props and level.tools and level.lights):
        return level
    rng = random.Random(f"furnish:{level.seed}")
    free = free_grid(level, movable_block=True)
    spawn = level.cell_of(*level.spawn)
    props, tools, lights = list(level.props), list(level.tools), list(level.lights)
    walkable = reached(free, spawn)
    if not props:
        props = fill_props(level, rng, free, walkable, kept_clear(level, spawn))
        # The props took some floor, on simple cells only, so the rest is still all reached.
        walkable &= floor_mask(free)
    if not tools:
        tools = fill_tools(rng, free, walkable, spawn)
    if not lights:
        lights = fill_lights(level, rng, walkable)
    return replace(level, props=tuple(props), tools=tuple(tools), lights=tuple(lights))


def cells_of(mask: np.ndarray) -> np.ndarray:
    """The cells set in a mask as rows of (col, row), row by row from the bottom."""
    rows, cols = np.nonzero(mask)
    return np.stack([cols, rows], axis=1)


def kept_clear(level: Level, spawn: tuple[int, int]) -> set[tuple[int, int]]:
    """Cells no prop may stand on or next to: the spawn, the easel and the ring round it, the tools."""
    clear = {spawn}
    if level.masterpiece is not None:
        m = level.masterpiece
        for r in range(int(m.y // TILE_SIZE) - 1, int((m.y + m.height) // TILE_SIZE) + 2):
            for c in range(int(m.x // TILE_SIZE) - 1, int((m.x + m.width) // TILE_SIZE) + 2):
                clear.add((c, r))
    clear.update(level.cell_of(tool.x, tool.y) for tool in level.tools)
    return clear


def fill_props(level: Level, rng: random.Random, free, walkable: np.ndarray, clear) -> list[PropSpec]:
    """Props against the walls, on simple cells away from what is kept clear; takes their cells from `free`."""
    cols, rows, sides = cells_by_one_wall(level, walkable, clear)
    order = list(range(len(cols)))
    rng.shuffle(order)  # the cells by one wall, in an order drawn from the seed
    wanted = min(FILL_MAX_PROPS, max(FILL_MIN_PROPS, int(walkable.sum()) // FILL_CELLS_PER_PROP))
    props = []
    for i in order:
        if len(props) >= wanted:
            break
        c, r, (dc, dr) = cols[i], rows[i], SIDES[sides[i]]
        if not free[r][c] or not is_simple(free, c, r):
            continue
        kind = rng.choice(FILL_PROP_KINDS)
        length, depth = FILL_PROP_SIZES[kind]
        w, h = (length, depth) if dr else (depth, length)
        # Pushed against the wall it leans on.
        cx = (c + 0.5) * TILE_SIZE + dc * (TILE_SIZE / 2 - WALL_GAP - w / 2)
        cy = (r + 0.5) * TILE_SIZE + dr * (TILE_SIZE / 2 - WALL_GAP - h / 2)
        props.append(PropSpec(cx, cy, w, h, kind, False, True))
        free[r][c] = 0
    return props


SIDES = ((1, 0), (-1, 0), (0, 1), (0, -1))  # the order a cell's sides are looked at in


def cells_by_one_wall(level: Level, among: np.ndarray, clear) -> tuple[list[int], list[int], list[int]]:
    """The cells of the mask `among` with a wall on exactly one side, none of them near `clear`,
    row by row from the bottom: their columns, rows, and the side their wall is on (in SIDES)."""
    height, width = level.height, level.width
    walls = np.ones((height + 2, width + 2), bool)  # outside the map counts as wall
    walls[1:-1, 1:-1] = np.asarray(level.walls, bool).reshape(height, width)
    # Each side's wall, as grids the size of the map (the padded grid shifted one cell that way).
    side_walls = [walls[1 + dr : height + 1 + dr, 1 + dc : width + 1 + dc] for dc, dr in SIDES]
    which = np.argmax(side_walls, axis=0)  # the first side with a wall: its only one, where it has one
    near = np.zeros((height + 2, width + 2), bool)  # within a cell of something kept clear
    for c, r in clear:
        if -1 <= c <= width and -1 <= r <= height:
            near[max(0, r) : r + 3, max(0, c) : c + 3] = True
    rows, cols = np.nonzero(among & (np.sum(side_walls, axis=0) == 1) & ~near[1:-1, 1:-1])
    return cols.tolist(), rows.tolist(), which[rows, cols].tolist()


def fill_tools(rng: random.Random, free, walkable: np.ndarray, spawn: tuple[int, int]) -> list[ToolSpec]:
    """All the tools on reached floor, spread out and away from the spawn, on roomy cells where there are some."""
    floor = np.pad(floor_mask(free), 1)  # outside the map is not floor
    roomy = floor[1:-1, 2:] & floor[1:-1, :-2] & floor[2:, 1:-1] & floor[:-2, 1:-1]  # floor on all four sides
    away = walkable.copy()
    col, row = spawn
    if 0 <= row < away.shape[0] and 0 <= col < away.shape[1]:
        away[row, col] = False
    for where in (away & roomy, away, walkable):  # roomy cells away from the spawn, else any away from it, else any
        cells = cells_of(where)
        if len(cells):
            break
    spots = _spread(rng, cells, len(TOOL_IDS), [spawn])
    spots = [spots[i % len(spots)] for i in range(len(TOOL_IDS))]  # floor for fewer than five: they share, all five are there
    return [ToolSpec((c + 0.5) * TILE_SIZE, (r + 0.5) * TILE_SIZE, tool_id) for tool_id, (c, r) in zip(TOOL_IDS, spots)]


def fill_lights(level: Level, rng: random.Random, walkable: np.ndarray) -> list[LightSpec]:
    """Spill under the curtain, then candles, bulbs and lamps spread over the reached floor."""
    lights = []
    if level.curtain is not None:
        curtain = level.curtain
        count = max(2, int(curtain.width // (TILE_SIZE * 6)))
        for i in range(count):
            lights.append(drawn_light(rng, "spill", round(curtain.x + (i + 0.5) * curtain.width / count), curtain.y - 10.0))
    low, high = FILL_LIGHTS
    cells = cells_of(walkable)
    count = max(low, min(high, len(cells) // FILL_CELLS_PER_LIGHT))
    for c, r in _spread(rng, cells, count, []):
        kind = rng.choice(FILL_LIGHT_KINDS)
        lights.append(drawn_light(rng, kind, (c + 0.5) * TILE_SIZE, (r + 0.5) * TILE_SIZE))
    return lights


def level_digest(level: Level) -> str:
    """A canonical digest of everything that makes a level that level (not where it came from)."""
    def box(rect):
        return None if rect is None else astuple(rect)

    return digest(
        (
            level.width,
            level.height,
            level.walls,
            level.spawn,
            box(level.masterpiece),
            tuple(astuple(light) for light in level.lights),
            tuple(astuple(prop) for prop in level.props),
            tuple(astuple(tool) for tool in level.tools),
            box(level.curtain),
            level.eye,
            level.kind,
            level.seed,
            level.title,
            level.floor,
            tuple(astuple(sign) for sign in level.signs),
        )
    )
