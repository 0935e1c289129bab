"""Soft round glows and thin rings as textures: door light, the eye's halo, the breathing guide, the bloom."""

from __future__ import annotations

import arcade
import numpy as np
from PIL import Image


def _soft_disc(size: int, colour: tuple[int, int, int], falloff: float = 2.0):
    """A round soft glow as a PIL image (for the eye's halo and door light)."""
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    c = (size - 1) / 2
    r = np.sqrt((xs - c) ** 2 + (ys - c) ** 2) / c
    a = np.clip(1.0 - r, 0.0, 1.0) ** falloff
    rgba = np.zeros((size, size, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = colour
    rgba[..., 3] = (a * 255).astype(np.uint8)
    return Image.fromarray(rgba)


def ring_texture(name: str, size: int, colour: tuple[int, int, int], width: float = 0.08) -> arcade.Texture:
    """A thin soft ring (the breathing guide)."""
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    c = (size - 1) / 2
    r = np.sqrt((xs - c) ** 2 + (ys - c) ** 2) / c
    a = np.exp(-(((r - 0.86) / width) ** 2))
    rgba = np.zeros((size, size, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = colour
    rgba[..., 3] = (a * 255).astype(np.uint8)
    return arcade.Texture(Image.fromarray(rgba), hash=f"ring-{name}-{size}-{colour}-{width}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)


def soft_texture(name: str, size: int, colour: tuple[int, int, int], falloff: float = 2.0) -> arcade.Texture:
    return arcade.Texture(_soft_disc(size, colour, falloff), hash=f"soft-{name}-{size}-{colour}-{falloff}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)


def star_texture(name: str, size: int, colour: tuple[int, int, int]) -> arcade.Texture:
    """A four-pointed glint of light with a soft core (a tool catching the eye)."""
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    c = (size - 1) / 2
    dx, dy = np.abs(xs - c) / c, np.abs(ys - c) / c
    rays = np.clip(1.0 - dx, 0, 1) ** 6 * np.clip(1.0 - dy * 9.0, 0, 1) + np.clip(1.0 - dy, 0, 1) ** 6 * np.clip(1.0 - dx * 9.0, 0, 1)
    core = np.clip(1.0 - np.hypot(dx, dy) * 2.5, 0, 1) ** 2
    a = np.clip(rays + core, 0.0, 1.0)
    rgba = np.zeros((size, size, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = colour
    rgba[..., 3] = (a * 255).astype(np.uint8)
    return arcade.Texture(Image.fromarray(rgba), hash=f"star-{name}-{size}-{colour}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)
