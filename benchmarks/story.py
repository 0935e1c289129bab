"""The whole story played by the bot: simulation only (target <= 2 s) and headless with a screenshot per beat (target <= 90 s)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 3
NO_RENDER_TARGET_S = 2.0
NO_RENDER_RUNS = 3  # the median of these, on a machine shared with other work
SCREENSHOTS_TARGET_S = 90.0


def timed(args: list[str], folder: str) -> tuple[float, dict]:
    """Wall time of one `python -m game` run (start-up included) and its report."""
    report = os.path.join(folder, "report.json")
    env = dict(os.environ, FLAWED_CONFIG_DIR=os.path.join(folder, "config"), FLAWED_SILENT="1")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "game", *args, "--report", report], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"story benchmark: {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return wall, json.loads(Path(report).read_text())


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        runs = [timed(["--autoplay", "--no-render", "--seed", str(SEED)], folder) for _ in range(NO_RENDER_RUNS)]
        no_render, report = statistics.median(wall for wall, _ in runs), runs[0][1]
        ticks = report["ticks"]
        walls = ", ".join(f"{wall:.2f}" for wall, _ in runs)
        print(f"--autoplay --no-render, seed {SEED}: {no_render:.2f} s wall (median of {walls}) for {ticks} ticks ({ticks / 60:.0f} s of dream), completed={report['completed']} (target <= {NO_RENDER_TARGET_S:.0f} s)")
        shots = os.path.join(folder, "shots")
        headless, report = timed(["--autoplay", "--headless", "--seed", str(SEED), "--screenshots", shots], folder)
        pictures = len(list(Path(shots).glob("*.png")))
        print(f"--autoplay --headless --screenshots, seed {SEED}: {headless:.1f} s wall, {pictures} pictures, completed={report['completed']} (target <= {SCREENSHOTS_TARGET_S:.0f} s)")
        print(f"autoplay_headless_screenshots_s: {headless:.1f}")
    print(f"autoplay_no_render_s: {no_render:.2f}")


if __name__ == "__main__":
    main()
