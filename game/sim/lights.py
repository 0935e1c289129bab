"""The lights' living state: flicker and sway from seeded noise, stepped with the world.

The renderer reads ``Light.brightness`` and ``Light.position``; it never computes flicker.
Every number that moves here is in ``hash_state()``, and all randomness comes from a small
integer generator per light seeded from the world's ``rng("lights")``, so a replay flickers
exactly as the run did.

Nothing in the simulation reads a light, so a step does not work a light out: the noise of
each light depends on nothing but how many ticks have passed, and what a light shows depends
only on that noise and the last step's levels (animation time, house, gutter, settings). The
rig counts ticks and keeps the last step's levels; a light catches up the first time it is
read (a rendered frame, a state hash), with the same arithmetic in the same order as if it had
been stepped every tick, so the values and the hash are the same bits. With reduce flicker
the low-pass filter needs every tick's flicker, so the rig also keeps each tick's gutter
until every light has caught up.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from itertools import chain, repeat

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
# The farthest a light ever hangs from its spec's place (px): the widest sway, in a full draught.
MAX_SWAY_PX = max(model.sway_px for model in FLICKER_MODELS.values()) * max(1.0, GUTTER_SWAY)

_MASK32 = 0xFFFFFFFF  # the lights' generator is a 32-bit xorshift: small integer state, cheap, hashable
_REDUCED_EASE = 1.0 - math.exp(-DT / REDUCED_SMOOTHING_S)  # low-pass step per tick
_REDUCED_STEP = REDUCED_SLEW * DT  # the most the flicker factor moves per tick
REDUCED_LOG_TICKS = 3600  # with reduce flicker, lights nobody reads are worked out at least this often


def _xorshift(state: int) -> int:
    """The next state of a light's generator (32-bit xorshift); state / 2**32 is its uniform draw."""
    state ^= (state << 13) & _MASK32
    state ^= state >> 17
    return state ^ ((state << 5) & _MASK32)


