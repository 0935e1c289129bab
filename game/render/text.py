"""Text drawn every frame without laying it out again every frame.

pyglet lays a label out anew whenever its font size is set, even to the size it has; set once
a frame that is most of a frame's CPU time spent on words. These set only what changed.
"""

from __future__ import annotations


def sized(text, size: float) -> None:
    """Give an arcade.Text a font size, laying it out again only if the size changes."""
    if text.font_size != size:
        text.font_size = size
