"""The one place that papers over headless arcade's gaps on Linux.

Headless pyglet (EGL) cannot import ``pyglet.input`` on Linux, and headless arcade leaves out
``arcade.ControllerManager``; ``arcade.gui`` and ``arcade.future`` import both and fail.
Importing ``pyglet.window.xlib`` first and handing ``arcade`` the ``ControllerManager`` from
``arcade.controller`` lets them import (``prepare_gui``); a real (non-headless) arcade needs none of this.

It also spares arcade's import what the game never uses (see ``spare_pyglet``).
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


def controller_manager():
    """pyglet's controller manager, or None where gamepads cannot work (headless, no device layer)."""
    if headless():
        return None
    try:
        import pyglet.input

        return pyglet.input.ControllerManager()
    except Exception:
        return None
