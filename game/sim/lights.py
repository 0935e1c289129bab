"""The lights' living state: flicker and sway, from seeded noise, stepped with the world.

The renderer reads ``Light.brightness`` and ``Light.position``; it never computes flicker.
"""

from __future__ import annotations

import math
import random

from game.level.model import LightSpec


class Light:
    def __init__(self, spec: LightSpec, rng: random.Random):
        self.spec = spec
        self.phase = rng.random() * 1000.0
        self.brightness = spec.intensity  # 0..2, what the renderer multiplies the colour by
        self.offset = (0.0, 0.0)  # sway in px

    @property
    def position(self) -> tuple[float, float]:
        return (self.spec.x + self.offset[0], self.spec.y + self.offset[1])

    def step(self, t: float) -> None:
        wobble = math.sin(t * 7.0 + self.phase) * 0.5 + math.sin(t * 13.1 + self.phase * 1.7) * 0.5
        self.brightness = self.spec.intensity * (1.0 - self.spec.flicker * 0.25 * (1.0 + wobble))

    def hash_state(self) -> tuple:
        return (self.brightness, self.offset)


class LightRig:
    """Every light in the level."""

    def __init__(self, specs, rng: random.Random, settings):
        self.settings = settings
        self.lights = [Light(spec, rng) for spec in specs]

    def __iter__(self):
        return iter(self.lights)

    def __len__(self):
        return len(self.lights)

    def step(self, world) -> None:
        for light in self.lights:
            light.step(world.anim_time)

    def hash_state(self) -> tuple:
        return tuple(light.hash_state() for light in self.lights)
