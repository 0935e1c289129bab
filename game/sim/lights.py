"""The lights' living state: flicker and sway from seeded noise, stepped with the world.

The renderer reads ``Light.brightness`` and ``Light.position``; it never computes flicker.
Every number that moves here is in ``hash_state()``, and all randomness comes from a small
integer generator per light seeded from the world's ``rng("lights")``, so a replay flickers
exactly as the run did.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from game.level.model import LightSpec
from game.sim.timestep import DT


@dataclass(frozen=True)
class FlickerModel:
    """How one kind of light lives. Amplitudes are at ``LightSpec.flicker`` = 1 and scale with it."""

    fast_hz: float  # how often the quick noise picks a new value
    fast_depth: float  # how far (fraction of the brightness) the quick noise dips
    slow_hz: float  # the slow breathing of the light
    slow_depth: float
    stutter_per_s: float  # how often a stutter (a run of near-blackouts) starts, per second
    stutter_ticks: tuple[int, int]  # how long a stutter lasts (min, max) in ticks
    sway_px: float  # how far the light swings or wobbles from where it hangs
    sway_hz: float  # swings per second
    sway_ellipse: float  # 0 swings in a line, 1 circles (a candle flame wanders, a bulb swings)


# The tuning of every kind in one place (see LIGHT_KINDS in game/level/model.py).
FLICKER_MODELS = {
    # small and warm; a quick, nervous flicker and a flame that never holds still
    "candle": FlickerModel(11.0, 0.38, 1.4, 0.22, 0.0, (0, 0), 1.6, 1.9, 0.8),
    # steady and wide: the one thing backstage you can trust
    "work_lamp": FlickerModel(4.0, 0.015, 0.35, 0.05, 0.0, (0, 0), 0.0, 0.0, 0.0),
    # a bare bulb on a cord: a buzzing ripple, stutters now and then, and it swings
    "bare_bulb": FlickerModel(24.0, 0.10, 0.8, 0.08, 0.30, (4, 14), 5.0, 0.38, 0.25),
    # stage light spilling under the curtain: it breathes as the audience shifts
    "spill": FlickerModel(1.5, 0.03, 0.22, 0.20, 0.0, (0, 0), 0.0, 0.0, 0.0),
    # house lights: off until the lights_on beat, then flat and steady
    "house": FlickerModel(1.0, 0.0, 0.2, 0.0, 0.0, (0, 0), 0.0, 0.0, 0.0),
}
STUTTER_LOW = 0.18  # brightness factor in the dark ticks of a stutter
STUTTER_HIGH = 0.75  # and in its bright ticks

# Guttering (the `alone` beat): lights sink and catch unsteadily.
GUTTER_DEPTH = 0.55  # fraction of brightness lost at gutter = 1 on average
GUTTER_WAVER = 0.35  # how much of that loss wavers with the slow noise
GUTTER_CATCH = 0.15  # quick dips on top, as a flame catches and sinks
GUTTER_SWAY = 1.6  # sway grows by this factor at gutter = 1 (a draught)

# Reduce flicker (WCAG 2.3.1: at most 3 flashes a second). A flash needs the brightness to move
# by a visible amount (about 10 %) and back; capping the rate of change at REDUCED_SLEW makes
# even four such swings take longer than a second, whatever the noise does.
REDUCED_SLEW = 0.15  # max change of the flicker factor per second (fraction of full brightness)
REDUCED_SMOOTHING_S = 0.45  # low-pass time constant on top, so what remains is a slow breath
# Sway is off with reduce flicker: a candle's wobble swings the edge of a shadow far away across
# the floor about four times a second, which would flash whatever the brightness does.
REDUCED_MOTION_SWAY = 0.5  # sway amplitude factor when motion is reduced

_MASK32 = 0xFFFFFFFF  # the lights' generator is a 32-bit xorshift: small integer state, cheap, hashable
_REDUCED_EASE = 1.0 - math.exp(-DT / REDUCED_SMOOTHING_S)  # low-pass step per tick
_REDUCED_STEP = REDUCED_SLEW * DT  # the most the flicker factor moves per tick


class Light:
    """One light: its authored spec and its flickering, swaying state.

    Two smooth value noises drive it (a quick one and a slow one): each eases from its previous
    random value to its next over 1/hz s, then draws another. Stepped every tick for every
    light, so the step is written flat, with the per-kind numbers worked out once here.
    """

    __slots__ = (
        "spec", "model", "state", "fast_previous", "fast_target", "fast_phase", "slow_previous",
        "slow_target", "slow_phase", "sway_phase", "stutter", "factor", "brightness", "offset",
        "_fast_rate", "_slow_rate", "_fast_amount", "_slow_amount", "_stutter_chance", "_sway_omega",
        "_base",
    )

    def __init__(self, spec: LightSpec, rng: random.Random):
        self.spec = spec
        model = self.model = FLICKER_MODELS.get(spec.kind, FLICKER_MODELS["work_lamp"])
        self.state = rng.getrandbits(32) | 1  # xorshift state: never zero
        self.fast_previous, self.fast_target, self.fast_phase = self._uniform(), self._uniform(), self._uniform()
        self.slow_previous, self.slow_target, self.slow_phase = self._uniform(), self._uniform(), self._uniform()
        self.sway_phase = self._uniform() * math.tau  # so lights of one kind do not swing in step
        self.stutter = 0  # ticks of stutter left
        self.factor = 1.0  # the flicker factor shown (after reduce-flicker filtering), 0..1
        self.brightness = spec.intensity  # 0..2, what the renderer multiplies the colour by
        self.offset = (0.0, 0.0)  # sway in px
        self._fast_rate, self._slow_rate = model.fast_hz * DT, model.slow_hz * DT
        self._fast_amount, self._slow_amount = spec.flicker * model.fast_depth, spec.flicker * model.slow_depth
        self._stutter_chance = model.stutter_per_s * DT * spec.flicker
        self._sway_omega = model.sway_hz * math.tau
        self._base = spec.intensity

    def _uniform(self) -> float:
        state = self.state
        state ^= (state << 13) & _MASK32
        state ^= state >> 17
        state ^= (state << 5) & _MASK32
        self.state = state
        return state / 4294967296.0

    @property
    def position(self) -> tuple[float, float]:
        return (self.spec.x + self.offset[0], self.spec.y + self.offset[1])

    def step(self, t: float, house: float, gutter: float, reduced: bool, reduced_motion: bool) -> None:
        phase = self.fast_phase + self._fast_rate
        if phase >= 1.0:
            phase -= 1.0
            self.fast_previous, self.fast_target = self.fast_target, self._uniform()
        self.fast_phase = phase
        fast = self.fast_previous + (self.fast_target - self.fast_previous) * phase * phase * (3.0 - 2.0 * phase)
        phase = self.slow_phase + self._slow_rate
        if phase >= 1.0:
            phase -= 1.0
            self.slow_previous, self.slow_target = self.slow_target, self._uniform()
        self.slow_phase = phase
        slow = self.slow_previous + (self.slow_target - self.slow_previous) * phase * phase * (3.0 - 2.0 * phase)
        raw = 1.0 - self._fast_amount * fast - self._slow_amount * slow

        if self._stutter_chance:
            if self.stutter:
                self.stutter -= 1
                raw *= STUTTER_LOW if (self.stutter >> 1) & 1 else STUTTER_HIGH
            elif self._uniform() < self._stutter_chance:
                low, high = self.model.stutter_ticks
                self.stutter = low + int(self._uniform() * (high - low + 1))

        if gutter:
            loss = GUTTER_DEPTH + GUTTER_WAVER * (2.0 * slow - 1.0) + GUTTER_CATCH * fast
            raw *= 1.0 - gutter * (loss if loss < 0.95 else 0.95)

        if reduced:
            factor = self.factor
            eased = factor + (raw - factor) * _REDUCED_EASE
            raw = min(factor + _REDUCED_STEP, max(factor - _REDUCED_STEP, eased))
        factor = self.factor = 0.0 if raw < 0.0 else (1.0 if raw > 1.0 else raw)

        brightness = (self._base * house if self.spec.kind == "house" else self._base) * factor
        self.brightness = 2.0 if brightness > 2.0 else brightness

        omega = self._sway_omega
        if omega and not reduced:
            model = self.model
            amplitude = model.sway_px * (1.0 + (GUTTER_SWAY - 1.0) * gutter)
            if reduced_motion:
                amplitude *= REDUCED_MOTION_SWAY
            angle = t * omega + self.sway_phase
            # Along a direction that itself wanders slowly, so the swing is not a metronome.
            wander = self.sway_phase + slow * 1.2
            along, across = math.sin(angle) * amplitude, math.cos(angle) * amplitude * model.sway_ellipse
            cw, sw = math.cos(wander), math.sin(wander)
            self.offset = (along * cw - across * sw, along * sw + across * cw)

    def hash_state(self) -> tuple:
        return (
            self.state,
            (self.fast_previous, self.fast_target, self.fast_phase),
            (self.slow_previous, self.slow_target, self.slow_phase),
            self.sway_phase,
            self.stutter,
            self.factor,
            self.brightness,
            self.offset,
        )


class LightRig:
    """Every light in the level, plus the two levels the story drives.

    ``house`` (0..1) raises the house lights for the ``lights_on`` beat: at 1 the renderer lights
    everything fully and no shadow remains. ``gutter`` (0..1) makes every light sink and waver,
    for the ``alone`` beat.
    """

    def __init__(self, specs, rng: random.Random, settings):
        self.settings = settings
        self.lights = [Light(spec, rng) for spec in specs]
        self._house = 0.0
        self._gutter = 0.0

    @property
    def house(self) -> float:
        return self._house

    @house.setter
    def house(self, value: float) -> None:
        self._house = min(1.0, max(0.0, float(value)))

    @property
    def gutter(self) -> float:
        return self._gutter

    @gutter.setter
    def gutter(self, value: float) -> None:
        self._gutter = min(1.0, max(0.0, float(value)))

    def __iter__(self):
        return iter(self.lights)

    def __len__(self):
        return len(self.lights)

    def __getitem__(self, index: int) -> Light:
        return self.lights[index]

    def step(self, world) -> None:
        # The world's settings of this tick, not those the rig was built with: reduce flicker
        # turned on in the middle of a dream must tame the lights at once.
        self.settings = world.settings
        reduced = bool(getattr(self.settings, "reduce_flicker", False))
        reduced_motion = bool(getattr(self.settings, "reduce_motion", False))
        t, house, gutter = world.anim_time, self._house, self._gutter
        for light in self.lights:
            light.step(t, house, gutter, reduced, reduced_motion)

    def hash_state(self) -> tuple:
        return (self._house, self._gutter, tuple(light.hash_state() for light in self.lights))
