"""Make README's pictures of the dream, beat by beat: the bot plays it headless and the game shoots.

    .venv/bin/python docs/make_pictures.py          (or: make pictures)

Runs `flawed --headless --autoplay --seed 3 --screenshots DIR` and keeps one picture per beat,
downscaled, as docs/beats/BEAT.png; then the walk to the easel as a player sees it, at full
size round the dreamer (`--max-ticks N`, the last frame), as docs/way/MOMENT.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

SEED = 3
SIZE = (640, 360)  # px, half the window
# Moments of the walk (ticks from the start, seed 3): just awake, on the way, at the easel; each
# kept at full size, 800×450 of the 1280×720 screen round the dreamer (and the easel, at the end).
WAY = {"start": (100, (240, 135, 1040, 585)), "on_the_way": (560, (240, 135, 1040, 585)), "easel": (1470, (240, 30, 1040, 480))}
HERE = Path(__file__).resolve().parent


def main() -> int:
    out = HERE / "beats"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, FLAWED_SILENT="1", FLAWED_CONFIG_DIR=os.path.join(folder, "config"))
        shots = Path(folder) / "shots"
        command = [sys.executable, "-m", "game", "--headless", "--autoplay", "--seed", str(SEED), "--screenshots", str(shots)]
        if subprocess.run(command, cwd=HERE.parent, env=env).returncode != 0:
            return 1
        for shot in sorted(shots.glob("*.png")):
            beat = shot.stem.split("_", 1)[1]
            if beat == "end":
                continue  # the last frame is the waking screen again
            Image.open(shot).convert("RGB").resize(SIZE, Image.LANCZOS).save(out / f"{beat}.png", optimize=True)
            print(out / f"{beat}.png")
        way = HERE / "way"
        way.mkdir(exist_ok=True)
        for moment, (ticks, crop) in WAY.items():
            shots = Path(folder) / f"way-{moment}"
            if subprocess.run(command[:-1] + [str(shots), "--max-ticks", str(ticks)], cwd=HERE.parent, env=env).returncode != 0:
                return 1
            last = sorted(shots.glob("*.png"))[-1]
            Image.open(last).convert("RGB").crop(crop).save(way / f"{moment}.png", optimize=True)
            print(way / f"{moment}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
