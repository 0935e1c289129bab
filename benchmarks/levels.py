"""Level speed: generating backstages of each size, and loading and checking the shipped Tiled levels.

SPEC target: the default (medium) backstage in <= 50 ms.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from game.level.generate import SIZES, generate_backstage
from game.level.reach import occluder_edges
from game.level.tiled import load_level

SEEDS = 60  # per size
LOADS = 5  # per shipped level
LEVELS = Path(__file__).resolve().parents[1] / "levels"


def timed(make) -> tuple[float, object]:
    start = time.perf_counter()
    made = make()
    return (time.perf_counter() - start) * 1000.0, made


def main() -> None:
    medians = {}
    print(f"{'size':8} {'median ms':>10} {'p90 ms':>8} {'max ms':>8} {'lights':>7} {'edges':>6}")
    for size in SIZES:
        times, lights, edges = [], [], []
        for seed in range(SEEDS):
            ms, level = timed(lambda: generate_backstage(seed, size))
            times.append(ms)
            lights.append(len(level.lights))
            edges.append(occluder_edges(level))
        times.sort()
        medians[size] = statistics.median(times)
        print(f"{size:8} {medians[size]:10.2f} {times[int(len(times) * 0.9)]:8.2f} {times[-1]:8.2f} {statistics.median(lights):7.0f} {statistics.median(edges):6.0f}")
    print()
    for path in sorted(p for p in LEVELS.iterdir() if p.suffix in (".tmj", ".tmx")):
        times = sorted(timed(lambda: load_level(path))[0] for _ in range(LOADS))
        print(f"load and check {path.name:22} median {statistics.median(times):7.2f} ms ({path.stat().st_size // 1024} KiB)")
    print(f"default (medium) backstage: median {medians['medium']:.1f} ms (target <= 50 ms)")
    print(f"generate_medium_ms: {medians['medium']:.1f}")


if __name__ == "__main__":
    main()
