"""Where a launch's time goes: one `flawed --headless --max-ticks 1 --seed 1 --screenshots DIR`, timed by phase.

Run by ``benchmarks.startup`` in a fresh process (``python -m benchmarks._startup_phases LAUNCHED DIR``,
LAUNCHED the parent's ``time.time()`` just before it started this process); prints one line per
phase: when it began after launch, how long it took (wall, s), and the process's CPU time in it.
The phases are the game's own steps, wrapped from outside: nothing in the game knows of them.
"""

from __future__ import annotations

import importlib
import os
import sys
import time

PHASES = (  # (what, module, attribute): a function whose call is the phase
    ("open the window and its GL context", "game.app", "open_window"),
    ("generate the level, build the world", "game.session", "Run.__init__"),
    ("build the renderer and the game view", "game.views.shell", "Shell.play_run"),
    ("draw and shoot the first frame", "game.views.play", "GameView.on_draw"),
    ("close the window", "arcade", "Window.close"),
    ("finish writing the shots", "game.views.shots", "Shots.wait"),
)


def main() -> None:
    launched, folder = float(sys.argv[1]), sys.argv[2]
    rows: list[tuple[str, float, float, float]] = []

    def mark(what: str, began: float, cpu: float) -> None:
        rows.append((what, began - launched, time.time() - began, time.process_time() - cpu))

    os.environ["ARCADE_HEADLESS"] = "1"  # as `--headless` sets it, before arcade is imported
    mark("start Python (to here)", launched, 0.0)
    began, cpu = time.time(), time.process_time()
    import game.cli  # noqa: F401

    mark("import game.cli (the level model, the tools)", began, cpu)
    began, cpu = time.time(), time.process_time()
    import numpy  # noqa: F401

    mark("import numpy", began, cpu)
    began, cpu = time.time(), time.process_time()
    from game.compat import prepare_arcade

    prepare_arcade(check_gl_calls=False)  # as game.app does first
    mark("import arcade (game.compat, and the sound cues it asks)", began, cpu)
    began, cpu = time.time(), time.process_time()
    import game.app  # noqa: F401

    mark("import the rest of game.app (the world, the views)", began, cpu)
    first_only: set[str] = set()
    for what, module, attribute in PHASES:
        owner = importlib.import_module(module)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, _timed(getattr(owner, name), what, mark, first_only))
    game.cli.main(["--headless", "--max-ticks", "1", "--seed", "1", "--screenshots", folder])
    mark("all of it, until main() returned", launched, 0.0)
    for what, began, took, cpu in rows:
        print(f"  {began:6.3f} s  {took:6.3f} s  cpu {cpu:6.3f} s  {what}")


def _timed(function, what: str, mark, first_only: set[str]):
    def timed(*args, **kwargs):
        if what in first_only:  # the first call is the phase (the first frame, not the second)
            return function(*args, **kwargs)
        first_only.add(what)
        began, cpu = time.time(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            mark(what, began, cpu)

    return timed


if __name__ == "__main__":
    main()
