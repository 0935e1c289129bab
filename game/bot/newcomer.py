"""A newcomer: someone who has never seen this backstage, who knows only what the screen shows, looking for the easel.

It is how the game checks that a person can find the way (``benchmarks.wayfinding``, the
tests): not the level's map and not a path planner over it, but what the camera frames now —
the walls and floor in view (their caps read even in the dark), the props, the glow-tape
arrows, the easel if it is in view — and what it has seen before, as a person remembers
rooms already walked. It goes to the easel when it has seen it; else it follows the arrows
(to the next arrow ahead, then along the way it points); else it explores the nearest edge
of what it has seen, keeping to the way the last arrow pointed. It only ever sends actions.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import replace

from game.level.model import TILE_SIZE
from game.level.reach import EASEL_REACH, prop_cells
from game.render.framing import REFERENCE_WINDOW, camera_centre, view_rect
from game.sim.actions import IDLE, Actions, Button
from game.sim.beats.backstage import near_easel

CAMERA_FOLLOW = 0.12  # the screen's camera catches up with the dreamer this much a tick (game.render.world)
REPLAN_TICKS = 12
ARRIVE_PX = 8.0
SIGN_REACHED_PX = 1.4 * TILE_SIZE  # standing this near an arrow, the newcomer takes its direction
ALONG_TILES = 14  # how far along an arrow's way it heads at most
NEXT_ARROW_ASIDE = 1.5  # tiles off the line an arrow draws that the next arrow may lie (more, further on)
PUSH_COST = 6  # path steps a prop costs (it may be pushed aside, or may not)
STUCK_TICKS = 45
STUCK_PX = 5.0
SIDESTEP_TICKS = 14
BLOCKED_TICKS = 600  # a cell it got stuck walking into is left alone this long
STICK = 0.998  # never the rim: see game.bot.STICK_MAX
NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1))


class Newcomer:
    """Plays the backstage beat, one tick of actions at a time, by what it sees."""

    def __init__(self, world, window_size: tuple[int, int] = REFERENCE_WINDOW):
        self.world = world
        self.window = window_size
        level = world.level
        self.size = (level.pixel_width, level.pixel_height)
        self.camera = camera_centre(world.player.position, self.size, window_size)
        self.floor: dict[tuple[int, int], bool] = {}  # cells seen: True walkable, False wall
        self.props: dict[tuple[int, int], bool] = {}  # cells a prop was seen on: True if it proved immovable
        self.signs: dict[tuple[int, int], float] = {}  # arrows seen: cell → angle (degrees)
        self.current: tuple[int, int] | None = None  # the last arrow walked up to
        self.visited: set[tuple[int, int]] = set()  # every arrow walked up to ("I was here")
        self.way_walked = False  # the way the last arrow points has been walked to its end
        self.blocked: dict[tuple[int, int], int] = {}  # cells it got stuck walking into → the tick it tries them again
        self.easel = None  # the easel's rect, once seen
        self.heading: tuple[float, float] | None = None  # the way the last arrow pointed
        self.goal: tuple[int, int] | None = None
        self.path: list[tuple[int, int]] = []
        self.planned = -10**9
        self.watch = (world.tick, world.player.position)
        self.sidestep = 0
        self.sidestep_move = (0.0, 0.0)
        self.sidesteps = 0

    # -- seeing --------------------------------------------------------------------------------

    def look(self) -> None:
        """Take in what the screen shows now."""
        world, level = self.world, self.world.level
        target = camera_centre(world.player.position, self.size, self.window)
        cx, cy = self.camera
        self.camera = (cx + (target[0] - cx) * CAMERA_FOLLOW, cy + (target[1] - cy) * CAMERA_FOLLOW)
        left, bottom, right, top = view_rect(self.camera, self.window)
        c0, c1 = max(0, int(left // TILE_SIZE)), min(level.width - 1, int(right // TILE_SIZE))
        r0, r1 = max(0, int(bottom // TILE_SIZE)), min(level.height - 1, int(top // TILE_SIZE))
        for row in range(r0, r1 + 1):
            for col in range(c0, c1 + 1):
                if (col, row) not in self.floor:
                    self.floor[(col, row)] = not level.walls[row][col]
        for prop in world.props:
            x, y = prop.position
            if left <= x <= right and bottom <= y <= top:
                for cell in prop_cells(replace(prop.spec, x=x, y=y), level.width, level.height):
                    self.props.setdefault(cell, False)
        for sign in level.signs:
            if left <= sign.x <= right and bottom <= sign.y <= top:
                self.signs[level.cell_of(sign.x, sign.y)] = sign.angle
        easel = level.masterpiece
        if easel is not None and self.easel is None and left <= easel.center[0] <= right and bottom <= easel.center[1] <= top:
            self.easel = easel

    # -- deciding where to go ------------------------------------------------------------------

    def here(self) -> tuple[int, int]:
        return self.world.level.cell_of(*self.world.player.position)

    def walkable(self, cell) -> bool:
        if self.blocked.get(cell, -1) > self.world.tick:
            return False
        return self.floor.get(cell, False) and not self.props.get(cell, False)

    def routes(self, start) -> tuple[dict, dict]:
        """Steps (props cost more) and the way back, over the cells seen to be walkable."""
        cost = {start: 0}
        came = {start: None}
        frontier = deque([start])
        while frontier:  # a few extra steps for props: a small Dijkstra by relaxation
            cell = frontier.popleft()
            for dc, dr in NEIGHBOURS:
                nxt = (cell[0] + dc, cell[1] + dr)
                if not self.walkable(nxt):
                    continue
                step = cost[cell] + (PUSH_COST if nxt in self.props else 1)
                if step < cost.get(nxt, 1 << 30):
                    cost[nxt] = step
                    came[nxt] = cell
                    frontier.append(nxt)
        return cost, came

    def choose_goal(self, cost) -> tuple[int, int] | None:
        """Where to walk: the easel once seen. Else along the arrows, as a person reads them: from
        the last arrow reached, to the next one where it points; or on down the way it points as
        far as the floor seen goes, then to the nearest unseen place that way. Else to the nearest
        arrow not yet reached. Else the nearest unseen place."""
        here = self.here()
        if self.easel is not None:
            near = [cell for cell in cost if _gap(cell, self.easel) <= EASEL_REACH * 0.8]
            if near:
                return min(near, key=lambda cell: (cost[cell], cell))
        if self.current is not None:
            start, (hx, hy) = self.current, self.heading
            nexts = []  # the next arrow is where this one points: nearest the line it draws
            for cell in self.signs:
                if cell in self.visited or cell not in cost:
                    continue
                dx, dy = cell[0] - start[0], cell[1] - start[1]
                ahead = dx * hx + dy * hy
                aside = abs(dx * hy - dy * hx)
                if 0.5 < ahead <= ALONG_TILES and aside <= NEXT_ARROW_ASIDE + 0.25 * ahead:
                    nexts.append((aside, ahead, cell))
            if nexts:
                return min(nexts)[2]
            if not self.way_walked:
                goal = self.along(start, self.heading, cost) or self.edge(cost, ahead_of=start)
                if goal is not None and abs(goal[0] - here[0]) + abs(goal[1] - here[1]) > 1:
                    return goal
                self.way_walked = True  # that way is walked to its end: look elsewhere
        arrows = [cell for cell in self.signs if cell in cost and cell not in self.visited]
        if arrows:
            return min(arrows, key=lambda cell: (cost[cell], cell))
        return self.edge(cost)

    def along(self, start, heading, cost) -> tuple[int, int] | None:
        """The farthest cell reachable along a direction from `start` (a corridor the arrow points down)."""
        hx, hy = heading
        best = None
        for step in range(1, ALONG_TILES + 1):
            cell = (round(start[0] + hx * step), round(start[1] + hy * step))
            if cell in cost:
                best = cell
            elif self.floor.get(cell) is False:
                break
        if best is None or abs(best[0] - start[0]) + abs(best[1] - start[1]) < 2:
            return None
        return best

    def edge(self, cost, ahead_of: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """The nearest seen cell beside cells not seen yet (where the dreamer has not looked), the
        way the arrows point first; only those ahead of a cell that way, if `ahead_of` is given."""
        here = self.here()
        hx, hy = self.heading or (0.0, 0.0)
        edges = [cell for cell in cost if any((cell[0] + dc, cell[1] + dr) not in self.floor for dc, dr in NEIGHBOURS)]
        if ahead_of is not None:
            edges = [cell for cell in edges if (cell[0] - ahead_of[0]) * hx + (cell[1] - ahead_of[1]) * hy > 0.5]
        if not edges:
            return None

        def rank(cell):
            dx, dy = cell[0] - here[0], cell[1] - here[1]
            return (cost[cell] - 2.0 * (dx * hx + dy * hy), cell)

        return min(edges, key=rank)

    # -- walking -------------------------------------------------------------------------------

    def plan(self) -> None:
        cost, came = self.routes(self.here())
        self.goal = self.choose_goal(cost)
        self.path = []
        cell = self.goal
        while cell is not None and cell in came:
            self.path.append(cell)
            cell = came[cell]
        self.path.reverse()
        self.planned = self.world.tick

    def actions(self) -> Actions:
        """One tick: look, then walk the way chosen (or press E at the easel)."""
        world = self.world
        self.look()
        px, py = world.player.position
        for cell, angle in self.signs.items():  # an arrow walked up to gives the way
            if cell not in self.visited and math.hypot((cell[0] + 0.5) * TILE_SIZE - px, (cell[1] + 0.5) * TILE_SIZE - py) <= SIGN_REACHED_PX:
                self.current = cell
                self.visited.add(cell)
                self.way_walked = False
                self.heading = (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
                self.path = []
        if near_easel(world):
            return Actions((0.0, 0.0), frozenset({Button.INTERACT})) if world.tick % 2 == 0 else IDLE
        if self.sidestep:
            self.sidestep -= 1
            return Actions(self.sidestep_move)
        if not self.path or world.tick - self.planned >= REPLAN_TICKS:
            self.plan()
        while len(self.path) > 1 and math.hypot((self.path[0][0] + 0.5) * TILE_SIZE - px, (self.path[0][1] + 0.5) * TILE_SIZE - py) < ARRIVE_PX:
            self.path.pop(0)
        if not self.path:
            return IDLE
        tx, ty = (self.path[0][0] + 0.5) * TILE_SIZE, (self.path[0][1] + 0.5) * TILE_SIZE
        dx, dy = tx - px, ty - py
        length = math.hypot(dx, dy)
        self.check_stuck()
        if length < 1.0:
            return IDLE
        return Actions((dx / length * STICK, dy / length * STICK))

    def check_stuck(self) -> None:
        world = self.world
        tick, where = self.watch
        if world.tick - tick < STUCK_TICKS:
            return
        moved = math.hypot(world.player.position[0] - where[0], world.player.position[1] - where[1])
        self.watch = (world.tick, world.player.position)
        if moved >= STUCK_PX:
            return
        if self.path:  # whatever stopped it there (a crate that did not move, a corner): another way for a while
            ahead = self.path[0]
            self.blocked[ahead] = world.tick + BLOCKED_TICKS
            if ahead in self.props:
                self.props[ahead] = True
        self.sidesteps += 1
        angle = self.sidesteps * 2.399
        self.sidestep_move = (math.cos(angle) * STICK, math.sin(angle) * STICK)
        self.sidestep = SIDESTEP_TICKS
        self.path = []


def _gap(cell, rect) -> float:
    cx, cy = (cell[0] + 0.5) * TILE_SIZE, (cell[1] + 0.5) * TILE_SIZE
    return math.hypot(max(rect.x - cx, 0.0, cx - rect.x - rect.width), max(rect.y - cy, 0.0, cy - rect.y - rect.height))


def walk_to_the_easel(world, limit_s: float = 300.0, window_size: tuple[int, int] = REFERENCE_WINDOW) -> float | None:
    """Seconds of game time a newcomer takes from the spawn to the easel (None if not within `limit_s`)."""
    newcomer = Newcomer(world, window_size)
    start = world.tick
    for _ in range(int(limit_s * 60)):
        if world.story.beat.value != "backstage":
            return (world.tick - start) / 60.0
        world.step(newcomer.actions())
    return None