class Light:
    """One light: its authored spec and its flickering, swaying state.

    Two smooth value noises drive it (a quick one and a slow one): each eases from its previous
    random value to its next over 1/hz s, then draws another. A bulb's generator also rolls for
    a stutter every tick it is not stuttering. ``_tick`` is the rig tick the light has been
    worked out to; reading it catches it up (see the module's docstring).
    """

    __slots__ = (
        "spec", "model", "_rig", "_tick",
        # the noise: a function of the seed and the tick count alone
        "_state", "_fast_previous", "_fast_target", "_fast_phase", "_slow_previous", "_slow_target",
        "_slow_phase", "_sway_phase", "_stutter", "_stuttering",
        # what the light shows at _tick
        "_factor", "_brightness", "_offset",
        # per-kind numbers worked out once
        "_fast_rate", "_slow_rate", "_fast_amount", "_slow_amount", "_stutter_chance", "_stutter_low",
        "_stutter_span", "_sway_omega", "_sway_px", "_sway_ellipse", "_base", "_is_house",
    )

    def __init__(self, spec: LightSpec, rng: random.Random, rig: "LightRig"):
        self.spec = spec
        model = self.model = FLICKER_MODELS.get(spec.kind, FLICKER_MODELS["work_lamp"])
        self._rig = rig
        self._tick = rig._tick
        self._state = rng.getrandbits(32) | 1  # xorshift state: never zero
        self._fast_previous, self._fast_target, self._fast_phase = self._uniform(), self._uniform(), self._uniform()
        self._slow_previous, self._slow_target, self._slow_phase = self._uniform(), self._uniform(), self._uniform()
        self._sway_phase = self._uniform() * math.tau  # so lights of one kind do not swing in step
        self._stutter = 0  # ticks of stutter left
        self._stuttering = False  # this tick is one of a stutter's (dimmed)
        self._factor = 1.0  # the flicker factor shown (after reduce-flicker filtering), 0..1
        self._brightness = spec.intensity  # 0..2, what the renderer multiplies the colour by
        self._offset = (0.0, 0.0)  # sway in px
        self._fast_rate, self._slow_rate = model.fast_hz * DT, model.slow_hz * DT
        self._fast_amount, self._slow_amount = spec.flicker * model.fast_depth, spec.flicker * model.slow_depth
        self._stutter_chance = model.stutter_per_s * DT * spec.flicker
        low, high = model.stutter_ticks
        self._stutter_low, self._stutter_span = low, high - low + 1
        self._sway_omega = model.sway_hz * math.tau
        self._sway_px, self._sway_ellipse = model.sway_px, model.sway_ellipse
        self._base = spec.intensity
        self._is_house = spec.kind == "house"

    def _uniform(self) -> float:
        self._state = state = _xorshift(self._state)
        return state / 4294967296.0

    # -- what the renderer reads -----------------------------------------------------------

    @property
    def brightness(self) -> float:
        if self._tick != self._rig._tick:
            self._catch_up()
        return self._brightness

    @property
    def factor(self) -> float:
        if self._tick != self._rig._tick:
            self._catch_up()
        return self._factor

    @property
    def offset(self) -> tuple[float, float]:
        if self._tick != self._rig._tick:
            self._catch_up()
        return self._offset

    @offset.setter
    def offset(self, value: tuple[float, float]) -> None:
        if self._tick != self._rig._tick:
            self._catch_up()
        self._offset = value

    @property
    def position(self) -> tuple[float, float]:
        if self._tick != self._rig._tick:
            self._catch_up()
        ox, oy = self._offset
        return (self.spec.x + ox, self.spec.y + oy)

    # -- stepping --------------------------------------------------------------------------

    def _catch_up(self) -> None:
        """Work the light out to the rig's tick."""
        rig = self._rig
        levels, gutters = rig._levels, rig._gutters
        if gutters is None:  # only the last tick's flicker matters: it depends on that tick alone
            behind = rig._tick - self._tick
            last = (levels[2],)  # read every frame: mostly one tick behind
            self._live(last if behind == 1 else chain(repeat(None, behind - 1), last), levels, False)
        else:  # reduce flicker since tick rig._log_start: the filter takes every tick's flicker
            self._live(gutters[self._tick + 1 - rig._log_start :], levels, True)
        self._tick = rig._tick

    def _live(self, gutters, levels: tuple, reduced: bool) -> None:
        """Run the noise on tick by tick (phases, new values, stutters, in tick order) and work out
        what the light shows after the last tick, with that step's levels.

        `gutters` has an item per tick: None where only the noise moves on, else the tick's gutter,
        and its flicker is worked out (through the low-pass filter when `reduced`).
        """
        state = self._state
        fast_phase, fast_previous, fast_target = self._fast_phase, self._fast_previous, self._fast_target
        slow_phase, slow_previous, slow_target = self._slow_phase, self._slow_previous, self._slow_target
        fast_rate, slow_rate, chance = self._fast_rate, self._slow_rate, self._stutter_chance
        fast_amount, slow_amount = self._fast_amount, self._slow_amount
        stutter, stuttering = self._stutter, self._stuttering
        factor, slow = self._factor, 0.0
        for gutter in gutters:
            fast_phase += fast_rate
            if fast_phase >= 1.0:
                fast_phase -= 1.0
                state = _xorshift(state)
                fast_previous, fast_target = fast_target, state / 4294967296.0
            slow_phase += slow_rate
            if slow_phase >= 1.0:
                slow_phase -= 1.0
                state = _xorshift(state)
                slow_previous, slow_target = slow_target, state / 4294967296.0
            if chance:
                if stutter:
                    stutter -= 1
                    stuttering = True
                else:
                    stuttering = False
                    state = _xorshift(state)
                    if state / 4294967296.0 < chance:
                        state = _xorshift(state)
                        stutter = self._stutter_low + int(state / 4294967296.0 * self._stutter_span)
            if gutter is None:
                continue
            # The flicker this tick: the same expressions, in the same order, as ever.
            phase = fast_phase
            fast = fast_previous + (fast_target - fast_previous) * phase * phase * (3.0 - 2.0 * phase)
            phase = slow_phase
            slow = slow_previous + (slow_target - slow_previous) * phase * phase * (3.0 - 2.0 * phase)
            raw = 1.0 - fast_amount * fast - slow_amount * slow
            if stuttering:
                raw *= STUTTER_LOW if (stutter >> 1) & 1 else STUTTER_HIGH
            if gutter:
                loss = GUTTER_DEPTH + GUTTER_WAVER * (2.0 * slow - 1.0) + GUTTER_CATCH * fast
                raw *= 1.0 - gutter * (loss if loss < 0.95 else 0.95)
            if reduced:  # raw = min(factor + step, max(factor - step, eased)), as the builtins pick
                eased = factor + (raw - factor) * _REDUCED_EASE
                low, high = factor - _REDUCED_STEP, factor + _REDUCED_STEP
                raw = eased if eased > low else low
                raw = raw if raw < high else high
            factor = 0.0 if raw < 0.0 else (1.0 if raw > 1.0 else raw)
        self._state = state
        self._fast_phase, self._fast_previous, self._fast_target = fast_phase, fast_previous, fast_target
        self._slow_phase, self._slow_previous, self._slow_target = slow_phase, slow_previous, slow_target
        self._stutter, self._stuttering = stutter, stuttering
        self._factor = factor

        t, house, gutter, reduced_motion = levels
        brightness = (self._base * house if self._is_house else self._base) * factor
        self._brightness = 2.0 if brightness > 2.0 else brightness
        omega = self._sway_omega
        if omega and not reduced:  # with reduce flicker the light holds still where it was
            amplitude = self._sway_px * (1.0 + (GUTTER_SWAY - 1.0) * gutter)
            if reduced_motion:
                amplitude *= REDUCED_MOTION_SWAY
            angle = t * omega + self._sway_phase
            # Along a direction that itself wanders slowly, so the swing is not a metronome.
            wander = self._sway_phase + slow * 1.2
            along, across = math.sin(angle) * amplitude, math.cos(angle) * amplitude * self._sway_ellipse
            cw, sw = math.cos(wander), math.sin(wander)
            self._offset = (along * cw - across * sw, along * sw + across * cw)

    def hash_state(self) -> tuple:
        if self._tick != self._rig._tick:
            self._catch_up()
        return (
            self._state,
            (self._fast_previous, self._fast_target, self._fast_phase),
            (self._slow_previous, self._slow_target, self._slow_phase),
            self._sway_phase,
            self._stutter,
            self._factor,
            self._brightness,
            self._offset,
        )


