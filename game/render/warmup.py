"""Shaders compiled ahead, by a quiet second process, the first time the game runs on software OpenGL.

Mesa's software renderer (llvmpipe, the OpenGL of a machine with no graphics card) compiles a
shader for each way it is drawn the first time it is drawn that way: 50–200 ms each, most of a
second at the flaw's first frame and at the acceptance's on a machine that never ran the game.
Mesa keeps what it compiled in its shader cache on disk, for any later process. So on its first
run on a software renderer the window's game starts ``flawed warm-shaders`` beside itself as the
first dream begins, at the lowest priority: the bot dreams the same level and seed headless, in
a window of the same size (see Dream), and draws a few frames of every beat, which puts every
shader the story draws with in the cache while the player walks the backstage (about 20 s on its
own on the reference machine, done in 40-50 s beside a game in a window). It draws the story
from the flaw on first, then the backstage (which the player's own game is drawing meanwhile):
the flaw's first frame is drawn about 3 s in. A game that finds what it compiled compiles
nothing more, as long as each shader is drawn one way (see program_for_each_way). When it has
drawn the whole story, a stamp in the game's cache folder says so for this renderer, this
version of the game and dreams of this shape (the level and the window's size), and it is not
started for them again: a dream of another level, or a window dragged or put full screen to
another size, starts it again for that (game.views.shell.Shell.keep_warm). It leaves nothing
else behind: it plays with a settings and cache folder of its own, and it stops when the game
does.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from game import __version__
from game.storage import atomic_write_text, cache_dir
from game.window import WINDOW_SIZE

SOFTWARE = ("llvmpipe", "softpipe", "swrast")  # renderers that compile shaders as they are first drawn
LEAD_IN = 20  # every frame is drawn from this many ticks before each beat begins ...
FIRST_FRAMES = 30  # ... to this many after (its pictures, passes and fades are made then, as the beat before lets go)
DRAW_EVERY = 16  # ticks between frames drawn within a beat (so a pass drawn for a moment is caught)
WARM_SEED = 3
MAX_TICKS = 60 * 60 * 15  # the bot's whole dream is ~10,000 ticks; a dream that never ends is given up
MAX_SECONDS = 300.0


@dataclass(frozen=True)
class Dream:
    """What the warmer dreams: the player's own level, seed and window.

    Mesa compiles some shaders for the sizes of the pictures they read (a texture whose sides
    are powers of two is read by other code): the level's (its floor, its light), and the
    window's (the frame's offscreen pictures are its size, and a hall scaled to fit it is
    smoothed, not drawn texel for pixel). After a warmer's dream in 1280×720, a game of the same
    level in a 1600×900 window put 13 more files in Mesa's cache, at the reveal, lights on, the
    vortex and the waking; a game of a small backstage after a medium one's dream, 9. Another
    seed changes nothing of it (games of two other seeds after the warmer's put none), so a
    dream's shape, its level and window, is what is stamped as warm."""

    seed: int | None = None  # None: WARM_SEED
    level: str | None = None  # a level file; None: a generated backstage of `size`
    size: str | None = None  # None: the game's default
    window: tuple[int, int] = WINDOW_SIZE  # framebuffer px

    def __post_init__(self):
        # A level file by its whole path, however it was named: its shape is the same from any folder.
        if self.level is not None:
            object.__setattr__(self, "level", str(Path(self.level).resolve()))
        object.__setattr__(self, "window", tuple(self.window))

    def args(self) -> list[str]:
        """As `flawed warm-shaders` is told it."""
        seed = [] if self.seed is None else ["--seed", str(self.seed)]
        where = ["--level", self.level] if self.level is not None else ["--size", self.size] if self.size is not None else []
        return [*seed, *where, "--window", "{}x{}".format(*self.window)]

    def shape(self) -> str:
        """What the shaders it compiles depend on."""
        from game.session import DEFAULT_SIZE

        where = f"level {self.level}" if self.level is not None else f"size {self.size or DEFAULT_SIZE}"
        return "{} window {}x{}".format(where, *self.window)

    def options(self):
        """The bot's RunOptions for it."""
        from game.session import DEFAULT_SIZE, RunOptions

        seed = WARM_SEED if self.seed is None else self.seed
        return RunOptions(level=self.level, seed=seed, size=self.size or DEFAULT_SIZE, autoplay=True, max_ticks=MAX_TICKS)


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


def stamp_path(renderer: str, environ=os.environ, dream: Dream = Dream()) -> Path:
    """The stamp saying the story's shaders are in the cache for this renderer, this game, this
    shader cache folder and dreams of this shape (see Dream)."""
    key = "\n".join((renderer, __version__, environ.get("MESA_SHADER_CACHE_DIR", ""), environ.get("XDG_CACHE_HOME", ""), dream.shape()))
    return cache_dir() / "shaders" / f"warmed-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def needed(renderer: str, environ=os.environ, dream: Dream = Dream()) -> bool:
    """Whether to start the warmer for `dream`: on Linux (the one system where a window can be
    opened headless, through EGL; a software renderer elsewhere is rare, and its warmer could
    never draw), on a software renderer, with Mesa's cache on, its shape not yet stamped."""
    return (sys.platform.startswith("linux") and software(renderer) and not mesa_cache_disabled(environ)
            and not stamp_path(renderer, environ, dream).exists())


def own_command() -> list[str]:
    """How to start this game again: the bundle's program, or this Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "game"]


class Warmer:
    """The second process while it runs, dreaming `dream`; `stop` ends it (the game's window
    closing, or the player's dream changing shape)."""

    def __init__(self, process: subprocess.Popen, dream: Dream):
        self.process = process
        self.dream = dream

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


def dream_of(run, window: tuple[int, int]) -> Dream:
    """The dream of `run` (its level and seed: the player's own) in a window of `window` px."""
    from game.session import DEFAULT_SIZE

    ref = run.level_ref
    if ref.get("kind") == "file":
        return Dream(seed=run.seed, level=ref["path"], window=window)
    return Dream(seed=run.seed, size=ref.get("size", DEFAULT_SIZE), window=window)


def start(renderer: str, dream: Dream = Dream(), environ=os.environ) -> Warmer | None:
    """Start `flawed warm-shaders` dreaming `dream` if this renderer needs it and no warmer of a
    dream of its shape has run to its end before; None if not needed or it cannot be started
    (the game plays on, compiling as it draws)."""
    if not needed(renderer, environ, dream):
        return None
    env = dict(environ, ARCADE_HEADLESS="1", FLAWED_SILENT="1")
    try:
        process = subprocess.Popen([*own_command(), "warm-shaders", "--quiet", *dream.args()], env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # (in the game's own session:
        # a process of a session of its own is scheduled as a group of its own, beside the game's, and its lowest priority
        # would count only within that group)
    except OSError:
        return None
    return Warmer(process, dream)


def stand_aside() -> None:
    """The player's game first: this thread (and those it starts after, its GL driver's) at the
    lowest priority and, on Linux, scheduled only on a core nothing else would run on
    (SCHED_IDLE). At nice 19 alone, on a first play the flaw's frames drawn beside the warmer
    were 25 ms at the 95th percentile against 18 ms (see README, how fast it runs)."""
    if hasattr(os, "nice"):
        os.nice(19)
    if hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except OSError:
            pass


def warm(quiet: bool = False, dream: Dream = Dream()) -> int:
    """`flawed warm-shaders`: play the bot's `dream` headless, drawing a few frames of each beat,
    and stamp its shape done. Returns the exit status."""
    parent = os.getppid()
    stand_aside()
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
    atomic_write_text(stamp_path(renderer, os.environ, dream), f"{renderer}\nflawed {__version__}\n{dream.shape()}\n{frames} frames: {' '.join(beats)}\n")
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


def draw_the_story(give_up, dream: Dream = Dream()) -> tuple[str, list[str], int] | None:
    """The bot's dream in a headless window, every frame drawn round each beat's beginning and one
    every DRAW_EVERY ticks: (renderer, the beats drawn in the order drawn, frames drawn), or None
    if `give_up()` said so first. The story from the flaw on is drawn first (its shaders are
    the dearest, and the first the player meets after the backstage, which their own game is
    drawing meanwhile), then the backstage, in a dream played again to the flaw."""
    from game.compat import prepare_arcade

    prepare_arcade(check_gl_calls=False)
    from game.session import Run
    from game.views.play import GameView
    from game.window import open_window

    options = dream.options()
    simulated = Run(options)  # the dream without drawing first (a second): where its beats begin
    simulated.run_to_end()
    simulated.finish()
    turns = [tick for _, tick in simulated.world.story.history]
    flaw = turns[1] - LEAD_IN if len(turns) > 1 else MAX_TICKS  # (the ticks before it: the backstage)
    window = open_window(headless=True, size=dream.window)  # at the game's size: some passes are compiled for the size they are drawn at
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
