"""PLACEHOLDER until the levels issue lands: one fixed room. The real generator replaces this file."""

from __future__ import annotations

from game.level.model import LightSpec, Level

SIZES = ("small", "medium", "large")


def generate_backstage(seed: int, size: str = "medium") -> Level:
    rows = [
        "##############################",
        "#S...........#...............#",
        "#............#.....c.........#",
        "#..1...2.....#...........M...#",
        "#............................#",
        "#....c.......#..3...4...5....#",
        "#............#...............#",
        "##############################",
    ]
    level = Level.from_ascii(rows, seed=seed, title="Backstage")
    lights = (LightSpec(5 * 32, 4 * 32, 220, (255, 190, 120), 1.0, 0.5, "candle"), LightSpec(22 * 32, 5 * 32, 300, (255, 230, 190), 1.2, 0.2, "work_lamp"))
    from dataclasses import replace

    return replace(level, lights=lights)
