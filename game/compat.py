"""The one place that papers over headless arcade's gaps on Linux.

Headless pyglet (EGL) cannot import ``pyglet.input`` on Linux, and headless arcade leaves out
``arcade.ControllerManager``; ``arcade.gui`` and ``arcade.future`` import both and fail.
Importing ``pyglet.window.xlib`` first and handing ``arcade`` the ``ControllerManager`` from
``arcade.controller`` lets them import; a real (non-headless) arcade needs none of this.
"""

from __future__ import annotations

import os

_prepared = False


def headless() -> bool:
    return bool(os.environ.get("ARCADE_HEADLESS"))


def headless_sound() -> None:
    """A headless run is silent (app.play_windowed), so pyglet need not look for sound libraries
    as arcade is imported: where there are none, each is looked for with ldconfig and gcc (about
    0.1 s at every launch). Call before arcade is imported."""
    import pyglet

    pyglet.options.audio = ("silent",)


def prepare_arcade():
    """Import arcade (after the caller set ARCADE_HEADLESS if wanted) so that arcade.gui works."""
    global _prepared
    import arcade  # first: it tells pyglet whether to be headless

    if not _prepared and headless():
        try:
            import pyglet.window.xlib  # noqa: F401  (what pyglet.input's Linux backend expects)
        except Exception:  # no X libraries at all: arcade.gui stays unavailable headless
            pass

    if not _prepared and not hasattr(arcade, "ControllerManager"):
        try:
            from arcade.controller import ControllerManager

            arcade.ControllerManager = ControllerManager
        except Exception:
            pass
    _prepared = True
    return arcade


def controller_manager():
    """pyglet's controller manager, or None where gamepads cannot work (headless, no device layer)."""
    if headless():
        return None
    try:
        import pyglet.input

        return pyglet.input.ControllerManager()
    except Exception:
        return None
