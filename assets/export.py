"""Write every picture and sound the game makes by code into assets/out/, to look at and listen to.

    .venv/bin/python assets/export.py        (or: make assets)

Nothing here is shipped or needed by the game: it paints and synthesises all of it at run
time (sounds are cached in the user's cache folder). This is the same code, saved to files:
the tileset `flawed level export` writes, props, tools, the dreamer, a generated floor, three
masterpieces and every sound as a 16-bit WAV.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from game.audio import synth  # noqa: E402
from game.level.generate import generate_backstage  # noqa: E402
from game.level.tileset import write_tileset  # noqa: E402
from game.render import textures  # noqa: E402
from game.render.dreamer import dreamer_frames  # noqa: E402
from game.render.masterpiece import paint_tapestry  # noqa: E402
from game.render.tiles import level_image  # noqa: E402
from game.tools import TOOL_IDS  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
MASTERPIECE_SEEDS = (1, 2, 3)
MASTERPIECE_PX = 1024
PROP_FOOTPRINT_PX = (48, 40)


def export_pictures(out: Path) -> list[Path]:
    made = write_tileset(out)
    for kind in textures.PROP_COLOURS:
        path = out / f"prop_{kind}.png"
        textures.prop_image(kind, *PROP_FOOTPRINT_PX).save(path)
        made.append(path)
    for tool in TOOL_IDS:
        path = out / f"tool_{tool}.png"
        textures.tool_image(tool).resize((64, 64), Image.NEAREST).save(path)
        made.append(path)
    path = out / "dreamer.png"
    dreamer_frames()[0][0].resize((128, 128), Image.LANCZOS).save(path)
    made.append(path)
    path = out / "floor_seed1.png"
    level_image(generate_backstage(1)).save(path)
    made.append(path)
    for seed in MASTERPIECE_SEEDS:
        path = out / f"masterpiece_seed{seed}.png"
        Image.fromarray(paint_tapestry(seed, MASTERPIECE_PX)).save(path)
        made.append(path)
    return made


def export_sounds(out: Path) -> list[Path]:
    made = []
    for name in synth.SOUNDS:
        path = out / f"sound_{name}.wav"
        path.write_bytes(synth.wav_bytes(synth.render(name)))
        made.append(path)
    return made


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for path in export_pictures(OUT) + export_sounds(OUT):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