class LightRig:
    """Every light in the level, plus the two levels the story drives.

    ``house`` (0..1) raises the house lights for the ``lights_on`` beat: at 1 the renderer lights
    everything fully and no shadow remains. ``gutter`` (0..1) makes every light sink and waver,
    for the ``alone`` beat. The settings (reduce flicker, reduce motion) are read from the world
    at every step.
    """

    def __init__(self, specs, rng: random.Random, settings=None):
        # `settings` is accepted for the old call; the rig reads world.settings at each step.
        self._tick = 0  # steps taken
        self._levels = None  # (anim time, house, gutter, reduce motion) of the last step
        # While flicker is reduced: the gutter of every tick since tick _log_start (the filter
        # needs each), else None. Every light has been worked out to _log_start - 1 or later.
        self._gutters: list[float] | None = None
        self._log_start = 0
        self.lights = [Light(spec, rng, self) for spec in specs]
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
        settings = world.settings
        if getattr(settings, "reduce_flicker", False):
            gutters = self._gutters
            if gutters is None or len(gutters) >= REDUCED_LOG_TICKS:
                # Flicker is reduced from now on (or the log is long): every light is worked out
                # to the last tick first (the factor the filter starts from, the sway it holds).
                self._catch_up_all()
                gutters = self._gutters = []
                self._log_start = self._tick + 1
            gutters.append(self._gutter)
        else:
            self._gutters = None  # what a plain tick shows does not depend on the ticks before
        self._tick += 1
        self._levels = (world.anim_time, self._house, self._gutter, bool(getattr(settings, "reduce_motion", False)))

    def _catch_up_all(self) -> None:
        tick = self._tick
        for light in self.lights:
            if light._tick != tick:
                light._catch_up()

    def hash_state(self) -> tuple:
        return (self._house, self._gutter, tuple(light.hash_state() for light in self.lights))
