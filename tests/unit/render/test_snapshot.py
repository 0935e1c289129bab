"""`level preview`'s picture: the level's own proportions, lit, with the start, the easel and every tool marked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from game.level.tiled import load_level

LEVELS = Path(__file__).resolve().parents[3] / "levels"


@pytest.mark.parametrize("name", ["long_wing.tmj", "dressing_rooms.tmj"])
def test_the_preview_keeps_the_levels_proportions_and_marks_start_easel_and_tools(window, tmp_path, name):
    from game.render.snapshot import EASEL_COLOUR, SPAWN_COLOUR, TOOL_COLOUR, marks, preview_size, render_level_png

    level = load_level(LEVELS / name)
    out = render_level_png(level, tmp_path / "preview.png")
    picture = np.asarray(Image.open(out).convert("RGB"), np.float32)
    height, width = picture.shape[:2]
    assert abs(width / height - level.pixel_width / level.pixel_height) < 0.01 * level.pixel_width / level.pixel_height
    assert max(width, height) > 1280 or (width, height) == preview_size(level)[0]  # not squeezed into 1280×720
    # The level fills the picture, both ways: not a thin strip in a dark frame.
    lit = picture.mean(axis=2) > 45
    rows, columns = np.flatnonzero(lit.any(axis=1)), np.flatnonzero(lit.any(axis=0))
    assert rows[-1] - rows[0] > 0.8 * height and columns[-1] - columns[0] > 0.8 * width
    (_, zoom) = preview_size(level)
    centre = (level.pixel_width / 2, level.pixel_height / 2)
    found = marks(level)
    assert [what for what, *_ in found][:2] == ["start", "easel"] and len(found) == 2 + len(level.tools)
    for what, x, y, _ in found:
        px = width / 2 + (x - centre[0]) * zoom
        py = height - (height / 2 + (y - centre[1]) * zoom)  # image rows run down
        colour = SPAWN_COLOUR if what == "start" else EASEL_COLOUR if what == "easel" else TOOL_COLOUR
        patch = picture[int(py) - 40 : int(py) + 40, int(px) - 40 : int(px) + 40].reshape(-1, 3)
        near = np.abs(patch - np.array(colour, np.float32)).max(axis=1) < 40
        assert near.sum() > 25, f"{name}: no {what} mark at ({px:.0f}, {py:.0f})"
