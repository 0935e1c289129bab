"""Memory: resident size while the bot dreams back to back, drawn headless as a window draws.

Whole dreams, one after another, each on a new seed (so levels, masterpieces, close-ups, halls
and vortices are built and thrown away again and again), drawn through the game's own view every
few ticks, as pyglet's event loop draws a window (``game.window.draw_frame``). Within a dream the
resident size rises and falls with what its beat holds (the hall's pictures, the vortex's), so
growth is read where every dream is alike: between two dreams, the one let go and collected, the
next not yet begun. A leak shows as a rise from dream to dream: the slope is fitted over the
dreams after the first two (every kind of screen has been made by then), and over the later half
alone — the first ten or so also fill the game's bounded caches (tiles, props, glyphs), a rise
that stops. Also printed: the highest resident size seen while drawing.
Target: <= 400 MB RSS at the highest, no growth from dream to dream once the caches are full.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile

DREAMS = 20
DRAW_EVERY = 25  # ticks between drawn frames (every tick would take the better part of an hour)
WARM_UP_DREAMS = 2  # every kind of screen has been made once before the slope is fitted
TARGET_MB = 400


def rss_mb() -> float:
    """Resident set size now, from /proc (Linux), in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def slope(values: list[float]) -> float:
    """The least-squares slope of `values` against their index (per step)."""
    n = len(values)
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    return sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / sum((x - mean_x) ** 2 for x in range(n))


def main() -> None:
    os.environ["ARCADE_HEADLESS"] = "1"
    os.environ["FLAWED_SILENT"] = "1"
    os.environ.setdefault("FLAWED_CONFIG_DIR", tempfile.mkdtemp(prefix="flawed-memory-"))
    from game.heap import release_freed_memory_now
    from game.session import Run, RunOptions
    from game.views.play import GameView
    from game.window import draw_frame, open_window

    window = open_window(headless=True)
    peak = (0.0, "")
    between: list[float] = []
    for seed in range(1, DREAMS + 1):
        view = GameView(Run(RunOptions(seed=seed, autoplay=True)))
        window.show_view(view)
        while not view.finished:
            view.step_once()
            if view.world.tick % DRAW_EVERY == 0:
                draw_frame(window)  # the game, or the morning's own screen
                now = rss_mb()
                if now > peak[0]:
                    peak = (now, f"seed {seed}, {view.world.story.beat.value}, tick {view.world.tick}")
        # Between dreams, the same one shown each time (the seed after the last), its first frame
        # drawn as a window draws it: every reading holds alike what is not left over.
        window.show_view(GameView(Run(RunOptions(seed=DREAMS + 1, autoplay=True))))
        view = None
        draw_frame(window)
        gc.collect()
        release_freed_memory_now()
        between.append(rss_mb())
        print(f"after dream {seed:2d}: {between[-1]:6.1f} MB RSS", flush=True)
    later = between[WARM_UP_DREAMS - 1:]
    growth = later[-1] - later[0]
    per_dream, late_per_dream = slope(later), slope(between[DREAMS // 2:])
    print(f"peak {peak[0]:.1f} MB at {peak[1]} (target <= {TARGET_MB} MB)")
    print(f"between dreams: {later[0]:.1f} MB after dream {WARM_UP_DREAMS}, {later[-1]:.1f} MB after dream {DREAMS}; "
          f"{growth:+.1f} MB in all, fitted {per_dream:+.2f} MB a dream; over dreams {DREAMS // 2 + 1}-{DREAMS} "
          f"{late_per_dream:+.2f} MB a dream (target: none)")
    print(f"memory_growth_per_dream_mb: {per_dream:+.2f}")
    print(f"memory_late_growth_per_dream_mb: {late_per_dream:+.2f}")
    print(f"memory_growth_mb: {growth:+.1f}")
    print(f"memory_peak_rss_mb: {peak[0]:.0f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
