"""Shaders compiled ahead, by a quiet second process, the first time the game runs on software OpenGL.

Mesa's software renderer (llvmpipe, the OpenGL of a machine with no graphics card) compiles a
shader for each way it is drawn the first time it is drawn that way: 50–200 ms each, most of a
second at the flaw's first frame and at the acceptance's on a machine that never ran the game.
Mesa keeps what it compiled in its shader cache on disk, for any later process. So on its first
run on a software renderer the window's game starts ``flawed warm-shaders`` beside itself as the
first dream begins, at the lowest priority: the bot dreams the same level and seed headless (see
dream_of) and draws a few frames of every beat, which puts every shader the story draws with in
the cache while the player walks the backstage (about 20 s on its own on the reference machine,
done in 40-50 s beside a game in a window). It draws the story from the flaw on first, then the
backstage (which the player's own game is drawing meanwhile): the flaw's first frame is drawn
about 3 s in. A game that finds what it compiled compiles nothing more, as long as each shader
is drawn one way (see program_for_each_way). When it has drawn the whole story, a stamp in the
game's cache folder says so for this renderer and this version of the game, and it is not
started again. It leaves nothing else behind: it plays with a settings and cache folder of its
own, and it stops when the game does.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from game import __version__
from game.storage import atomic_write_text, cache_dir

SOFTWARE = ("llvmpipe", "softpipe", "swrast")  # renderers that compile shaders as they are first drawn
LEAD_IN = 20  # every frame is drawn from this many ticks before each beat begins ...
FIRST_FRAMES = 30  # ... to this many after (its pictures, passes and fades are made then, as the beat before lets go)
DRAW_EVERY = 16  # ticks between frames drawn within a beat (so a pass drawn for a moment is caught)
WARM_SEED = 3
MAX_TICKS = 60 * 60 * 15  # the bot's whole dream is ~10,000 ticks; a dream that never ends is given up
MAX_SECONDS = 300.0


def program_for_each_way(load, ways) -> dict:
    """A program of its own, `load()`, for each of the `ways` a shader is drawn: a texture's
    filter, the kind of picture it draws into, blending — what Mesa's software renderer compiles
    a variant of a shader for. Mesa files a shader's variants in its disk cache by the shader as
    it stands when each is compiled, and compiling the first changes it: a game that finds the
    first variant in the cache (put there by this warmer) looks the second up by the shader
    as it was, misses it, and compiles it as its frame is drawn (0.1-0.2 s). A program drawn
    one way only has one variant, found whatever came before."""
    return {way: load() for way in ways}


def software(renderer: str) -> bool:
    return any(name in renderer.lower() for name in SOFTWARE)


def mesa_cache_disabled(environ=os.environ) -> bool:
    return any(environ.get(name, "").lower() in ("1", "true", "yes") for name in ("MESA_SHADER_CACHE_DISABLE", "MESA_GLSL_CACHE_DISABLE"))


def stamp_path(renderer: str, environ=os.environ) -> Path:
    """The stamp saying the story's shaders are in the cache for this renderer, this game and
    this shader cache folder."""
    key = "\n".join((renderer, __version__, environ.get("MESA_SHADER_CACHE_DIR", ""), environ.get("XDG_CACHE_HOME", "")))
    return cache_dir() / "shaders" / f"warmed-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def needed(renderer: str, environ=os.environ) -> bool:
    """Whether to start the warmer: on Linux (the one system where a window can be opened
    headless, through EGL; a software renderer elsewhere is rare, and its warmer could never
    draw), on a software renderer, with Mesa's cache on, not yet stamped."""
    return (sys.platform.startswith("linux") and software(renderer) and not mesa_cache_disabled(environ)
            and not stamp_path(renderer, environ).exists())


