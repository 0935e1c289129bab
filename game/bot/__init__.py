"""The autoplay player: looks at the world like a player looks at the screen, and only ever sends actions.

It plays the whole dream: walks the backstage by A* on the tile grid (fixed props are in the
way, movable ones may be pushed through at a cost), picks up every tool, inspects the
masterpiece, plays the repair minigames (with each tool's own bot hands, ``game.tools``) — the
least-tried tool again and again, bare hands if it has none — until the flaw is a splotch,
calls for help, breathes with the guide, accepts, presents the masterpiece, swims through the
vortex against its pull, and wakes. When its body stops making headway it sidesteps and plans again.
"""

from __future__ import annotations

import math

from game.bot.planner import Planner
from game.level.model import TILE_SIZE
from game.sim.actions import IDLE, Actions, Button
from game.sim.beats.acceptance import EXHALE_S, INHALE_S
from game.sim.beats.backstage import near_easel
from game.sim.bodies import PLAYER_RADIUS
from game.sim.vortex import SWIM_ACCEL, SWIM_DRAG
from game.tools import tool

# Tuning.
ARRIVE = 7.0  # px from a waypoint's centre that counts as reached
PICKUP_NEAR = 20.0  # px from a tool at which the bot presses interact
REPLAN_TICKS = 90  # plan again this often while walking
STUCK_TICKS = 40  # ticks of no headway that mean the body is stuck
STUCK_PX = 6.0  # ...headway below this many px
DRIFT_TICKS = 150  # over this long...
DRIFT_PX = 24.0  # ...less net headway than this means it is going back and forth
SIDESTEP_TICKS = 18  # how long a sidestep lasts
STUCK_PENALTY = 12.0  # path cost added to a cell where the body got stuck
GIVE_UP_AFTER = 5  # sidesteps on the way to one tool before the bot leaves it lying
LOOK_AT_FLAW_S = 5.5  # the bot looks at the flaw this long (it notices, holds still, panics) before reaching
CALLS_FOR_HELP = 2
CALL_GAP_S = 1.8
ALONE_LINGER_S = 7.0  # the bot stays in the alone beat at least this long
DOOR_DETOUR_TILES = 14  # the bot walks to the nearest doorway if it is at most this far
SWIM_CRUISE = 190.0  # px/s the bot aims to swim at
SWIM_GAIN = 3.0  # 1/s: how hard it corrects its velocity
# The stick is never pushed quite to the rim: a full-length vector can round (to 1/1024) past
# length 1, and would then be renormalised differently when a replay reads it back.
STICK_MAX = 0.998


