"""The masterpiece as the dreamer keeps it after acceptance: the same flaw, now the heart of the picture.

Made on the CPU from the masterpiece team's art and flaw field: the darkness stays where the
player's attempts put it, but its edge is traced in gold and the colours around it deepen, so
the eye goes to it. A flaw the dreamer never noticed (a dream begun in the vortex) is not in
the memory. Used for the reveal, the vortex's shreds and the waking memory.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PIL import Image, ImageFilter

from game.render.ahead import ahead, made
from game.render.masterpiece import art_in_steps, flaw_field
from game.sim.flaw import Blot

GOLD = np.array((236, 190, 92), np.float32)
NIGHT = np.array((38, 30, 92), np.float32)  # the deep colour the flaw's heart becomes
HALO_BLUR = 6  # px: how far the warmth around the flaw spreads (at 256 px)


def memory_of(world, size: int = 256, recompose: float | None = None) -> tuple:
    """What the memory of `world`'s masterpiece is painted from, as plain numbers (paint_memory's
    arguments): its seed, the size, the flaw's blots and whether it was noticed, the recomposing
    (the flaw's own when None). The flaw's blots are fixed once the repairs are over."""
    flaw = world.flaw
    blots = tuple((b.u, b.v, b.radius, b.stretch, b.angle, b.darkness, tuple(b.colour), b.kind) for b in flaw.blots)
    return (world.seed, size, blots, bool(flaw.noticed), round(float(flaw.recompose if recompose is None else recompose), 2))


_cache: dict = {}


def masterpiece_memory(world, size: int = 256, recompose: float | None = None) -> Image.Image:
    """The flawed masterpiece, recomposed by `recompose` (the flaw's own value when None): painted
    ahead if it was asked for ahead (see game.render.ahead), else here."""
    key = memory_of(world, size, recompose)
    if key not in _cache:
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = made(paint_memory, *key)
    return _cache[key]


def paint_memory_ahead(world, size: int = 256, recompose: float | None = None) -> None:
    """Start painting masterpiece_memory(world, size, recompose) on the worker, unless it is made."""
    key = memory_of(world, size, recompose)
    if key not in _cache:
        ahead(paint_memory, *key)


def paint_memory(seed: int, size: int, blots: tuple, noticed: bool, amount: float) -> Image.Image:
    """The memory (see memory_of for its arguments)."""
    try:
        base = np.asarray(made(art_in_steps, seed).image().resize((size, size), Image.LANCZOS), np.float32)
        dark, colour = flaw_field(SimpleNamespace(blots=[Blot(*blot) for blot in blots]), size)
        if not noticed:
            dark = np.zeros_like(dark)
    except Exception:  # the art is not there: a plain warm canvas with a dark heart
        ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
        r = np.hypot(xs - size / 2, ys - size / 2) / size
        base = np.stack([180 - 90 * r, 120 + 60 * np.sin(xs / 17), 90 + 80 * np.cos(ys / 23)], axis=2).astype(np.float32)
        dark = np.clip(1.0 - r * 6.0, 0.0, 1.0).astype(np.float32)
        colour = np.zeros_like(base) + 40
    picture = base * (1.0 - dark[..., None] * 0.9) + colour * 0.4 * dark[..., None]
    if amount > 0:
        # The flaw's edge traced in two thin gold contours, its depth turned a deep, rich night.
        rim = np.exp(-(((dark - 0.42) / 0.07) ** 2)) + 0.5 * np.exp(-(((dark - 0.12) / 0.04) ** 2))
        rim = np.asarray(Image.fromarray((np.clip(rim, 0, 1) * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6)), np.float32) / 255.0
        halo = np.asarray(Image.fromarray((dark * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(HALO_BLUR * size / 256)), np.float32) / 255.0
        glow = np.clip(halo - dark, 0.0, 1.0)
        grey = picture.mean(axis=2, keepdims=True)
        vivid = grey + (picture - grey) * 1.3  # colour returns round it
        picture = picture + (vivid - picture) * amount
        depth = np.clip((dark - 0.4) / 0.5, 0.0, 1.0)[..., None]
        picture = picture * (1.0 - depth * 0.5 * amount) + NIGHT * depth * 0.5 * amount
        picture = picture + GOLD * 0.3 * glow[..., None] * amount
        picture = picture * (1.0 - rim[..., None] * amount) + GOLD * rim[..., None] * amount
    return Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8))
