"""Simulation speed without rendering: ticks per second on a generated backstage, every system on.

The timed run ends with a state hash, so work a step leaves for later is counted: a light is
worked out when it is read (a drawn frame, a hash), not every tick. Two more figures show the
other ways the world is used: every light read every tick (as a drawn frame reads them), and a
state hash every HASH_INTERVAL ticks (as a recording or a replay takes them).

Each figure is the best of REPEATS runs of a seed (as timeit takes the least time: the run
least disturbed by other work on a shared machine), then the median over the seeds.
"""

from __future__ import annotations

import math
import statistics
import time

from game.level.generate import generate_backstage
from game.sim.actions import Actions
from game.sim.world import HASH_INTERVAL, World

TICKS = 6000
ROUNDS = 3  # seeds
REPEATS = 3  # runs of each seed; the fastest counts
TARGET = 20_000  # ticks/s (moonshot 50,000)


def wander(tick: int) -> Actions:
    angle = tick * 0.013
    return Actions((math.cos(angle), math.sin(angle * 0.7)))


def read_lights(world: World) -> None:
    for light in world.lights:
        light.brightness, light.position


def measure(seed: int, read_every_tick: bool = False, hash_every: int = 0) -> float:
    world = World(generate_backstage(seed), seed=seed)
    script = [wander(t) for t in range(TICKS)]
    start = time.perf_counter()
    for act in script:
        world.step(act)
        if read_every_tick:
            read_lights(world)
        if hash_every and world.tick % hash_every == 0:
            world.state_hash()
    world.state_hash()
    return TICKS / (time.perf_counter() - start)


def best(seed: int, **how) -> float:
    return max(measure(seed, **how) for _ in range(REPEATS))


def main() -> None:
    rates = [best(seed) for seed in range(1, ROUNDS + 1)]
    for seed, rate in enumerate(rates, 1):
        print(f"seed {seed}: {rate:,.0f} ticks/s over {TICKS} ticks (best of {REPEATS})")
    read = statistics.median(best(seed, read_every_tick=True) for seed in range(1, ROUNDS + 1))
    hashed = statistics.median(best(seed, hash_every=HASH_INTERVAL) for seed in range(1, ROUNDS + 1))
    print(f"every light read every tick (as a drawn frame reads them): {read:,.0f} ticks/s")
    print(f"a state hash every {HASH_INTERVAL} ticks (as a recording or replay takes them): {hashed:,.0f} ticks/s")
    median = statistics.median(rates)
    print(f"median {median:,.0f} ticks/s, every system running (target >= {TARGET:,}, moonshot 50,000)")
    print(f"sim_ticks_per_s: {median:.0f}")


if __name__ == "__main__":
    main()
