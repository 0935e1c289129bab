"""Opens the window (or the headless one) and runs the game loop."""

from __future__ import annotations

from game.errors import UserError
from game.session import Run, RunOptions
from game.sim.world import DT

WINDOW_SIZE = (1280, 720)
TITLE = "Flawed"
HEADLESS_DRAW_EVERY = 4  # ticks between drawn frames when nobody watches (beats always drawn)


def open_window(fullscreen: bool = False, headless: bool = False):
    """The game's window; no OpenGL (or too old a one) is one clear line, not a traceback."""
    from game.compat import prepare_arcade

    arcade = prepare_arcade()
    try:
        window = arcade.Window(*WINDOW_SIZE, TITLE, fullscreen=fullscreen, resizable=not headless, vsync=not headless, visible=not headless)
    except Exception as error:  # pyglet raises many kinds: no display, no GL 3.3, no EGL
        hint = "" if headless else " (try --headless, or --no-render for the simulation alone)"
        raise UserError(f"flawed: cannot open a window with OpenGL 3.3: {error}{hint}") from None
    return window


def play_windowed(options: RunOptions, fullscreen: bool = False, headless: bool = False) -> int:
    window = open_window(fullscreen, headless)
    from game.views.play import GameView

    run = Run(options)
    view = GameView(run)
    window.show_view(view)
    if headless:
        run_headless(window, view)
    else:
        import arcade

        arcade.run()
        if not view.finished:
            run.finish()
    window.close()
    return 0


def run_headless(window, view) -> None:
    """Step and draw as fast as the machine allows: headless arcade.run() would wait for real time.

    Nobody watches, so only every few ticks is drawn — and every tick that begins a beat,
    so screenshots show each beat's first moment.
    """
    while not view.finished and not window.has_exit:
        for _ in range(HEADLESS_DRAW_EVERY):
            view.on_update(DT)
            if view.pending_shots or view.finished:
                break
        window.dispatch_events()
        view.on_draw()
        window.flip()
    view.on_draw()
