"""The world's fixed step: every tick is DT seconds, never more, never less.

Fast-forward means more ticks, never a bigger step; game speed only changes how many ticks the
window runs per real second.
"""

TICKS_PER_SECOND = 60
DT = 1.0 / TICKS_PER_SECOND  # s per tick


def ticks(seconds: float) -> int:
    """Whole ticks in `seconds` (rounded)."""
    return int(round(seconds * TICKS_PER_SECOND))
