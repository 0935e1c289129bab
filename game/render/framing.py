"""What the world camera frames: how much of the level is on screen and where (no drawing here).

The renderer follows these rules and so does the newcomer bot (``game.bot.newcomer``), which
sees only what the screen shows.
"""

from __future__ import annotations

ZOOM_AT_720 = 1.6  # the world camera's zoom on a 720 px tall window (the dreamer ~48 px across); it scales with the window
REFERENCE_WINDOW = (1280, 720)


def zoom_for(window_size: tuple[int, int]) -> float:
    """The zoom for a window: the same share of the level on screen at any window size."""
    return ZOOM_AT_720 * window_size[1] / 720.0


def clamp_to_span(centre: float, view: float, span: float) -> float:
    """A camera centre along one axis that keeps a `view`-wide window inside 0..`span`."""
    if span <= view:
        return span / 2
    return min(max(centre, view / 2), span - view / 2)


def camera_centre(position: tuple[float, float], level_size: tuple[float, float], window_size: tuple[int, int]) -> tuple[float, float]:
    """Where the camera settles for a dreamer at `position`: on them, never past the level's edge."""
    zoom = zoom_for(window_size)
    return (
        clamp_to_span(position[0], window_size[0] / zoom, level_size[0]),
        clamp_to_span(position[1], window_size[1] / zoom, level_size[1]),
    )


def view_rect(centre: tuple[float, float], window_size: tuple[int, int]) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) in world px of what a camera at `centre` shows."""
    zoom = zoom_for(window_size)
    half_w, half_h = window_size[0] / zoom / 2, window_size[1] / zoom / 2
    return (centre[0] - half_w, centre[1] - half_h, centre[0] + half_w, centre[1] + half_h)
