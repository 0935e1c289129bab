"""The game's window: 1280×720, resizable, or an offscreen (EGL) one when nobody watches."""

from __future__ import annotations

from game.compat import prepare_arcade
from game.errors import UserError

WINDOW_SIZE = (1280, 720)
TITLE = "Flawed"


def open_window(fullscreen: bool = False, headless: bool = False):
    """The game's window; no OpenGL (or too old a one) is one clear line, not a traceback."""
    arcade = prepare_arcade()
    try:
        # No multisampling: the art is pixelated and the lighting is soft, and on a software
        # renderer 4x MSAA makes every full-screen pass cost several times more.
        window = arcade.Window(*WINDOW_SIZE, TITLE, fullscreen=fullscreen, resizable=not headless, vsync=not headless, visible=not headless, antialiasing=False)
    except Exception as error:  # pyglet raises many kinds: no display, no GL 3.3, no EGL
        hint = "" if headless else " (try --headless, or --no-render for the simulation alone)"
        raise UserError(f"flawed: cannot open a window with OpenGL 3.3: {error}{hint}") from None
    return window
