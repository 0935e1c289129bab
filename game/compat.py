"""The one place that papers over headless arcade's gaps on Linux.

Headless pyglet (EGL) cannot import ``pyglet.input`` on Linux, and headless arcade leaves out
``arcade.ControllerManager``; ``arcade.gui`` and ``arcade.future`` import both and fail.
Importing ``pyglet.window.xlib`` first and handing ``arcade`` the ``ControllerManager`` from
``arcade.controller`` lets them import (``prepare_gui``); a real (non-headless) arcade needs none of this.

It also spares arcade's import what the game never uses (``spare_pyglet``), makes pyglet's
glyphs quicker to make (``quicker_glyphs``), and keeps a grown atlas's edges clamped
(``atlases_keep_their_edges``).
"""

from __future__ import annotations

import os
import sys

_prepared = False
_gui_prepared = False


def headless() -> bool:
    return bool(os.environ.get("ARCADE_HEADLESS"))


def prepare_arcade(check_gl_calls: bool = True):
    """Import arcade (after the caller set ARCADE_HEADLESS if wanted), sparing pyglet what the game does not use.

    The game itself passes check_gl_calls=False: pyglet then stops asking OpenGL for an error
    after every call (its debug_gl, off already in a frozen bundle); the tests keep it.
    """
    global _prepared
    if not _prepared:
        spare_pyglet(check_gl_calls)
    import arcade  # first: it tells pyglet whether to be headless

    if not _prepared:
        quicker_glyphs()
        atlases_keep_their_edges()
    _prepared = True
    return arcade


def prepare_gui():
    """Import arcade.gui, papering over headless arcade's gaps first (only the menus need it)."""
    global _gui_prepared
    arcade = prepare_arcade()
    if not _gui_prepared and headless():
        try:
            import pyglet.window.xlib  # noqa: F401  (what pyglet.input's Linux backend expects)
        except Exception:  # no X libraries at all: arcade.gui stays unavailable headless
            pass

    if not _gui_prepared and not hasattr(arcade, "ControllerManager"):
        try:
            from arcade.controller import ControllerManager

            arcade.ControllerManager = ControllerManager
        except Exception:
            pass
    _gui_prepared = True
    import arcade.gui

    return arcade.gui


def spare_pyglet(check_gl_calls: bool = True) -> None:
    """Before arcade is imported: keep pyglet from loading libraries the game will not use.

    pyglet picks its audio driver as it is imported, loading OpenAL's and PulseAudio's libraries
    to try them (about a fifth of a second): a game that plays nothing (headless, or
    FLAWED_SILENT) takes the silent driver. And pyglet looks for FFmpeg's libraries to decode
    compressed media, while the game's sounds are WAV files it writes itself, which pyglet reads
    without them: a None in ``sys.modules`` makes that import fail, as pyglet expects it may.
    """
    if "arcade" in sys.modules:  # too late: arcade already brought pyglet.media in
        return
    import pyglet

    from game.audio.mixer import silent_requested

    if headless() or silent_requested():
        pyglet.options["audio"] = ("silent",)
    if not check_gl_calls:
        pyglet.options["debug_gl"] = False
    sys.modules.setdefault("pyglet.media.codecs.ffmpeg_lib", None)


def quicker_glyphs() -> None:
    """pyglet's FreeType glyphs (Linux) widen each grey bitmap to BGRA a byte at a time in Python,
    about a millisecond a glyph, so the first frame's words cost tens of ms: the same bytes, made
    by slicing. Other conversions (none that this game's fonts need) still go pyglet's way."""
    renderer = getattr(sys.modules.get("pyglet.font.freetype"), "FreeTypeGlyphRenderer", None)
    slow = getattr(renderer, "_expand_to_rgba", None)
    if slow is None or getattr(slow, "quicker", False):
        return

    def expand_to_rgba(self, data, src_format: str, dst_format: str) -> bytes:
        if (src_format, dst_format) != ("R", "BGRA"):
            return slow(self, data, src_format, dst_format)
        grey = bytes(data)
        out = bytearray(b"\xff") * (4 * len(grey))  # white, with the glyph's grey as alpha
        out[3::4] = grey
        return bytes(out)

    expand_to_rgba.quicker, expand_to_rgba.pyglets = True, slow
    renderer._expand_to_rgba = expand_to_rgba


def atlases_keep_their_edges() -> None:
    """arcade 3.3's texture atlas makes its texture clamped at its edges, but the larger one it
    makes as it grows (``DefaultTextureAtlas.resize``, also its rebuild) repeats instead: a
    picture on the edge then takes in the far edge where it is smoothed, and to Mesa's software
    renderer every shader reading the atlas is drawn a new way, compiled again as the atlas grows
    (see game.render.warmup.program_for_each_way). The grown atlas is clamped as the first was."""
    from arcade import gl
    from arcade.texture_atlas.atlas_default import DefaultTextureAtlas

    grow = DefaultTextureAtlas.resize
    if getattr(grow, "clamped", False):
        return

    def resize(self, size, force=False) -> None:
        grow(self, size, force)
        self.texture.wrap_x = self.texture.wrap_y = gl.CLAMP_TO_EDGE

    resize.clamped, resize.arcades = True, grow
    DefaultTextureAtlas.resize = resize


def controller_manager():
    """pyglet's controller manager, or None where gamepads cannot work (headless, no device layer)."""
    if headless():
        return None
    try:
        import pyglet.input

        return pyglet.input.ControllerManager()
    except Exception:
        return None