def own_command() -> list[str]:
    """How to start this game again: the bundle's program, or this Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "game"]


class Warmer:
    """The second process while it runs; `stop` ends it (the game's window closing)."""

    def __init__(self, process: subprocess.Popen):
        self.process = process

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.running:
            self.process.terminate()
            try:
                self.process.wait(timeout=2.0)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def dream_of(run) -> list[str]:
    """The `warm-shaders` arguments for the bot to dream the level and seed of `run`: the player's
    own. Some of what Mesa compiles depends on the sizes of the level's pictures (a texture
    whose sides are powers of two is read by other code), so the warmer's dream of another
    level would leave a few of the player's shaders to compile as they are first drawn."""
    from game.session import DEFAULT_SIZE

    ref = run.level_ref
    where = ["--level", str(Path(ref["path"]).resolve())] if ref.get("kind") == "file" else ["--size", ref.get("size", DEFAULT_SIZE)]
    return ["--seed", str(run.seed), *where]


def start(renderer: str, dream: list[str] | None = None, environ=os.environ) -> Warmer | None:
    """Start `flawed warm-shaders` (with `dream`'s arguments: see dream_of) if this renderer needs
    it and it has not run to its end before; None if not needed or it cannot be started (the
    game plays on, compiling as it draws)."""
    if not needed(renderer, environ):
        return None
    env = dict(environ, ARCADE_HEADLESS="1", FLAWED_SILENT="1")
    try:
        process = subprocess.Popen([*own_command(), "warm-shaders", "--quiet", *(dream or [])], env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # (in the game's own session:
        # a process of a session of its own is scheduled as a group of its own, beside the game's, and its lowest priority
        # would count only within that group)
    except OSError:
        return None
    return Warmer(process)


def warm(quiet: bool = False, dream=None) -> int:
    """`flawed warm-shaders`: play the bot's dream headless (of `dream`'s level and seed, RunOptions;
    no seed: WARM_SEED's), drawing a few frames of each beat, and stamp it done. Returns
    the exit status."""
    parent = os.getppid()
    if hasattr(os, "nice"):
        os.nice(19)  # the player's game comes first
    os.environ["ARCADE_HEADLESS"] = "1"  # before arcade is imported
    os.environ.setdefault("FLAWED_SILENT", "1")
    started = time.perf_counter()
    with own_folders():
        drawn = draw_the_story(lambda: os.getppid() != parent or time.perf_counter() - started > MAX_SECONDS, dream)
    if drawn is None:  # no stamp: it runs again next time, and finds what it compiled so far in the cache
        if not quiet:
            print(f"flawed: stopped before the story's end (the game closed, or it took over {MAX_SECONDS:.0f} s); not stamped")
        return 0
    renderer, beats, frames = drawn
    atomic_write_text(stamp_path(renderer), f"{renderer}\nflawed {__version__}\n{frames} frames: {' '.join(beats)}\n")
    if not quiet:
        print(f"flawed: shaders compiled ahead for {renderer}: {frames} frames over {', '.join(beats)} in {time.perf_counter() - started:.1f} s")
    return 0


@contextmanager
def own_folders():
    """Settings, progress and kept pictures of its own, in a folder removed after: the player's
    are not touched."""
    names = ("FLAWED_CONFIG_DIR", "FLAWED_CACHE_DIR")
    before = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="flawed-warm-") as scratch:
        for name in names:
            os.environ[name] = os.path.join(scratch, name.lower())
        try:
            yield
        finally:
            for name, value in before.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def draw_the_story(give_up, dream=None) -> tuple[str, list[str], int] | None:
    """The bot's dream in a headless window, every frame drawn round each beat's beginning and one
    every DRAW_EVERY ticks: (renderer, the beats drawn in the order drawn, frames drawn), or None
    if `give_up()` said so first. The story from the flaw on is drawn first (its shaders are
    the dearest, and the first the player meets after the backstage, which their own game is
    drawing meanwhile), then the backstage, in a dream played again to the flaw."""
    from game.compat import prepare_arcade

    prepare_arcade(check_gl_calls=False)
    from game.session import Run, RunOptions
    from game.views.play import GameView
    from game.window import open_window

    options = replace(dream or RunOptions(), autoplay=True, max_ticks=MAX_TICKS)
    if options.seed is None:
        options.seed = WARM_SEED
    simulated = Run(options)  # the dream without drawing first (a second): where its beats begin
    simulated.run_to_end()
    simulated.finish()
    turns = [tick for _, tick in simulated.world.story.history]
    flaw = turns[1] - LEAD_IN if len(turns) > 1 else MAX_TICKS  # (the ticks before it: the backstage)
    window = open_window(headless=True)  # at the game's size: some passes are compiled for the size they are drawn at
    beats: list[str] = []
    frames = 0
    try:
        for start, stop in ((flaw, MAX_TICKS), (0, flaw)):
            view = GameView(Run(options))
            window.show_view(view)
            try:
                while not view.finished and view.world.tick < stop:
                    if give_up():
                        return None
                    view.step_once()
                    tick = view.world.tick
                    if tick < start:
                        continue
                    if not beats or beats[-1] != view.world.story.beat.value:
                        beats.append(view.world.story.beat.value)
                    if tick % DRAW_EVERY == 0 or any(-LEAD_IN <= tick - turn < FIRST_FRAMES for turn in turns):
                        window.current_view.on_draw()
                        window.ctx.finish()
                        frames += 1
            finally:
                if not view.finished:
                    view.run.finish()
        return window.ctx.info.RENDERER, beats, frames
    finally:
        window.close()
