"""The audience's hush, heard from where the stage is: louder the nearer the dreamer walks to it, from its side.

A cue for the ear to match the glow tape on the floor: the hush bed's gain follows the walk
still to go to the easel (steps along the way, not the straight line), its pan the side of the
screen the easel lies on.
"""

from __future__ import annotations


from game.level.model import Level
from game.level.wayfinding import stage_field

HUSH_QUIET, HUSH_NEAR = 0.25, 1.0  # the hush's gain far from the stage, and beside it
HUSH_FAR_STEPS = 70  # steps from the easel at which it is quietest
PAN_WIDTH_PX = 500.0  # px across the screen at which the hush is fully to one side


class StageHush:
    """Gain and pan of the hush for a dreamer at a place in one level (its field worked out once)."""

    def __init__(self, level: Level):
        self.level = level
        self.field = stage_field(level) if level.masterpiece is not None else None

    def steer(self, position: tuple[float, float]) -> tuple[float, float] | None:
        """(gain, pan) for the dreamer here; None where there is no stage to hear."""
        if self.field is None:
            return None
        col, row = self.level.cell_of(*position)
        steps = self.field[row][col] if 0 <= row < self.level.height and 0 <= col < self.level.width else -1
        if steps < 0:
            steps = HUSH_FAR_STEPS
        near = 1.0 - min(1.0, steps / HUSH_FAR_STEPS)
        ex, ey = self.level.masterpiece.center
        dx = ex - position[0]
        pan = max(-1.0, min(1.0, dx / PAN_WIDTH_PX)) * (1.0 - 0.5 * near)  # beside it, it fills both ears
        return (HUSH_QUIET + (HUSH_NEAR - HUSH_QUIET) * near * near, pan)
