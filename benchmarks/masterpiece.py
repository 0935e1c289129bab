"""How long the masterpiece takes to paint at 1024², and what the flaw and unravelling cost a frame.

Painting (numpy + PIL, no GL; painted afresh, not loaded from the pictures kept in the cache) is
timed over several fresh seeds after one warm-up (the loom's weave is made once per process and
kept), and so is its longest step as the worker paints it ahead a step at a time. The per-frame cost is the close-up's update on the
CPU (uniforms: unravel, vignette, recompose, heartbeat), the flaw pass the GPU redraws only
when the flaw changes, and the whole close-up frame, each with ``ctx.finish()`` so the
software renderer's work is counted. Ends with ``masterpiece_1024_ms: N``.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("ARCADE_HEADLESS", "1")

SEEDS = range(101, 109)
FRAMES = 30


def paint_times() -> tuple[float, list[float], list[float]]:
    """The first painting's ms, then each seed's, and each seed's longest step (as the worker paints
    it ahead, a step at a time: see game.render.ahead). Painted afresh: not loaded from the
    pictures kept in the cache (game.render.keep)."""
    from game.render.masterpiece import tapestry_in_steps

    paint = tapestry_in_steps.__wrapped__  # (unkept)

    def steps(seed: int) -> list[float]:
        taken, painting = [], paint(seed)
        while True:
            start = time.perf_counter()
            try:
                next(painting)
            except StopIteration:
                taken.append((time.perf_counter() - start) * 1000)
                return taken
            taken.append((time.perf_counter() - start) * 1000)

    first = sum(steps(100))
    painted = [steps(seed) for seed in SEEDS]
    return first, [sum(taken) for taken in painted], [max(taken) for taken in painted]


def frame_times() -> dict[str, float]:
    from game.compat import prepare_arcade

    arcade = prepare_arcade()
    window = arcade.Window(1280, 720, "benchmark", visible=False)
    from game.level.model import Level
    from game.render.closeup import CloseupRenderer
    from game.sim.flaw import Mark
    from game.sim.story import Beat
    from game.sim.world import World

    level = Level.from_ascii(["########", "#S....M#", "########"], seed=7)
    world = World(level)
    world.story.enter(Beat.REPAIR)
    for i, kind in enumerate(("streak", "streak", "web", "ring", "glaze")):
        world.flaw.worsen(Mark(0.5 + 0.03 * i, 0.5 - 0.02 * i, 0.4 * i, 2.0, (90, 30, 40), kind), 0.2)
    world.panic.level = world.panic.unravel = 0.8
    closeup = CloseupRenderer(window)
    ctx = window.ctx
    closeup.draw(world)
    ctx.finish()

    def timed(work) -> float:
        samples = []
        for _ in range(FRAMES):
            start = time.perf_counter()
            work()
            ctx.finish()
            samples.append((time.perf_counter() - start) * 1000)
        return statistics.median(samples)

    def update():  # what changes every frame: panic, unravelling, time, recompose
        world.panic.unravel = (world.panic.unravel + 0.01) % 1.0
        world.flaw.recompose = (world.flaw.recompose + 0.01) % 1.0
        closeup.prepare(world)

    def flaw_pass():  # what happens once each time the flaw worsens
        closeup.flaw_drawn = None  # (as a worsening leaves it: drawn for another flaw)
        closeup._update_flaw(world)

    def frame():
        update()
        closeup.draw(world)

    result = {"update_ms": timed(update), "flaw_pass_ms": timed(flaw_pass), "closeup_frame_ms": timed(frame)}
    window.close()
    return result


def main() -> None:
    first, times, longest = paint_times()
    print(f"masterpiece 1024x1024: first {first:.0f} ms (makes the loom), then median {statistics.median(times):.0f} ms, "
          f"max {max(times):.0f} ms over {len(times)} seeds (target <= 300 ms)")
    print(f"painted ahead a step at a time: the longest step {max(longest):.1f} ms (median of each seed's longest {statistics.median(longest):.1f} ms)")
    frames = frame_times()
    print(f"per-frame flaw and unravel update (CPU, uniforms): {frames['update_ms']:.3f} ms (target <= 2 ms)")
    print(f"flaw pass (GPU, only when the flaw worsens): {frames['flaw_pass_ms']:.1f} ms")
    print(f"whole close-up frame 1280x720 (llvmpipe): {frames['closeup_frame_ms']:.1f} ms")
    print(f"masterpiece_1024_ms: {statistics.median(times):.0f}")


if __name__ == "__main__":
    main()
