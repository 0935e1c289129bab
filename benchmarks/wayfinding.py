"""Wayfinding: a newcomer who sees only the screen, from the spawn to the easel.

The newcomer bot (``game.bot.newcomer``) knows what the camera frames and what it has seen,
never the map: it walks by the glow-tape arrows, the easel and the rooms in view. Printed per
size (30 generated seeds each) and for the shipped levels: median, p90 and worst time to the
easel in seconds of game time; the share of walkable places from which an arrow or the easel is
on screen; and how big the dreamer, a tool and the easel are on a 1280×720 screen.

Targets (SPEC §8): p90 <= 60 s on medium, <= 90 s on large.
"""

from __future__ import annotations

import statistics
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from game.bot.newcomer import walk_to_the_easel
from game.level.generate import EASEL_SIZE, SIZES, generate_backstage
from game.level.tiled import load_level
from game.level.wayfinding import cues_on_screen_share
from game.render.dreamer import FIGURE_PX
from game.render.framing import REFERENCE_WINDOW, zoom_for
from game.render.world import TOOL_PX
from game.sim.world import World

SEEDS = 30  # per size
LIMIT_S = 300.0  # a newcomer still looking after this long counts as lost
TARGETS_S = {"medium": 60.0, "large": 90.0}
LEVELS = Path(__file__).resolve().parents[1] / "levels"
SHIPPED = ("dressing_rooms.tmj", "long_wing.tmj", "storage_hall.tmx")


def newcomer(job: tuple[str, object]) -> tuple[float | None, float]:
    """(seconds to the easel or None, share of places with a cue in sight) for one level."""
    kind, what = job
    level = load_level(LEVELS / what) if kind == "file" else generate_backstage(what, kind)
    return walk_to_the_easel(World(level), LIMIT_S), cues_on_screen_share(level)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def main() -> None:
    jobs = [(size, seed) for size in SIZES for seed in range(1, SEEDS + 1)] + [("file", name) for name in SHIPPED]
    with ProcessPoolExecutor(2) as pool:
        results = dict(zip(jobs, pool.map(newcomer, jobs)))
    figures = {}
    print(f"{'level':20} {'median s':>9} {'p90 s':>7} {'worst s':>8} {'lost':>5} {'cue in sight':>13}")
    for size in SIZES:
        found = [results[(size, seed)] for seed in range(1, SEEDS + 1)]
        times = [t for t, _ in found if t is not None]
        lost = sum(1 for t, _ in found if t is None)
        worst = LIMIT_S if lost else max(times)
        figures[size] = p90([t if t is not None else LIMIT_S for t, _ in found])
        share = statistics.mean(s for _, s in found)
        print(f"{size + ' (' + str(SEEDS) + ' seeds)':20} {statistics.median(times):9.1f} {figures[size]:7.1f} {worst:8.1f} {lost:5d} {share:12.1%}")
    for name in SHIPPED:
        t, share = results[("file", name)]
        shown = f"{t:9.1f}" if t is not None else "     lost"
        print(f"{name:20} {shown} {'':7} {'':8} {0 if t is not None else 1:5d} {share:12.1%}")
    zoom = zoom_for(REFERENCE_WINDOW)

    print(f"on a 1280×720 screen: the dreamer {FIGURE_PX * zoom:.0f} px across, a tool {TOOL_PX * zoom:.0f} px, the easel {EASEL_SIZE[0] * zoom:.0f} × {EASEL_SIZE[1] * zoom:.0f} px")
    for size, target in TARGETS_S.items():
        print(f"{size}: p90 {figures[size]:.1f} s (target <= {target:.0f} s)")
    print(f"newcomer_to_easel_s_p90: {figures['medium']:.1f}")  # the default size


if __name__ == "__main__":
    main()
