"""The game's icon, painted by its own code: a corner of the masterpiece in a gold frame, with the flaw.

``python -m game.render.icon FOLDER`` writes ``flawed.png`` (256 px), the sizes a Linux desktop
looks for (``flawed-16.png`` ... ``flawed-128.png``), ``flawed.ico`` (Windows) and ``flawed.icns``
(macOS): what ``make dist`` hands to PyInstaller and puts beside the bundle. Needs no window.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from game.render.masterpiece import paint_tapestry

ICON_SEED = 3  # the masterpiece of the README's pictures
SIZE = 256  # px, the largest icon
SIZES = (16, 24, 32, 48, 64, 128, 256)
FRAME = 18  # px of gold frame at 256 px
FRAME_GOLD = (196, 152, 64)
FRAME_SHADE = (92, 64, 28)
FLAW_AT = (0.56, 0.44)  # where the flaw sits, as a share of the picture
FLAW_RADIUS = 0.16  # its size, as a share of the picture
FLAW_INK = (22, 14, 18)


def paint_icon(size: int = SIZE) -> Image.Image:
    """The icon at `size` px (RGBA): the woven picture, framed, a dark flaw spreading near its centre."""
    tapestry = Image.fromarray(np.asarray(paint_tapestry(ICON_SEED, 512))[:, :, :3].astype(np.uint8))
    inner = SIZE - 2 * FRAME
    picture = tapestry.crop((96, 96, 416, 416)).resize((inner, inner), Image.LANCZOS)
    flaw = Image.new("L", (inner, inner), 0)
    draw = ImageDraw.Draw(flaw)
    cx, cy, r = FLAW_AT[0] * inner, FLAW_AT[1] * inner, FLAW_RADIUS * inner
    for dx, dy, share in ((0, 0, 1.0), (0.7, 0.4, 0.55), (-0.5, 0.6, 0.45), (0.2, -0.8, 0.4)):  # a blot and its runs
        x, y, rr = cx + dx * r, cy + dy * r, r * share
        draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=235)
    flaw = flaw.filter(ImageFilter.GaussianBlur(inner / 90))
    picture.paste(Image.new("RGB", picture.size, FLAW_INK), (0, 0), flaw)
    icon = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    frame = ImageDraw.Draw(icon)
    frame.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=FRAME, fill=FRAME_SHADE + (255,))
    frame.rounded_rectangle((3, 3, SIZE - 4, SIZE - 4), radius=FRAME - 3, fill=FRAME_GOLD + (255,))
    icon.paste(picture, (FRAME, FRAME))
    return icon if size == SIZE else icon.resize((size, size), Image.LANCZOS)


def write_icons(folder: str | Path) -> list[Path]:
    """Every icon file, into `folder`; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    icon = paint_icon()
    written = [folder / "flawed.png"]
    icon.save(written[0])
    for size in SIZES[:-1]:
        path = folder / f"flawed-{size}.png"
        icon.resize((size, size), Image.LANCZOS).save(path)
        written.append(path)
    written.append(folder / "flawed.ico")
    icon.save(written[-1], sizes=[(s, s) for s in SIZES])
    written.append(folder / "flawed.icns")
    icon.save(written[-1])
    return written


if __name__ == "__main__":
    for path in write_icons(sys.argv[1] if len(sys.argv) > 1 else "icons"):
        print(path)
