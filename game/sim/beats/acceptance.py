"""The acceptance beat: breathe with a slow rhythm until the panic calms, then accept the flaw.

One button (BREATHE): hold to breathe in, let go to breathe out. A guide swells and sinks at
an easy rhythm; a breath near it calms more, any breath calms some, and if the player does
nothing the dreamer still breathes on their own — it cannot be failed. Once calm, ACCEPT (or
INTERACT) lets the flaw be: over ``RECOMPOSE_S`` seconds the masterpiece recomposes around it
(``world.flaw.recompose`` eases 0 → 1; the masterpiece renderer draws the rest).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.sim.actions import Button
from game.sim.beats import Scene
from game.sim.events import Event
from game.sim.timestep import DT


# Tuning.
INHALE_S = 2.0  # the guide's breath in
EXHALE_S = 2.0  # and out
MIN_INHALE_S = 0.35  # a shorter hold is a gasp: it still counts, for less
CALM_PER_BREATH = 0.3  # calm gained by a breath that matches the guide
WORST_BREATH_SHARE = 0.5  # ...and the share of that a badly timed breath still gives
SELF_BREATH_S = 4.5  # without input, the dreamer breathes by themselves this often
SELF_BREATH_CALM = 0.2
PANIC_LEFT_WHEN_CALM = 0.08  # panic level when calm reaches 1
RECOMPOSE_S = 5.0  # the masterpiece recomposes around the flaw over this long
LINGER_S = 1.5  # the recomposed picture is held this long before the curtain
LIGHTS_RETURN_S = 2.5  # s for guttered lights to come fully back (they follow the calm)


@dataclass(frozen=True)
class BreathTaken(Event):
    depth: float  # 0..1, how full the breath was
    timing: float  # 0..1, how close to the guide's rhythm
    calm: float  # 0..1, calm after this breath
    own: bool  # the dreamer breathed without the player


@dataclass(frozen=True)
class Calmed(Event):
    """The heart has slowed: the dreamer can accept."""


@dataclass(frozen=True)
class Accepted(Event):
    """The dreamer lets the flaw be: the rush of confidence."""

    severity: float


@dataclass(frozen=True)
class Recomposed(Event):
    """The flaw has become the heart of the composition."""


def ease(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return t * t * (3.0 - 2.0 * t)


class AcceptanceScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.inhale = 0.0  # 0..1, how full the lungs are
        self.held_ticks = 0  # ticks of the current breath in
        self.breathing_in = False
        self.calm = 0.0
        self.calmed = False
        self.idle_ticks = 0
        self.breaths = 0
        self.accepted_tick: int | None = None
        self.recompose = 0.0
        self.start_panic = 0.0
        self.start_gutter = 0.0

    @property
    def guide(self) -> float:
        """0..1, the guide's breath now: a slow swell and sink the player can follow."""
        period = (INHALE_S + EXHALE_S) * 60
        phase = (self.ticks % period) / period
        return 0.5 - 0.5 * math.cos(2 * math.pi * phase)

    @property
    def accepting(self) -> bool:
        return self.accepted_tick is not None

    def enter(self, world) -> None:
        world.player.frozen = True
        world.player.place(world.player.position)
        self.start_panic = world.panic.level
        self.start_gutter = world.lights.gutter

    def update(self, world, inp) -> None:
        self.ticks += 1
        world.player.drive((0.0, 0.0), DT)
        # The lights recover as the breath does.
        target = self.start_gutter * (1.0 - self.calm)
        gutter = world.lights.gutter
        world.lights.gutter = max(target, gutter - DT / LIGHTS_RETURN_S) if gutter > target else target
        if self.accepting:
            elapsed = (world.tick - self.accepted_tick) * DT
            before = self.recompose
            self.recompose = ease(elapsed / RECOMPOSE_S)
            world.flaw.set_recompose(self.recompose)
            if before < 1.0 <= self.recompose:
                world.emit(Recomposed(world.tick))
            return
        self.breathe(world, inp)
        if self.calmed and (inp.was_pressed(Button.ACCEPT) or inp.was_pressed(Button.INTERACT)):
            self.accepted_tick = world.tick
            world.panic.breathe(1.0)
            world.emit(Accepted(world.tick, world.flaw.severity))

    def breathe(self, world, inp) -> None:
        if inp.is_held(Button.BREATHE):
            self.idle_ticks = 0
            self.breathing_in = True
            self.held_ticks += 1
            self.inhale = min(1.0, self.inhale + DT / INHALE_S)
            return
        if self.breathing_in:  # released: the breath goes out, and counts
            self.breathing_in = False
            held_s = self.held_ticks * DT
            self.held_ticks = 0
            timing = max(0.0, 1.0 - abs(held_s - INHALE_S) / INHALE_S)
            depth = self.inhale
            share = WORST_BREATH_SHARE + (1.0 - WORST_BREATH_SHARE) * timing
            if held_s < MIN_INHALE_S:
                share *= 0.5
            self.take_breath(world, CALM_PER_BREATH * share, depth, timing, own=False)
        self.inhale = max(0.0, self.inhale - DT / EXHALE_S)
        self.idle_ticks += 1
        if self.idle_ticks >= SELF_BREATH_S * 60:
            self.idle_ticks = 0
            self.take_breath(world, SELF_BREATH_CALM, 0.5, 0.0, own=True)

    def take_breath(self, world, calm: float, depth: float, timing: float, own: bool) -> None:
        self.breaths += 1
        world.stats.breaths += 1
        self.calm = min(1.0, self.calm + calm)
        # Panic falls in step with the calm, from where it stood down to a quiet rest.
        target = self.start_panic + (PANIC_LEFT_WHEN_CALM - self.start_panic) * self.calm
        world.panic.breathe(max(0.0, world.panic.level - min(world.panic.level, target)))
        world.emit(BreathTaken(world.tick, depth, timing, self.calm, own))
        if self.calm >= 1.0 and not self.calmed:
            self.calmed = True
            world.emit(Calmed(world.tick))

    def exit(self, world) -> None:
        world.player.frozen = False
        world.lights.gutter = 0.0

    def flaw_accepted(self, world) -> bool:
        """The player accepted, the picture recomposed around the flaw and was held a moment."""
        return self.accepting and (world.tick - self.accepted_tick) * DT >= RECOMPOSE_S + LINGER_S

    def hash_state(self) -> tuple:
        return (
            self.ticks,
            self.inhale,
            self.held_ticks,
            self.breathing_in,
            self.calm,
            self.calmed,
            self.idle_ticks,
            self.breaths,
            self.accepted_tick,
            self.recompose,
            self.start_panic,
            self.start_gutter,
        )
