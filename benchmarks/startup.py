"""Start to first frame: a fresh `flawed --headless` process until its first frame is drawn.

Three timed launches (the median is the figure), then one more timed phase by phase
(``benchmarks._startup_phases``), to say where the time goes.
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
    times = [once() for _ in range(ROUNDS)]
    phases()
    for number, seconds in enumerate(times, 1):
        print(f"run {number}: {seconds:.2f} s from launch to first frame saved and exit")
    print(f"median {statistics.median(times):.2f} s (target <= 1.0 s)")
    print(f"first_frame_s: {statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
