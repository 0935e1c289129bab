"""Simulation speed without rendering: ticks per second on a generated backstage, every system on."""

from __future__ import annotations

import math
import statistics
import time

from game.level.generate import generate_backstage
from game.sim.actions import Actions
from game.sim.world import World

TICKS = 6000
ROUNDS = 3


def wander(tick: int) -> Actions:
    angle = tick * 0.013
    return Actions((math.cos(angle), math.sin(angle * 0.7)))


def measure(seed: int) -> float:
    world = World(generate_backstage(seed), seed=seed)
    script = [wander(t) for t in range(TICKS)]
    start = time.perf_counter()
    for act in script:
        world.step(act)
    return TICKS / (time.perf_counter() - start)


def main() -> None:
    rates = [measure(seed) for seed in range(1, ROUNDS + 1)]
    for seed, rate in enumerate(rates, 1):
        print(f"seed {seed}: {rate:,.0f} ticks/s over {TICKS} ticks")
    print(f"median {statistics.median(rates):,.0f} ticks/s, every system running (target >= 20,000)")
    print(f"sim_ticks_per_s: {statistics.median(rates):.0f}")


if __name__ == "__main__":
    main()
