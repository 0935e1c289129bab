"""The alone beat: the dreamer looks up for help and finds nobody — calls echo, doors open on empty rooms, the lights gutter.

The player may call for help (CALL_HELP), wander, and open the doors they pass; every call
comes back as fading echoes and nothing else. The beat ends when the player, having called
or wandered, returns to the easel and looks at the masterpiece again (INTERACT). There is no
way to get stuck: after ``RESIGN_S`` seconds a look at the easel is enough.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.level.model import TILE_SIZE
from game.sim.actions import Button
from game.sim.beats import Scene
from game.sim.beats.backstage import near_easel
from game.sim.events import Event
from game.sim.timestep import DT


# Tuning.
GUTTER_S = 3.5  # s for the lights to sink to their guttering low
ECHO_DELAYS_S = (0.55, 1.25, 2.1, 3.1)  # s after a call that its echoes come back
ECHO_FADE = 0.55  # each echo is this fraction as loud as the one before
LOOK_UP_S = 1.2  # s the dreamer stands looking up before the player has control
WANDER_PX = 3 * TILE_SIZE  # px from the easel that counts as having gone looking
RESIGN_S = 12.0  # after this long, returning to the easel is enough even without calling
DOOR_REACH = 1.4 * TILE_SIZE  # px from a doorway at which its door swings open
MAX_DOORS = 24  # doorways the beat keeps track of (the nearest to the easel)


@dataclass(frozen=True)
class HelpCalled(Event):
    calls: int  # how many times the dreamer has called, this one included
    x: float
    y: float


@dataclass(frozen=True)
class EchoReturned(Event):
    call: int  # which call it is the echo of
    loudness: float  # 0..1, fading with every echo


@dataclass(frozen=True)
class NoAnswer(Event):
    """The last echo of a call has died away: nobody came."""

    call: int


@dataclass(frozen=True)
class DoorOpened(Event):
    x: float  # the doorway's centre, px
    y: float
    empty: bool  # always True: nobody is there


@dataclass(frozen=True)
class LightsGuttered(Event):
    """The lights have sunk to their lowest: the dreamer is truly alone."""


def find_doorways(level) -> list[tuple[float, float]]:
    """Doorways: gaps of one to three cells in a wall, with open room on both sides of the gap."""

    def room(col: int, row: int) -> bool:  # a cell with floor all round it: inside a room, not a passage
        return all(not level.is_wall(col + dc, row + dr) for dc in (-1, 0, 1) for dr in (-1, 0, 1))

    def squeezed(col: int, row: int, dc: int, dr: int) -> bool:  # walls close on both sides along (dc, dr)
        return any(level.is_wall(col - k * dc, row - k * dr) for k in (1, 2)) and any(level.is_wall(col + k * dc, row + k * dr) for k in (1, 2))

    found: list[tuple[int, int]] = []
    for row in range(level.height):
        for col in range(level.width):
            if level.is_wall(col, row):
                continue
            across = squeezed(col, row, 1, 0) and room(col, row + 2) and room(col, row - 2)
            along = squeezed(col, row, 0, 1) and room(col + 2, row) and room(col - 2, row)
            if (across or along) and all(abs(col - c) + abs(row - r) > 3 for c, r in found):
                found.append((col, row))
    return [level.cell_center(col, row) for col, row in found]


class AloneScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.calls = 0
        self.echoes: list[tuple[int, int, float]] = []  # (tick due, call, loudness), in order
        self.wandered = False
        self.doors: list[tuple[float, float]] = []
        self.opened: list[int] = []  # indices into doors, in the order opened
        self.gutter = 0.0
        self.guttered = False
        self.returned = False

    def enter(self, world) -> None:
        world.player.frozen = False
        world.player.place(world.player.position)
        easel = world.level.masterpiece
        doors = find_doorways(world.level)
        if easel is not None:
            ex, ey = easel.center
            doors.sort(key=lambda d: (math.hypot(d[0] - ex, d[1] - ey), d))
        self.doors = doors[:MAX_DOORS]

    @property
    def looking_up(self) -> bool:
        return self.ticks < LOOK_UP_S * 60

    @property
    def may_return(self) -> bool:
        """The dreamer has looked for help (or waited long enough) and can face the easel again."""
        return self.calls > 0 or self.wandered or self.ticks >= RESIGN_S * 60

    def update(self, world, inp) -> None:
        self.ticks += 1
        self.gutter = min(1.0, self.ticks * DT / GUTTER_S)
        world.lights.gutter = self.gutter
        if self.gutter >= 1.0 and not self.guttered:
            self.guttered = True
            world.emit(LightsGuttered(world.tick))
        if self.looking_up:
            world.player.drive((0.0, 0.0), DT)
        else:
            world.player.drive(inp.move, DT)
        px, py = world.player.position
        if inp.was_pressed(Button.CALL_HELP):
            self.call(world, px, py)
        self.echo(world)
        easel = world.level.masterpiece
        if easel is not None and not self.wandered:
            ex, ey = easel.center
            self.wandered = math.hypot(px - ex, py - ey) > WANDER_PX
        for index, (dx, dy) in enumerate(self.doors):
            if index not in self.opened and math.hypot(px - dx, py - dy) <= DOOR_REACH:
                self.opened.append(index)
                world.emit(DoorOpened(world.tick, dx, dy, True))
        if self.may_return and inp.was_pressed(Button.INTERACT) and near_easel(world):
            self.returned = True

    def call(self, world, x: float, y: float) -> None:
        self.calls += 1
        world.stats.calls_for_help += 1
        world.emit(HelpCalled(world.tick, self.calls, x, y))
        loudness = 1.0
        for delay in ECHO_DELAYS_S:
            loudness *= ECHO_FADE
            self.echoes.append((world.tick + int(round(delay * 60)), self.calls, loudness))
        self.echoes.sort()

    def echo(self, world) -> None:
        while self.echoes and self.echoes[0][0] <= world.tick:
            _, call, loudness = self.echoes.pop(0)
            world.emit(EchoReturned(world.tick, call, loudness))
            if not any(c == call for _, c, _ in self.echoes):
                world.emit(NoAnswer(world.tick, call))

    def exit(self, world) -> None:
        world.player.frozen = False
        world.stats.alone_ticks += self.ticks

    def returned_to_the_easel(self, world) -> bool:
        """Having called or wandered (or waited), the player looked at the masterpiece again."""
        return self.returned

    def hash_state(self) -> tuple:
        return (
            self.ticks,
            self.calls,
            tuple(self.echoes),
            self.wandered,
            tuple(self.doors),
            tuple(self.opened),
            self.gutter,
            self.guttered,
            self.returned,
        )
