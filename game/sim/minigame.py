"""What every repair minigame shares: a trembling hand, a progress mark, a bound, and the failure.

Each tool's minigame lives in its module under ``game/tools/``. A minigame runs inside
``World.step`` (the repair scene steps it). It reads the tick's input — the move vector steers
the tool across the canvas, buttons act — with the panic's tremble added to the hand. Progress creeps toward "fixed" (1.0) the better the player plays; when it
reaches the attempt's hidden breaking point, or time runs out, or the player cancels, the
attempt fails: the flaw worsens the way the play has shaped it (``mark()``), never less than a
little. A short failing phase follows so the renderer can show it; then the minigame is done.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from game.sim.actions import Button
from game.sim.events import Event
from game.sim.flaw import FlawWorsened, Mark
from game.sim.timestep import DT

# Tuning shared by every minigame.
CURSOR_SPEED = 0.16  # canvas units per s at full stick
TIP_SHAKE = 0.03  # canvas units the tool's tip shakes around the hand per unit of tremble
WORK_RADIUS = 0.2  # canvas units around the flaw's centre the tool can roam (a minigame may keep closer)
FAIL_FROM, FAIL_TO = 0.84, 0.95  # the breaking point of an attempt, drawn per attempt
FAILING_TICKS = 45  # the failure plays out this long before the close-up returns
BASE_DAMAGE = 0.17  # severity every failure adds...
CLUMSY_DAMAGE = 0.08  # ...plus up to this much more the worse it was played
CANCEL_DAMAGE = 0.12  # giving up still smears the wet paint
PROGRESS_STEP = 0.1  # a MinigameProgress event each time progress crosses a multiple of this


@dataclass(frozen=True)
class MinigameStarted(Event):
    tool: str
    attempt: int


@dataclass(frozen=True)
class MinigameProgress(Event):
    tool: str
    progress: float  # 0..1 toward "fixed"


@dataclass(frozen=True)
class AttemptFailed(Event):
    tool: str
    outcome: str  # "failed" (it broke near the end), "timed_out", "cancelled"
    progress: float


def clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    t = clamp(t, 0.0, 1.0)
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


class Minigame(ABC):
    """One repair attempt with one tool. Subclasses implement ``play`` (and may change ``mark`` and ``quality``)."""

    tool = "tool"  # the id of its game.tools record
    COUNTS_AS_TOOL = True  # a tool used, for the summary (bare hands are an attempt, not a tool)
    TIME_LIMIT_TICKS = 600  # the attempt ends by then with no input at all
    REACH = (WORK_RADIUS, WORK_RADIUS)  # canvas units each side of the centre, across and up, that the play uses
    HINT = ""  # one line for the screen: which button does what

    def __init__(self, world, attempt: int):
        self.attempt = attempt  # 1-based, across every tool
        self.rng = world.rng(f"minigame:{self.tool}:{attempt}")
        self.centre = world.flaw.centre
        self.cursor = self.centre  # the tool's tip, canvas units (shaken by the tremble)
        self.hand = self.centre  # where the hand means to be, before the tremble
        self.ticks = 0
        self.progress = 0.0
        self.fail_point = self.rng.uniform(FAIL_FROM, FAIL_TO)
        self.state = "playing"  # → "failing" → "done"
        self.outcome: str | None = None
        self.failing_ticks = 0
        self.damage = 0.0
        self._progress_marks = 0
        world.emit(MinigameStarted(world.tick, self.tool, attempt))

    # -- the shared loop -------------------------------------------------------------------

    @property
    def done(self) -> bool:
        return self.state == "done"

    @property
    def bound(self) -> int:
        """Ticks after which the minigame is surely done, whatever the input."""
        return self.TIME_LIMIT_TICKS + FAILING_TICKS + 1

    def step(self, world, inp) -> None:
        self.ticks += 1
        if self.state == "playing":
            if inp.was_pressed(Button.CANCEL):
                self.fail(world, "cancelled")
                return
            self.play(world, inp)
            self.progress = clamp(self.progress, 0.0, 1.0)
            while self.progress >= (self._progress_marks + 1) * PROGRESS_STEP - 1e-9 and self._progress_marks < 9:
                self._progress_marks += 1
                world.emit(MinigameProgress(world.tick, self.tool, self.progress))
            if self.progress >= self.fail_point:
                self.progress = self.fail_point
                self.fail(world, "failed")
            elif self.ticks >= self.TIME_LIMIT_TICKS:
                self.fail(world, "timed_out")
        elif self.state == "failing":
            self.failing_ticks += 1
            self.fall_apart(world)
            if self.failing_ticks >= FAILING_TICKS:
                self.state = "done"

    @property
    def work_area(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) in canvas units: where the hand, the tool and their marks stay."""
        cu, cv = self.centre
        ru, rv = self.REACH
        return (cu - ru, cv - rv, cu + ru, cv + rv)

    def move_hand(self, world, inp, speed: float = CURSOR_SPEED) -> tuple[float, float]:
        """Steer the hand with the stick plus the tremble, inside the work area; the tip shakes around the hand.

        Returns the hand's velocity this tick (canvas units per s), trembling included.
        """
        tx, ty = world.panic.tremble
        mx, my = inp.move
        vx, vy = (mx + tx) * speed, (my + ty) * speed
        left, bottom, right, top = self.work_area
        hu = clamp(self.hand[0] + vx * DT, left, right)
        hv = clamp(self.hand[1] + vy * DT, bottom, top)
        self.hand = (hu, hv)
        self.cursor = (clamp(hu + tx * TIP_SHAKE, left, right), clamp(hv + ty * TIP_SHAKE, bottom, top))
        return (vx, vy)

    def fail(self, world, outcome: str) -> None:
        """The attempt is over and it has failed: spoil the flaw the way the play shaped it."""
        self.state = "failing"
        self.outcome = outcome
        quality = clamp(self.quality(), 0.0, 1.0)
        if outcome == "cancelled":
            amount = CANCEL_DAMAGE + CLUMSY_DAMAGE * (1.0 - quality) * 0.5
        else:
            amount = BASE_DAMAGE + CLUMSY_DAMAGE * (1.0 - quality)
        mark = self.mark()
        self.damage = world.flaw.worsen(mark, amount, world.tick)
        world.panic.fail(world)
        world.stats.attempts += 1
        if self.COUNTS_AS_TOOL and self.tool not in world.stats.tools_used:
            world.stats.tools_used.append(self.tool)
        world.emit(AttemptFailed(world.tick, self.tool, outcome, self.progress))
        world.emit(FlawWorsened(world.tick, world.flaw.severity, self.damage, mark.u, mark.v, mark.kind))
        self.on_failed(world)

    # -- what each minigame fills in ------------------------------------------------------

    @abstractmethod
    def play(self, world, inp) -> None:
        """One tick of playing: move the hand, creep the progress mark, decide the failure."""

    def quality(self) -> float:
        """0..1, how well it was played (lessens, never prevents, the damage)."""
        return self.progress / self.fail_point

    def mark(self) -> Mark:
        return Mark(self.cursor[0], self.cursor[1])

    def on_failed(self, world) -> None:
        pass

    def fall_apart(self, world) -> None:
        """Each tick of the failing phase (for minigames whose failure moves)."""

    def hash_state(self) -> tuple:
        return (
            self.tool,
            self.attempt,
            self.ticks,
            self.progress,
            self.fail_point,
            self.state,
            self.outcome,
            self.failing_ticks,
            self.damage,
            self.cursor,
            self.hand,
            self._progress_marks,
            self.own_state(),
        )

    def own_state(self) -> tuple:
        return ()
