"""One level played by the autoplay bot, headless and without rendering, watched for progress.

The bot (``game.bot.Bot``) plays through the same ``Run`` as ``flawed --autoplay --no-render``.
The watch decides, honestly and from the outside, whether the bot is getting anywhere: the story
moving to a new beat, a tool picked up, a repair attempt, the flaw worsening, a call for help, a
breath, or the dreamer setting foot on a tile it had not stood on yet in this beat, all count as
progress. A bot that makes none of these for ``STALL_SECONDS`` of game time is stuck, and the
result says where: the beat, the tile it stands on and the tile it was heading for.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field

from game.errors import UserError
from game.session import Run, RunOptions
from game.sim.events import BeatChanged
from game.sim.flaw import FlawWorsened
from game.sim.minigame import AttemptFailed
from game.sim.rack import ToolPickedUp
from game.sim.timestep import TICKS_PER_SECOND

STALL_SECONDS = 60  # game time without any progress that means the bot is stuck
MAX_SECONDS = 30 * 60  # game time after which a run that is still going counts as stuck
ROUTE_EVERY = 6  # ticks between the points of the route kept for the heat map
PROGRESS_EVENTS = (BeatChanged, ToolPickedUp, AttemptFailed, FlawWorsened)


@dataclass(frozen=True)
class Subject:
    """What to play: a level file, or the backstage generated from a seed."""

    name: str  # as reports show it: the file's name, or "seed 12 (medium)"
    path: str | None = None
    seed: int | None = None
    size: str = "medium"

    @classmethod
    def file(cls, path, seed: int | None = None) -> "Subject":
        """A level file, filled in from its own seed (or from `seed`, for a sweep)."""
        return cls(name=str(path) if seed is None else f"{path} (seed {seed})", path=str(path), seed=seed)

    @classmethod
    def generated(cls, seed: int, size: str) -> "Subject":
        return cls(name=f"seed {seed} ({size})", seed=seed, size=size)


@dataclass(frozen=True)
class Stuck:
    """Where and why the bot stopped getting anywhere."""

    beat: str
    tile: tuple[int, int]  # column, row as Tiled counts them (from the top-left)
    position: tuple[float, float]  # px, the game's (y up)
    heading: tuple[int, int] | None  # the tile the bot was walking to, as Tiled counts them
    tick: int
    why: str

    def line(self) -> str:
        heading = f", heading for tile {self.heading[0]},{self.heading[1]}" if self.heading else ""
        return f"stuck in beat {self.beat} at tile {self.tile[0]},{self.tile[1]}{heading} (tick {self.tick}): {self.why}"


@dataclass
class Trail:
    """Where the dreamer went on one level of the run (a backstage, then the vortex)."""

    title: str
    width: int
    height: int
    walls: tuple
    props: tuple  # (x, y, w, h, movable) in px, as the level places them
    marks: dict  # name → (x, y) px: spawn, easel, eye, tools
    route: list = field(default_factory=list)  # (x, y) px every ROUTE_EVERY ticks
    visits: dict = field(default_factory=dict)  # (col, row) → ticks spent there


@dataclass
class Result:
    """How one subject went."""

    subject: Subject
    completed: bool = False
    ticks: int = 0
    beats: list = field(default_factory=list)  # (beat, ticks it took), in the order reached
    stuck: Stuck | None = None
    problems: tuple[str, ...] = ()  # the level's errors: it could not be played at all
    crash: str = ""  # a traceback: the game itself failed
    seconds: float = 0.0  # wall time
    seed: int | None = None
    trails: list = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.problems:
            return "error"
        if self.crash:
            return "crashed"
        return "completed" if self.completed else "stuck"


def tiled_tile(level, x: float, y: float) -> tuple[int, int]:
    """The tile under a point as Tiled counts it: column from the left, row from the top."""
    col, row = level.cell_of(x, y)
    return col, level.height - 1 - row


def _trail(level) -> Trail:
    marks = {"spawn": level.spawn}
    if level.masterpiece is not None:
        marks["easel"] = level.masterpiece.center
    if level.eye is not None:
        marks["eye"] = level.eye
    for tool in level.tools:
        marks[tool.tool] = (tool.x, tool.y)
    props = tuple((p.x - p.width / 2, p.y - p.height / 2, p.width, p.height, p.movable) for p in level.props)
    return Trail(level.title, level.width, level.height, level.walls, props, marks)


class Watch:
    """Notes progress tick by tick; tells when there has been none for too long."""

    def __init__(self, world):
        self.world = world
        self.last_progress = world.tick
        self.beats_seen = len(world.story.history)
        self.stats = world.stats.hash_state()
        self.visited: set = set()
        self.level = None

    def saw_progress(self, events) -> bool:
        world = self.world
        progress = False
        if len(world.story.history) != self.beats_seen:
            self.beats_seen = len(world.story.history)
            self.visited = set()
            progress = True
        stats = world.stats.hash_state()
        if stats != self.stats:
            self.stats = stats
            progress = True
        if any(isinstance(event, PROGRESS_EVENTS) for event in events):
            progress = True
        if world.level is not self.level:
            self.level, self.visited = world.level, set()
        cell = world.level.cell_of(*world.player.position)
        if cell not in self.visited:
            self.visited.add(cell)
            progress = True
        if progress:
            self.last_progress = world.tick
        return progress

    @property
    def stalled(self) -> bool:
        return self.world.tick - self.last_progress >= STALL_SECONDS * TICKS_PER_SECOND


def play(subject: Subject, keep_trail: bool = False) -> Result:
    """Play one subject to the end, or until the bot is stuck; never raises."""
    started = time.perf_counter()
    result = Result(subject)
    try:
        _play(subject, result, keep_trail)
    except UserError as error:  # LevelError among them: the level cannot be played
        result.problems = tuple(error.lines)
    except Exception:  # the game failed: reported as such, the other subjects still run
        result.crash = traceback.format_exc()
    result.seconds = time.perf_counter() - started
    return result


def _play(subject: Subject, result: Result, keep_trail: bool) -> None:
    run = Run(RunOptions(level=subject.path, seed=subject.seed, size=subject.size, autoplay=True))
    world, bot = run.world, run.bot
    result.seed = run.seed
    watch = Watch(world)
    trail, trail_level = None, None
    while not world.story.completed:
        events = run.step()
        watch.saw_progress(events)
        if keep_trail:
            if world.level is not trail_level:  # the backstage, then the vortex
                trail, trail_level = _trail(world.level), world.level
                result.trails.append(trail)
            x, y = world.player.position
            cell = world.level.cell_of(x, y)
            trail.visits[cell] = trail.visits.get(cell, 0) + 1
            if world.tick % ROUTE_EVERY == 0:
                trail.route.append((x, y))
        why = None
        if watch.stalled:
            why = f"no progress for {STALL_SECONDS} s of game time (no new tile, tool, attempt or beat)"
        elif world.tick >= MAX_SECONDS * TICKS_PER_SECOND:
            why = f"not finished after {MAX_SECONDS // 60} minutes of game time"
        if why:
            x, y = world.player.position
            goal = getattr(bot, "goal", None)  # where the bot was walking, if it says
            heading = tiled_tile(world.level, *goal) if goal is not None else None
            result.stuck = Stuck(world.story.beat.value, tiled_tile(world.level, x, y), (x, y), heading, world.tick, why)
            break
    result.completed = world.story.completed
    result.ticks = world.tick
    history = world.story.history
    ends = [tick for _, tick in history[1:]] + [world.tick]
    result.beats = [(beat.value, end - tick) for (beat, tick), end in zip(history, ends)]

