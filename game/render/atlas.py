"""Atlases of their own for the few big pictures (floors, the hall), kept out of arcade's shared one.

arcade's default atlas only ever grows: one screen-sized picture pushes it from 2048² to
4096², a big floor to 8192² (256 MB, and on a software renderer that is all main memory).
Big pictures get an atlas just large enough for them, which goes when its sprite lists do.
"""

from __future__ import annotations

import arcade
from arcade.texture_atlas import DefaultTextureAtlas

BORDER_PX = 1  # around each picture, so linear filtering never samples a neighbour


def stacked_atlas(textures: list[arcade.Texture]) -> DefaultTextureAtlas:
    """An atlas holding `textures` one above the other (it may still grow if it must)."""
    width = max(t.width for t in textures) + 2 * BORDER_PX
    height = sum(t.height + 2 * BORDER_PX for t in textures)
    atlas = DefaultTextureAtlas((width, height), border=BORDER_PX)
    for texture in textures:
        atlas.add(texture)
    return atlas
