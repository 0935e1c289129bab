"""What game.compat changes in pyglet changes nothing the game shows."""

from __future__ import annotations

import ctypes
import random
import sys

import pytest

from game.compat import prepare_arcade


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pyglet draws glyphs with FreeType on Linux")
def test_glyphs_are_widened_to_the_same_bytes_as_pyglet_widens_them():
    prepare_arcade()
    from pyglet.font.freetype import FreeTypeGlyphRenderer

    quick = FreeTypeGlyphRenderer._expand_to_rgba
    assert quick.quicker
    rng = random.Random(3)
    for size in (0, 1, 7, 13 * 17):
        grey = (ctypes.c_ubyte * size)(*(rng.randrange(256) for _ in range(size)))
        assert quick(None, grey, "R", "BGRA") == quick.pyglets(None, grey, "R", "BGRA")
    rgb = (ctypes.c_ubyte * 6)(1, 2, 3, 4, 5, 6)
    assert quick(None, rgb, "RGB", "BGRA") == quick.pyglets(None, rgb, "RGB", "BGRA")


def test_the_benchmarks_find_arcades_light_layer_headless(window):
    """benchmarks.frames and benchmarks.render compare with arcade.future's LightLayer: it must load."""
    import arcade

    from benchmarks.render import load_light_layer_module

    assert hasattr(load_light_layer_module(arcade), "LightLayer")
