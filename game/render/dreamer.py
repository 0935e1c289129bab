"""The dreamer as the player sees them: a figure from above that walks, breathes, trembles, and never vanishes in the dark.

Painted by code: a dark coat over the shoulders, a scarf the colour of old madder, a head of
dark hair with the face toward where they walk, arms and feet that swing in a walk cycle.
``DreamerLook`` turns what the world says (where the dreamer is, how fast, which way, how
panicked) into the frame, angle, scale and jitter to draw; ``rim`` frames are the figure's
outline, drawn in a light of its own where the room is dark (the lighting's glow uniforms).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from game.render.keep import kept

FIGURE_PX = 30.0  # world px the figure spans across the shoulders (the body is 20 px wide)
PICTURE_PX = 64  # each frame's texture
SUPERSAMPLE = 4  # painted this much larger, then reduced, for soft edges
WALK_FRAMES = 8  # frames of one stride (two steps)
STRIDE_PX = 44.0  # world px walked over one stride
BREATH_S = 4.2  # one idle breath
BREATH_SCALE = 0.035  # how much the shoulders rise and fall with it
TREMBLE_PX = 2.2  # world px of jitter at full panic
TREMBLE_TURN_DEG = 7.0  # and of twist

COAT = (36, 32, 50)
COAT_EDGE = (70, 64, 96)  # the light along the shoulders' top
SCARF = (118, 36, 42)
SKIN = (196, 160, 138)
HAIR = (40, 27, 22)
SHOE = (30, 26, 30)
OUTLINE = (12, 10, 14)
RIM = (214, 226, 255)


def _paint(phase: float | None) -> Image.Image:
    """One frame facing up (north): `phase` 0..1 through the stride, None standing."""
    s = SUPERSAMPLE
    size = PICTURE_PX * s
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2
    unit = size / PICTURE_PX * (PICTURE_PX / 2 - 6) / 15.0  # px of picture per world px, figure fills the frame
    swing = 0.0 if phase is None else math.sin(2 * math.pi * phase)

    def ellipse(x, y, rx, ry, fill, outline=None, width=0):
        draw.ellipse((c + (x - rx) * unit, c - (y + ry) * unit, c + (x + rx) * unit, c - (y - ry) * unit), fill=fill, outline=outline, width=width)

    # Feet under the coat's hem, stepping: forward is up (+y).
    for side, sign in ((-1, 1), (1, -1)):
        ellipse(side * 4.2, sign * swing * 6.0 - 1.0, 2.6, 3.6, SHOE + (255,))
    # Arms, swinging against the feet.
    for side, sign in ((-1, -1), (1, 1)):
        ellipse(side * 12.5, sign * swing * 4.0, 3.0, 4.6, COAT + (255,), OUTLINE + (255,), int(unit))
        ellipse(side * 12.5, sign * swing * 4.0 + 3.6, 1.7, 1.4, SKIN + (255,))  # a hand
    # The coat over the shoulders, lit along its top edge, and the scarf.
    ellipse(0, 0, 11.5, 7.0, COAT + (255,), OUTLINE + (255,), int(unit * 1.2))
    ellipse(0, 2.2, 9.5, 3.6, COAT_EDGE + (255,))
    ellipse(0, 0.6, 9.0, 4.2, COAT + (255,))
    ellipse(0, 2.6, 5.4, 2.6, SCARF + (255,))
    # The head: hair behind, the face toward where they walk.
    ellipse(0, 1.0, 5.0, 5.2, HAIR + (255,), OUTLINE + (255,), int(unit))
    ellipse(0, 4.2, 2.8, 1.4, SKIN + (255,))  # from above, only a sliver of the face shows
    return image.resize((PICTURE_PX, PICTURE_PX), Image.LANCZOS)


def _rim(frame: Image.Image) -> Image.Image:
    """The figure's outline: a pale ring just outside its silhouette (and a touch over its edge)."""
    alpha = frame.getchannel("A")
    grown = alpha.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(1.0))
    inside = alpha.filter(ImageFilter.MinFilter(3))
    ring = ImageChops.subtract(grown, inside)
    out = Image.new("RGBA", frame.size, RIM + (0,))
    out.putalpha(ring)
    return out


@lru_cache(maxsize=1)
def dreamer_frames() -> tuple[list[Image.Image], list[Image.Image]]:
    """(frames, rims): standing first, then the walk cycle."""
    pictures = [Image.fromarray(pixels) for pixels in _frame_pixels()]
    return pictures[: 1 + WALK_FRAMES], pictures[1 + WALK_FRAMES :]


@kept
def _frame_pixels() -> np.ndarray:
    """The frames then their rims, as RGBA pixels (kept: see game.render.keep)."""
    frames = [_paint(None)] + [_paint(index / WALK_FRAMES) for index in range(WALK_FRAMES)]
    return np.stack([np.asarray(picture) for picture in frames + [_rim(frame) for frame in frames]])


class DreamerLook:
    """How the figure is drawn this frame, from the dreamer's motion (render-side state only)."""

    def __init__(self):
        self.stride = 0.0  # 0..1 through the stride
        self.last = None  # the last position drawn at
        self.walking = 0.0  # eases 0..1 as they start and stop walking

    def follow(self, position: tuple[float, float], seconds: float) -> None:
        """Advance the walk by how far the figure moved since the last frame drawn."""
        if self.last is not None:
            moved = math.hypot(position[0] - self.last[0], position[1] - self.last[1])
            if moved < 40.0:  # not a jump (a new level, a reload)
                self.stride = (self.stride + moved / STRIDE_PX) % 1.0
            self.walking = min(1.0, self.walking + moved / 6.0) if moved > 0.05 else max(0.0, self.walking - 0.15)
        self.last = position
        self.seconds = seconds

    @property
    def frame(self) -> int:
        """Which painted frame: 0 standing, 1.. the walk cycle."""
        if self.walking < 0.3:
            return 0
        return 1 + int(self.stride * WALK_FRAMES) % WALK_FRAMES

    def breath(self, seconds: float) -> float:
        """The idle breath's scale (standing only)."""
        if self.frame != 0:
            return 1.0
        return 1.0 + BREATH_SCALE * math.sin(2 * math.pi * seconds / BREATH_S)

    @staticmethod
    def tremble(tremble: tuple[float, float], level: float) -> tuple[float, float, float]:
        """(dx, dy, twist in degrees): the panic's shake of the hands, seen in the whole body."""
        tx, ty = tremble
        return (tx * TREMBLE_PX / 0.45, ty * TREMBLE_PX / 0.45, (tx - ty) * TREMBLE_TURN_DEG * level)
