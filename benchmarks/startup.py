"""Start to first frame: a fresh `flawed --headless` process until its first frame is drawn.

Three timed launches (the median is the figure), each followed by arcade's own: a bare window
opened, one thing drawn and saved (the anchor, so a slow minute shows in both); then one more
launch timed phase by phase (``benchmarks._startup_phases``), to say where the time goes.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 3


def once() -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "game", "--headless", "--max-ticks", "1", "--seed", "1", "--screenshots", folder],
            check=True,
            capture_output=True,
        )
        elapsed = time.perf_counter() - start
        assert any(Path(folder).glob("*.png")), "no frame was saved"
        return elapsed


# arcade's own start, the anchor: a bare window opened, cleared, one rectangle drawn and saved.
ANCHOR = """
import os, sys
os.environ["ARCADE_HEADLESS"] = "1"
import arcade
window = arcade.Window(1280, 720, "anchor")
window.clear(color=(20, 20, 30))
arcade.draw_lrbt_rectangle_filled(100, 300, 100, 200, arcade.color.WHITE)
arcade.get_image().save(os.path.join(sys.argv[1], "anchor.png"))
window.close()
"""


def anchor() -> float:
    """arcade's own start to first frame, timed as once() times the game's."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", ANCHOR, folder], check=True, capture_output=True)
        elapsed = time.perf_counter() - start
        assert Path(folder, "anchor.png").is_file(), "arcade's frame was not saved"
        return elapsed


def phases() -> None:
    """One more launch, timed phase by phase (benchmarks._startup_phases)."""
    with tempfile.TemporaryDirectory() as folder:
        launched = time.time()
        done = subprocess.run([sys.executable, "-m", "benchmarks._startup_phases", repr(launched), folder], check=True, capture_output=True, text=True)
    print("where the time goes (began after launch, took, CPU time of the process meanwhile):")
    print(done.stdout.rstrip())


def main() -> None:
    # An installed game starts from compiled bytecode: compile it first, as installing does
    # (a checkout edited since, or PYTHONDONTWRITEBYTECODE, would otherwise time the compiler).
    import game

    compileall.compile_dir(Path(game.__file__).parent, quiet=1)
    times, anchors = [], []
    for _ in range(ROUNDS):  # the game and arcade's own in turn, so a slow minute slows both
        times.append(once())
        anchors.append(anchor())
    phases()
    for number, (seconds, theirs) in enumerate(zip(times, anchors), 1):
        print(f"run {number}: {seconds:.2f} s from launch to first frame saved and exit (arcade's own bare window: {theirs:.2f} s)")
    ours, theirs = statistics.median(times), statistics.median(anchors)
    print(f"median {ours:.2f} s (target <= 1.0 s); arcade's own {theirs:.2f} s, {ours / theirs:.2f}x")
    print(f"arcade_first_frame_s: {theirs:.2f}")
    print(f"first_frame_s: {ours:.2f}")


if __name__ == "__main__":
    main()
