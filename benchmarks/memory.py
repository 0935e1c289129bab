"""Memory: resident size while the bot dreams back to back for 100,000 ticks, drawn headless.

Whole dreams, one after another, each on a new backstage (so levels, masterpieces, close-ups
and vortices are built and thrown away again and again), drawn through the game's own view
every few ticks. Prints the RSS after warm-up and at the end; growth is what a leak would show.
Target: <= 400 MB RSS, no growth over the soak.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile

SOAK_TICKS = 100_000
DRAW_EVERY = 25  # ticks between drawn frames (every tick would take the better part of an hour)
WARM_UP_TICKS = 20_000  # two dreams: every kind of screen has been made once before the baseline
SAMPLE_EVERY = 10_000  # ticks between printed samples
TARGET_MB = 400


def rss_mb() -> float:
    """Resident set size now, from /proc (Linux), in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    os.environ["ARCADE_HEADLESS"] = "1"
    os.environ["FLAWED_SILENT"] = "1"
    os.environ.setdefault("FLAWED_CONFIG_DIR", tempfile.mkdtemp(prefix="flawed-memory-"))
    from game.window import open_window
    from game.session import Run, RunOptions
    from game.views.play import GameView

    window = open_window(headless=True)
    seed, ticks, dreams = 1, 0, 0
    baseline = peak = None
    view = GameView(Run(RunOptions(seed=seed, autoplay=True)))
    window.show_view(view)
    while ticks < SOAK_TICKS:
        view.step_once()
        ticks += 1
        if ticks % DRAW_EVERY == 0:
            window.current_view.on_draw()  # the game, or the morning's own screen
            window.flip()
            now = rss_mb()
            if peak is None or now > peak[0]:
                peak = (now, f"seed {seed}, {view.world.story.beat.value}, tick {view.world.tick}")
        if view.finished:
            dreams += 1
            seed += 1
            view = GameView(Run(RunOptions(seed=seed, autoplay=True)))
            window.show_view(view)
            gc.collect()
        if ticks % SAMPLE_EVERY == 0:
            now = rss_mb()
            if ticks == WARM_UP_TICKS:
                baseline = now
            print(f"tick {ticks:>7,}: {now:6.1f} MB RSS, {dreams} dreams finished", flush=True)
    end = rss_mb()
    growth = end - baseline
    print(f"peak {peak[0]:.1f} MB at {peak[1]} (target <= {TARGET_MB} MB); after warm-up {baseline:.1f} MB, at the end {end:.1f} MB")
    print(f"growth over the last {SOAK_TICKS - WARM_UP_TICKS:,} ticks: {growth:+.1f} MB ({dreams} dreams)")
    print(f"memory_growth_mb: {growth:+.1f}")
    print(f"memory_peak_rss_mb: {peak[0]:.0f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
