"""The game's window: 1280×720, resizable, or an offscreen (EGL) one when nobody watches."""

from __future__ import annotations

from game.compat import prepare_arcade
from game.errors import UserError

WINDOW_SIZE = (1280, 720)
MIN_SIDE_PX, MAX_SIDE_PX = 64, 8192  # a window's side as the command line may ask for it (and the shader warmer dream in it)
TITLE = "Flawed"
# arcade's shared texture atlas starts at 512² and, when full, grows by rebuilding itself from
# every picture in it: 20-50 ms, a hitch in the middle of a beat (a minigame's hand, the vortex's
# dreamer). Made at the size a whole dream fills it to, it never grows (16 MB; ~10 ms more at start).
ATLAS_PX = 2048


def open_window(fullscreen: bool = False, headless: bool = False, size: tuple[int, int] = WINDOW_SIZE):
    """The game's window (`size` px, or the screen); no OpenGL (or too old a one) is one clear
    line, not a traceback."""
    arcade = prepare_arcade()
    try:
        # No multisampling: the art is pixelated and the lighting is soft, and on a software
        # renderer 4x MSAA makes every full-screen pass cost several times more.
        window = arcade.Window(*size, TITLE, fullscreen=fullscreen, resizable=not headless, vsync=not headless, visible=not headless, antialiasing=False)
    except Exception as error:  # pyglet raises many kinds: no display, no GL 3.3, no EGL
        hint = "" if headless else " (try --headless, or --no-render for the simulation alone)"
        raise UserError(f"flawed: cannot open a window with OpenGL 3.3: {error}{hint}") from None
    window.ctx.atlas_size = (ATLAS_PX, ATLAS_PX)
    return window


def draw_frame(window) -> None:
    """Draw the window's screen once, as pyglet's event loop does (``Window.draw``): the window's
    context made current first — which deletes the OpenGL objects Python's collector freed on
    another thread (a picture worker's), queued by pyglet till then — then the draw and the flip.
    A loop of its own that skips the first (headless play, a benchmark) keeps every such object
    (some 25 buffers a dream): dreaming back to back, the resident size between dreams grew by
    about 2.5 MB a dream so, and went on growing; with it, it holds once the game's bounded caches
    are full (see benchmarks.memory)."""
    window.switch_to()
    window.current_view.on_draw()
    window.flip()
