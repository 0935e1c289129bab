"""Opens the window (or the headless one) and runs the game loop."""

from __future__ import annotations

from game.errors import UserError
from game.session import Run, RunOptions
from game.sim.world import DT

WINDOW_SIZE = (1280, 720)
TITLE = "Flawed"
HEADLESS_DRAW_EVERY = 24  # ticks between drawn frames when nobody watches (shots are drawn up to)
SHOT_LEAD_IN_TICKS = 16  # drawn every tick this long before a screenshot, so the camera settles


def open_window(fullscreen: bool = False, headless: bool = False):
    """The game's window; no OpenGL (or too old a one) is one clear line, not a traceback."""
    from game.compat import prepare_arcade

    arcade = prepare_arcade()
    try:
        # No multisampling: the art is pixelated and the lighting is soft, and on a software
        # renderer 4x MSAA makes every full-screen pass cost several times more.
        window = arcade.Window(*WINDOW_SIZE, TITLE, fullscreen=fullscreen, resizable=not headless, vsync=not headless, visible=not headless, antialiasing=False)
    except Exception as error:  # pyglet raises many kinds: no display, no GL 3.3, no EGL
        hint = "" if headless else " (try --headless, or --no-render for the simulation alone)"
        raise UserError(f"flawed: cannot open a window with OpenGL 3.3: {error}{hint}") from None
    return window


def play_windowed(options: RunOptions, fullscreen: bool = False, headless: bool = False) -> int:
    from game.settings import Settings

    settings, warnings = Settings.load()
    window = open_window(fullscreen or (settings.fullscreen and not headless), headless)
    from game.views.play import GameView
    from game.views.shell import Shell, wants_menus

    shell = Shell(window, settings, warnings, silent=True if headless else None)  # settings, sound, captions, gamepad, pause
    if wants_menus(options, headless):
        return play_from_menus(window, shell)
    run = Run(options if headless else shell.merge_options(options))  # nobody watches headless: keep it exact
    view = GameView(run)
    shell.attach(view)
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


def play_from_menus(window, shell) -> int:
    """A plain `flawed`: the photosensitivity notice (first run) or the title, then wherever the player goes."""
    import arcade

    shell.start()
    arcade.run()
    view = shell.game_view
    if view is not None and not view.finished:
        view.run.finish()
    shell.mixer.stop_all()
    window.close()
    return 0


def run_headless(window, view) -> None:
    """Step and draw as fast as the machine allows: headless arcade.run() would wait for real time.

    Nobody watches, so only every few ticks is drawn — and every tick just before and at a
    beat's screenshot, so the camera has settled on what the shot shows.
    """
    while not view.finished and not window.has_exit:
        for _ in range(HEADLESS_DRAW_EVERY):
            view.on_update(DT)
            if view.pending_shots or view.finished or view.shot_soon(SHOT_LEAD_IN_TICKS):
                break
        window.dispatch_events()
        view.on_draw()
        window.flip()
    view.on_draw()
