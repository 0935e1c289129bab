"""Opens the window (or the headless one) and runs the game loop."""

from __future__ import annotations

import sys

from game.compat import prepare_arcade

arcade = prepare_arcade(check_gl_calls=False)  # first: it spares pyglet what the game does not use (see game.compat)

from game.session import Run, RunOptions
from game.settings import Settings
from game.sim.timestep import DT
from game.views.shell import Shell, wants_menus
from game.views.shots import stopped
from game.window import WINDOW_SIZE, draw_frame, open_window

HEADLESS_DRAW_EVERY = 24  # ticks between drawn frames when nobody watches (shots are drawn up to)
SHOT_LEAD_IN_TICKS = 16  # drawn every tick this long before a screenshot, so the camera settles


def play_windowed(options: RunOptions, fullscreen: bool = False, headless: bool = False, size: tuple[int, int] = WINDOW_SIZE) -> int:
    settings, warnings = Settings.load()
    window = open_window(fullscreen or (settings.fullscreen and not headless), headless, size)
    shell = Shell(window, settings, warnings, silent=True if headless else None)  # settings, sound, gamepad, screens
    shell.warms_shaders = not headless  # nobody watches headless: no hitch to spare
    if wants_menus(options, headless):
        shell.start()
        arcade.run()
        view = shell.game_view
    else:
        run = Run(options if headless else shell.merge_options(options))  # nobody watches headless: keep it exact
        view = shell.play_run(run)
        if headless:
            run_headless(window, view)
        else:
            shell.close_when_done = True
            arcade.run()
    if view is not None and not view.finished:
        view.run.finish()
    shell.close()
    window.close()
    if view is not None:  # the last shots are written while the window closes
        view.shots.wait()
        problem = view.shots.problem()
        if problem is not None:
            print(f"flawed: {stopped(options.screenshots, problem)}", file=sys.stderr)
    return 0


def run_headless(window, view) -> None:
    """Step and draw as fast as the machine allows: headless arcade.run() would wait for real time.

    Nobody watches, so only every few ticks is drawn — and every tick just before and at a
    beat's screenshot, so the camera has settled on what the shot shows. What is drawn is the
    window's screen now (the game, or the morning a beat switched to).
    """
    while not view.finished and not window.has_exit:
        for _ in range(HEADLESS_DRAW_EVERY):
            view.on_update(DT)
            if view.pending_shots or view.finished or view.shot_soon(SHOT_LEAD_IN_TICKS):
                break
        window.dispatch_events()
        draw_frame(window)
    window.current_view.on_draw()
