"""Atlases of their own for the few big pictures (floors, the hall, the shards), kept out of arcade's shared one.

arcade's default atlas only ever grows: one screen-sized picture pushes it from 2048² to
4096², a big floor to 8192² (256 MB, and on a software renderer that is all main memory).
Big pictures get an atlas just large enough for them, which goes when its sprite lists do.
"""

from __future__ import annotations

import math

import arcade
from arcade.texture_atlas import DefaultTextureAtlas
from arcade.texture_atlas.uv_data import UV_TEXTURE_WIDTH  # pictures an atlas keeps a place for, per step of its capacity
from pyglet.image.atlas import Allocator, AllocatorException  # (how arcade's atlas places its pictures)

BORDER_PX = 1  # around each picture, so linear filtering never samples a neighbour
ROW_SLACK = 1.15  # how much wider than a perfect square the rows are, for the gaps at their ends


def own_atlas(textures: list[arcade.Texture]) -> DefaultTextureAtlas:
    """An atlas holding `textures`, sized for them (see sized_atlas); it grows only for more."""
    atlas = sized_atlas(textures)
    for texture in textures:
        atlas.add(texture)
    return atlas


def sized_atlas(textures: list[arcade.Texture]) -> DefaultTextureAtlas:
    """An empty atlas of the size own_atlas gives `textures` (to add them a few at a time): rows
    a little wider than a square of their area, as many as the atlas's own allocator fills
    placing them in this order, each image once. (A row short, the atlas would grow as it is
    filled — twice its size, every picture drawn again into a new texture — as the beat plays.)"""
    images = {t.image_data.hash: t.image_data.image for t in textures}  # (the atlas keeps each image once, placed as first added)
    sizes = [(image.width + 2 * BORDER_PX, image.height + 2 * BORDER_PX) for image in images.values()]
    area = sum(w * h for w, h in sizes)
    width = max(max(w for w, _ in sizes), math.ceil(math.sqrt(area) * ROW_SLACK))
    height = row_x = row_height = 0
    for w, h in sizes:  # (first as rows filled in turn: most often enough)
        if row_x + w > width:  # this row is full: start the next
            height += row_height
            row_x = row_height = 0
        row_x += w
        row_height = max(row_height, h)
    height += row_height
    while not fits(sizes, width, height):
        height += math.ceil(row_height / 4)
    # Room for as many pictures again: arcade's default (8192) is ~10 ms of Python making the two
    # tables of places, a frame's worth when an atlas is made as a beat plays.
    return DefaultTextureAtlas((width, height), border=BORDER_PX, capacity=slots_for(len(textures)))


def fits(sizes: list[tuple[int, int]], width: int, height: int) -> bool:
    """Whether boxes of `sizes` (px, borders included), placed in this order as arcade's atlas
    places them, all fit in `width` × `height`."""
    allocator = Allocator(width, height)
    try:
        for w, h in sizes:
            allocator.alloc(w, h)
    except AllocatorException:
        return False
    return True


def slots_for(pictures: int) -> int:
    """The capacity (in steps of UV_TEXTURE_WIDTH places) for an atlas of `pictures`, with room for as many again."""
    return 1 + 2 * pictures // UV_TEXTURE_WIDTH


def filled_atlas(textures: list[arcade.Texture]):
    """own_atlas a step a texture, so the work can be spread over frames: a generator whose
    value is the atlas (None, arcade's shared one, for no textures)."""
    if not textures:
        return None
    atlas = sized_atlas(textures)
    yield  # (making it is a step of its own: its texture, its tables of places)
    for texture in textures:
        atlas.add(texture)
        yield
    return atlas