class Bot:
    """Plays the story, one tick of actions at a time."""

    def __init__(self, world):
        self.world = world
        self.planner = Planner(world)
        self.path: list[tuple[float, float]] = []
        self.goal: tuple[float, float] | None = None
        self.planned_tick = -10**9
        self.last_press: dict[Button, int] = {}
        self.watch_tick = 0
        self.watch_position = world.player.position
        self.sidestep_left = 0
        self.sidestep = (0.0, 0.0)
        self.sidesteps = 0
        self.drift_tick = 0
        self.drift_position = world.player.position
        self.stuck_on: dict[str, int] = {}  # tool → sidesteps while going for it
        self.given_up: set[str] = set()  # tools left lying (unreachable to this body)
        self.fetching: str | None = None  # the tool the bot has set out for
        self._spot_for = None  # the level the easel spot was worked out for
        self._spot: tuple[float, float] | None = None
        self.beat_seen = None
        self.beat_tick = 0
        self.calls_made = 0
        self.door_visited = False

    # -- the senses and the hands ---------------------------------------------------------

    @property
    def scene(self):
        return self.world.story.scene

    @property
    def seconds_in_beat(self) -> float:
        return (self.world.tick - self.beat_tick) / 60.0

    def tap(self, button: Button, *held: Button, move=(0.0, 0.0)) -> Actions:
        """Press a button with a fresh edge (released on the tick between presses)."""
        tick = self.world.tick
        if tick - self.last_press.get(button, -10) >= 2:
            self.last_press[button] = tick
            return Actions(move, frozenset((button, *held)))
        return Actions(move, frozenset(held))

    def walk_to(self, goal: tuple[float, float]) -> tuple[float, float]:
        """A move vector along a planned path toward goal; sidesteps when stuck."""
        world = self.world
        px, py = world.player.position
        if self.sidestep_left:
            self.sidestep_left -= 1
            return self.sidestep
        if goal != self.goal or not self.path or world.tick - self.planned_tick >= REPLAN_TICKS:
            self.goal = goal
            self.path = self.planner.path((px, py), goal)
            self.planned_tick = world.tick
        while len(self.path) > 1 and math.hypot(self.path[0][0] - px, self.path[0][1] - py) < ARRIVE:
            self.path.pop(0)
        target = self.path[0] if self.path else goal
        dx, dy = target[0] - px, target[1] - py
        length = math.hypot(dx, dy)
        if length < 2.0:
            return (0.0, 0.0)
        self.check_stuck((px, py))
        scale = 1.0 if length > 12.0 or len(self.path) > 1 else length / 12.0  # ease in at the goal
        return (dx / length * scale, dy / length * scale)

    def check_stuck(self, position) -> None:
        world = self.world
        stuck = False
        if world.tick - self.watch_tick >= STUCK_TICKS:
            moved = math.hypot(position[0] - self.watch_position[0], position[1] - self.watch_position[1])
            self.watch_tick, self.watch_position = world.tick, position
            stuck = moved < STUCK_PX
        if world.tick - self.drift_tick >= DRIFT_TICKS:
            drifted = math.hypot(position[0] - self.drift_position[0], position[1] - self.drift_position[1])
            self.drift_tick, self.drift_position = world.tick, position
            stuck = stuck or drifted < DRIFT_PX
        if stuck:
            self.sidesteps += 1
            if self.path:  # remember the spot, so the next plan goes another way if there is one
                cell = world.level.cell_of(*self.path[0])
                self.planner.penalties[cell] = self.planner.penalties.get(cell, 0.0) + STUCK_PENALTY
            angle = (self.sidesteps * 2.399) % (2 * math.pi)  # a new direction each time
            self.sidestep = (math.cos(angle), math.sin(angle))
            self.sidestep_left = SIDESTEP_TICKS
            self.path = []

    def at_easel(self) -> bool:
        return near_easel(self.world, reach=30.0)

    def easel_spot(self) -> tuple[float, float] | None:
        """Where to stand to look at the easel: the open cell nearest it (below it if that is open)."""
        level = self.world.level
        easel = level.masterpiece
        if easel is None:
            return None
        if self._spot_for is not level:
            blocked = {cell for cell, cost in self.planner.costs().items() if cost == math.inf}
            col0, row0 = level.cell_of(*easel.center)
            best = None
            for col in range(col0 - 3, col0 + 4):
                for row in range(row0 - 3, row0 + 4):
                    if level.is_wall(col, row) or (col, row) in blocked:
                        continue
                    x, y = level.cell_center(col, row)
                    dx = max(easel.x - x, 0.0, x - (easel.x + easel.width))
                    dy = max(easel.y - y, 0.0, y - (easel.y + easel.height))
                    rank = (math.hypot(dx, dy), 0 if y < easel.y else 1, col, row)
                    if best is None or rank < best[0]:
                        best = (rank, (x, y))
            self._spot = best[1] if best else (easel.center[0], easel.y - PLAYER_RADIUS - 4)
            self._spot_for = level
        return self._spot

    def go_to_easel(self) -> Actions:
        spot = self.easel_spot()
        return IDLE if spot is None else Actions(self.walk_to(spot))

    def nearest_loose_tool(self):
        """The tool to fetch: the one already set out for, else the nearest (so it never dithers between two)."""
        px, py = self.world.player.position
        loose = [t for t in self.world.tools.loose if t.speed < 40.0 and t.tool not in self.given_up]
        if not loose:
            return None
        chosen = next((t for t in loose if t.tool == self.fetching), None)
        if chosen is None:
            chosen = min(loose, key=lambda t: (math.hypot(t.position[0] - px, t.position[1] - py), t.tool))
            self.fetching = chosen.tool
        return chosen

    def fetch(self, tool) -> Actions:
        px, py = self.world.player.position
        tx, ty = tool.position
        if math.hypot(tx - px, ty - py) <= PICKUP_NEAR:
            return self.tap(Button.INTERACT)
        before = self.sidesteps
        move = self.walk_to((tx, ty))
        if self.sidesteps > before:
            self.stuck_on[tool.tool] = self.stuck_on.get(tool.tool, 0) + 1
            if self.stuck_on[tool.tool] >= GIVE_UP_AFTER:
                self.given_up.add(tool.tool)  # the story goes on without it: hands will do
        return Actions(move)

    # -- one tick -------------------------------------------------------------------------

    def actions(self) -> Actions:
        world = self.world
        beat = world.story.beat
        if beat != self.beat_seen:
            self.beat_seen, self.beat_tick = beat, world.tick
            self.path, self.goal = [], None
        if world.story.completed:
            return IDLE
        play = getattr(self, f"play_{beat.value}")
        actions = play()
        mx, my = actions.move
        length = math.hypot(mx, my)
        if length > STICK_MAX:
            actions = Actions((mx * STICK_MAX / length, my * STICK_MAX / length), actions.held)
        return actions

    def play_backstage(self) -> Actions:
        tool = self.nearest_loose_tool()
        if tool is not None:
            return self.fetch(tool)
        if self.at_easel():
            return self.tap(Button.INTERACT)
        return self.go_to_easel()

    def play_flaw(self) -> Actions:
        if self.seconds_in_beat < LOOK_AT_FLAW_S:
            return IDLE
        return self.tap(Button.USE_TOOL)

    def play_repair(self) -> Actions:
        world, scene = self.world, self.scene
        if world.minigame is not None:
            return minigame_actions(world)
        if scene.reaching:
            return IDLE
        # Until the flaw is a splotch: the least-tried tool in hand, again and again; with none,
        # bare hands. A tool that slipped and rolled away (or one left lying) is fetched first.
        tool = self.nearest_loose_tool()
        if tool is not None:
            return self.fetch(tool)
        carried = world.tools.carried
        want = min(carried, key=lambda t: (scene.failures(t), carried.index(t))) if carried else None
        if not self.at_easel():
            return self.go_to_easel()
        if want is not None and world.tools.selected_tool != want:
            return self.tap(Button.NEXT_TOOL)
        return self.tap(Button.USE_TOOL)

    def play_alone(self) -> Actions:
        scene = self.scene
        if scene.looking_up:
            return IDLE
        if self.calls_made < CALLS_FOR_HELP:
            if self.seconds_in_beat >= 1.8 + self.calls_made * CALL_GAP_S:
                self.calls_made += 1
                return self.tap(Button.CALL_HELP)
            return IDLE
        if not self.door_visited and scene.doors:
            door = scene.doors[0]
            px, py = self.world.player.position
            if scene.opened or math.hypot(door[0] - px, door[1] - py) > DOOR_DETOUR_TILES * TILE_SIZE:
                self.door_visited = True
            else:
                return Actions(self.walk_to(door))
        if self.at_easel():
            # Waits for the last echo to die away before turning back to the picture.
            return self.tap(Button.INTERACT) if scene.may_return and self.seconds_in_beat >= ALONE_LINGER_S else IDLE
        return self.go_to_easel()

    def play_acceptance(self) -> Actions:
        scene = self.scene
        if scene.accepting:
            return IDLE
        if scene.calmed:
            return self.tap(Button.ACCEPT)
        period = int((INHALE_S + EXHALE_S) * 60)
        # Follow the guide: breathe in while it swells.
        if (scene.ticks + 1) % period < INHALE_S * 60:
            return Actions((0.0, 0.0), frozenset({Button.BREATHE}))
        return IDLE

    def play_reveal(self) -> Actions:
        if self.scene.curtain < 0.5:
            return IDLE
        return Actions((0.0, 0.0), frozenset({Button.BREATHE}))

    def play_lights_on(self) -> Actions:
        return IDLE  # the dreamer watches the room go

    def play_vortex(self) -> Actions:
        world, scene = self.world, self.scene
        swirl = scene.swirl
        px, py = world.player.position
        target = self.walk_to(swirl.eye)
        if target == (0.0, 0.0):
            return IDLE
        # Swim along the path: aim for a cruising velocity and cancel the swirl's pull.
        tx, ty = target
        length = math.hypot(tx, ty) or 1.0
        distance = math.hypot(swirl.eye[0] - px, swirl.eye[1] - py)
        cruise = min(SWIM_CRUISE, 40.0 + distance)
        want = (tx / length * cruise, ty / length * cruise)
        vx, vy = world.player.velocity
        ax, ay = swirl.pull(px, py)
        mx = (SWIM_DRAG * want[0] + SWIM_GAIN * (want[0] - vx) - ax) / SWIM_ACCEL
        my = (SWIM_DRAG * want[1] + SWIM_GAIN * (want[1] - vy) - ay) / SWIM_ACCEL
        return Actions((mx, my))

    def play_waking(self) -> Actions:
        if self.scene.ready and self.seconds_in_beat >= 7.0:
            return self.tap(Button.INTERACT)
        return IDLE


def minigame_actions(world) -> Actions:
    """One tick of good play in world.minigame, by its tool's own bot hands (IDLE when it is failing)."""
    game = world.minigame
    if game is None or game.state != "playing":
        return IDLE
    return tool(game.tool).play(world, game)
