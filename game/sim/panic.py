"""Panic: how hard the dreamer's heart pounds, and what that does to hands, eyes and time.

``Panic.level`` (0 calm .. 1 terror) rises when the flaw is noticed, while the scene keeps the
dreamer gripped, and with every failed repair; ``breathe()`` lowers it. From the level follow
the heartbeat (``Heartbeat`` events with their rate), the hand tremble added to minigame input,
the unravelling of the masterpiece's lines, and the slowing of animation time
(``world.time_scale``; the fixed step never changes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.sim import saved
from game.sim.events import Event
from game.sim.timestep import DT

# Tuning.
NOTICE_JUMP = 0.15  # level gained the moment the flaw is first seen
GRIP_RISE_PER_S = 0.09  # level per s while a scene keeps the dreamer gripped
GRIP_CEILING = 0.6  # gripping alone never pushes the level past this
FAIL_RISE = 0.12  # level per failed repair attempt
SLIP_RISE = 0.06  # level when a tool slips from the hand
HEART_REST_BPM = 62.0
HEART_PANIC_BPM = 150.0
HEARTBEAT_AUDIBLE = 0.05  # below this level the heart is not heard
TREMBLE_MAX = 0.45  # move-vector units of jitter at full panic
TREMBLE_FREQUENCIES_HZ = (3.1, 5.7, 8.9)  # a hand shakes in a few overlapping rhythms
SLOWEST_TIME = 0.45  # world.time_scale at full panic
UNRAVEL_FOLLOW_PER_S = 0.8  # how fast the unravelling catches up with the level (1/s)
BREATH_CALM = 0.08  # level lost per full breath (the acceptance beat scales it)

# Worked out once, in the order the step's expressions would (so the same bits): rad/s of the
# tremble's rhythms, and the unravelling's share per tick.
_X1, _X2, _X3 = (2 * math.pi * f for f in TREMBLE_FREQUENCIES_HZ)
_Y1 = 2 * math.pi * TREMBLE_FREQUENCIES_HZ[0] * 0.93
_Y2 = 2 * math.pi * TREMBLE_FREQUENCIES_HZ[1] * 1.07
_UNRAVEL_STEP = min(1.0, UNRAVEL_FOLLOW_PER_S * DT)


@dataclass(frozen=True)
class Heartbeat(Event):
    bpm: float  # beats per minute now
    level: float  # panic level, 0..1


@dataclass(frozen=True)
class PanicRose(Event):
    level: float
    cause: str  # "noticed", "failure", "slip"


class Panic:
    def __init__(self, phase_seed: float = 0.0):
        self.level = 0.0
        self.noticed = False
        self.heart_phase = 0.0  # 0..1 through the current beat
        self.unravel = 0.0  # 0..1, how far the masterpiece's smooth lines have come apart
        self._tremble: tuple[float, float] | None = (0.0, 0.0)  # see tremble; None until read
        self._tremble_of = (0.0, 0.0)  # (amplitude, seconds) of this tick's tremble
        self.seconds = 0.0  # tick time since the world began, for the tremble's rhythm
        self.phase_seed = float(phase_seed)  # from the seed: every dreamer trembles their own way
        self._gripped = False  # set by a scene for one tick at a time

    # -- what scenes call ------------------------------------------------------------------

    def notice(self, world) -> None:
        """The dreamer sees the flaw: the heart jumps once."""
        if not self.noticed:
            self.noticed = True
            self._raise(NOTICE_JUMP, world, "noticed")

    def grip(self) -> None:
        """Keep panic climbing this tick (toward GRIP_CEILING)."""
        self._gripped = True

    def fail(self, world) -> None:
        self._raise(FAIL_RISE, world, "failure")

    def slip(self, world) -> None:
        self._raise(SLIP_RISE, world, "slip")

    def breathe(self, amount: float = BREATH_CALM) -> None:
        """A breath lowers panic (the acceptance beat's rhythm uses this)."""
        self.level = max(0.0, self.level - max(0.0, amount))

    def _raise(self, amount: float, world, cause: str) -> None:
        self.level = min(1.0, self.level + amount)
        world.emit(PanicRose(world.tick, self.level, cause))

    # -- derived ---------------------------------------------------------------------------

    @property
    def bpm(self) -> float:
        return HEART_REST_BPM + (HEART_PANIC_BPM - HEART_REST_BPM) * self.level

    @property
    def time_scale(self) -> float:
        return 1.0 - (1.0 - SLOWEST_TIME) * self.level

    @property
    def vignette(self) -> float:
        """0..1, how far the tunnel closes in (the renderer adds the heartbeat's pulse)."""
        return self.level

    # -- stepping --------------------------------------------------------------------------

    def step(self, world) -> None:
        level = self.level
        if self._gripped and level < GRIP_CEILING:
            level = self.level = min(GRIP_CEILING, level + GRIP_RISE_PER_S * DT)
        self._gripped = False
        t = self.seconds = self.seconds + DT
        bpm = HEART_REST_BPM + (HEART_PANIC_BPM - HEART_REST_BPM) * level  # self.bpm
        heart_phase = self.heart_phase + bpm / 60.0 * DT
        if heart_phase >= 1.0:
            heart_phase -= 1.0
            if level >= HEARTBEAT_AUDIBLE:
                world.emit(Heartbeat(world.tick, bpm, level))
        self.heart_phase = heart_phase
        self.unravel += (level - self.unravel) * _UNRAVEL_STEP
        # Only minigames read the tremble: keep what this tick's is made of, work it out when read.
        self._tremble_of = (TREMBLE_MAX * level, t)
        self._tremble = None
        world.time_scale = 1.0 - (1.0 - SLOWEST_TIME) * level  # self.time_scale

    @property
    def tremble(self) -> tuple[float, float]:
        """This tick's jitter, added to minigame input (move-vector units)."""
        if self._tremble is None:
            amplitude, t = self._tremble_of
            s, sin = self.phase_seed, math.sin
            jx = 0.55 * sin(_X1 * t + s) + 0.3 * sin(_X2 * t + 2.1 * s) + 0.15 * sin(_X3 * t + 0.7)
            jy = 0.55 * sin(_Y1 * t + 1.3 + s) + 0.3 * sin(_Y2 * t + 0.4 * s) + 0.15 * sin(_X3 * t + 2.9)
            # Even at rest (amplitude 0) this is worked out: it is ±0.0, and the sign is hashed.
            self._tremble = (amplitude * jx, amplitude * jy)
        return self._tremble

    # -- saved games ----------------------------------------------------------------------

    def to_json(self) -> dict:
        """What a saved game keeps: how panicked, and whether the flaw was seen (the rest settles in a moment)."""
        return {"level": self.level, "noticed": self.noticed}

    @classmethod
    def from_json(cls, data, phase_seed: float = 0.0) -> "Panic":
        data = saved.mapping(data, "panic")
        panic = cls(phase_seed)
        panic.level = saved.finite(data.get("level", 0.0), "panic level", 0.0, 1.0)
        panic.noticed = saved.flag(data.get("noticed", False), "panic noticed")
        return panic

    def hash_state(self) -> tuple:
        return (self.level, self.noticed, self.heart_phase, self.unravel, self.tremble, self.seconds, self.phase_seed)
