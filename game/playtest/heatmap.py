"""The heat map of a played level: its walls and props, where the bot spent its time, its route.

Drawn with PIL from the ``Trail``s of a ``Result`` (one panel per level the run went through: the
backstage, then the vortex), no window needed. Cells glow from dim amber to red by the log of the
ticks spent on them; the route is a thin cyan line; a red cross marks where the bot got stuck.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from game.level.model import TILE_SIZE
from game.playtest.play import Result, Trail

PANEL_PX = 900  # the longer side of a panel, at most
MIN_CELL_PX, MAX_CELL_PX = 2, 24
GAP_PX = 16
TITLE_PX = 22  # the band above each panel for its name
BACKGROUND = (14, 13, 18)
WALL = (58, 50, 46)
FLOOR = (30, 29, 36)
MOVABLE_PROP, FIXED_PROP = (170, 120, 60), (120, 120, 130)
ROUTE = (80, 220, 235)
STUCK = (255, 40, 40)
MARKS = {"spawn": (90, 230, 110), "easel": (250, 250, 250), "eye": (150, 170, 255)}
TOOL_MARK = (230, 200, 90)


def _heat(share: float) -> tuple[int, int, int]:
    """0..1 → dim amber to bright red."""
    return (int(90 + 165 * share), int(60 + 60 * (1 - share)), int(20 * (1 - share)))


def _cells(trail: Trail) -> Image.Image:
    """One pixel per cell, top row first: walls, floor, and the heat of the cells the bot stood on."""
    walls = np.array(trail.walls, dtype=bool)[::-1]  # the level's rows run bottom-up
    picture = np.where(walls[..., None], np.array(WALL, np.uint8), np.array(FLOOR, np.uint8))
    most = max(trail.visits.values(), default=1)
    for (col, row), ticks in trail.visits.items():
        picture[trail.height - 1 - row, col] = _heat(math.log1p(ticks) / math.log1p(most))
    return Image.fromarray(picture.astype(np.uint8), "RGB")


def _panel(trail: Trail, stuck_at: tuple[float, float] | None) -> Image.Image:
    cell = max(MIN_CELL_PX, min(MAX_CELL_PX, PANEL_PX // max(trail.width, trail.height)))
    width, height = trail.width * cell, trail.height * cell
    image = Image.new("RGB", (width, height + TITLE_PX), BACKGROUND)
    image.paste(_cells(trail).resize((width, height), Image.NEAREST), (0, TITLE_PX))
    draw = ImageDraw.Draw(image)
    draw.text((4, 4), trail.title, fill=(220, 215, 205))
    scale = cell / TILE_SIZE

    def at(x: float, y: float) -> tuple[float, float]:  # world px (y up) → picture px (y down)
        return x * scale, TITLE_PX + height - y * scale

    for x, y, w, h, movable in trail.props:
        (left, bottom), (right, top) = at(x, y), at(x + w, y + h)
        draw.rectangle((left, top, right, bottom), outline=MOVABLE_PROP if movable else FIXED_PROP, width=max(1, cell // 8))
    if len(trail.route) > 1:
        draw.line([at(x, y) for x, y in trail.route], fill=ROUTE, width=max(1, cell // 10))
    dot = max(2, cell // 3)
    for name, (x, y) in trail.marks.items():
        cx, cy = at(x, y)
        draw.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=MARKS.get(name, TOOL_MARK))
    if stuck_at is not None:
        cx, cy = at(*stuck_at)
        size = max(6, cell)
        draw.line((cx - size, cy - size, cx + size, cy + size), fill=STUCK, width=max(2, cell // 5))
        draw.line((cx - size, cy + size, cx + size, cy - size), fill=STUCK, width=max(2, cell // 5))
    return image


def draw_heatmap(result: Result, out: str | Path) -> Path:
    """Write the result's heat map as a PNG; returns its path."""
    panels = []
    for index, trail in enumerate(result.trails):
        last = index == len(result.trails) - 1
        panels.append(_panel(trail, result.stuck.position if result.stuck and last else None))
    if not panels:
        panels = [Image.new("RGB", (320, TITLE_PX), BACKGROUND)]
    width = sum(panel.width for panel in panels) + GAP_PX * (len(panels) - 1)
    image = Image.new("RGB", (width, max(panel.height for panel in panels)), BACKGROUND)
    x = 0
    for panel in panels:
        image.paste(panel, (x, 0))
        x += panel.width + GAP_PX
    out = Path(out)
    image.save(out)
    return out
