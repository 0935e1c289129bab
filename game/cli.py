"""The command line: `flawed` plays; `flawed level check|export|preview` works on level files;
`flawed warm-shaders` compiles the story's shaders ahead on software OpenGL (see game.render.warmup).

Exit status: 0 done, 2 bad usage or bad input (one clear line per problem), 1 internal error.
"""

from __future__ import annotations

import atexit
import faulthandler
import gc
import os
import sys
import traceback

from game import __version__
from game.commands.args import EXIT_INTERNAL, EXIT_OK, ArgumentParser, exit_status, level_file, positive_int, report, seed_int, size_name, window_px
from game.errors import UserError
from game.window import WINDOW_SIZE

REPORT_URL = "please report it with the lines above"


def play_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="flawed",
        description="Play Flawed. (`flawed level --help` for level files; `flawed warm-shaders` compiles the shaders ahead.)",
    )
    parser.add_argument("--version", action="version", version=f"flawed {__version__}")
    parser.add_argument("--level", type=level_file, metavar="FILE", help="play a Tiled level file (.tmj, .json, .tmx), or a shipped level by name (flawed level list)")
    parser.add_argument("--seed", type=seed_int, metavar="N", help="seed for the generated backstage and the masterpiece")
    parser.add_argument("--size", type=size_name, default="medium", metavar="S|M|L", help="size of a generated backstage")
    parser.add_argument("--fullscreen", action="store_true", help="play full screen")
    parser.add_argument("--window", type=window_px, metavar="WxH", help=f"the window's size in px (default: {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]})")
    parser.add_argument("--headless", action="store_true", help="render without a visible window (EGL, no display needed)")
    parser.add_argument("--autoplay", action="store_true", help="the built-in player bot plays the whole story")
    parser.add_argument("--record", metavar="FILE", help="record this run's actions to a replay file")
    parser.add_argument("--replay", metavar="FILE", help="play back a replay file from tick 0")
    parser.add_argument("--max-ticks", type=positive_int, metavar="N", help="stop after N ticks of 1/60 s")
    parser.add_argument("--no-render", action="store_true", help="simulation only (with --autoplay, --replay or --max-ticks)")
    parser.add_argument("--screenshots", metavar="DIR", help="save a PNG at each beat")
    parser.add_argument("--report", metavar="FILE", help="write a JSON report of the run")
    parser.add_argument("--reduce-flicker", action="store_true", help="keep light changes under 3 flashes a second")
    parser.add_argument("--reduce-motion", action="store_true", help="no shake, a slow and gentle vortex")
    return parser


def check_combinations(args) -> None:
    if args.replay and (args.autoplay or args.record or args.level or args.seed is not None):
        raise UserError("flawed: --replay takes the seed, level and actions from the replay file; drop --autoplay/--record/--level/--seed")
    if args.no_render and not (args.autoplay or args.replay or args.max_ticks):
        raise UserError("flawed: --no-render needs --autoplay, --replay or --max-ticks (nobody would be playing)")
    if args.no_render and (args.screenshots or args.fullscreen or args.headless or args.window):
        raise UserError("flawed: --no-render draws nothing; drop --screenshots/--fullscreen/--headless/--window")
    if args.level and os.path.isdir(args.level):
        raise UserError(f"{args.level}: found a folder, expected a Tiled level file (.tmj, .json or .tmx)")
    if args.level and not os.path.exists(args.level):
        raise UserError(f"{args.level}: no such level file, nor a shipped level (see flawed level list)")
    check_outputs(args)


def check_outputs(args) -> None:
    """Where the run will write must be writable now, not found out after a whole dream."""
    if args.screenshots:
        try:
            os.makedirs(args.screenshots, exist_ok=True)
        except OSError as error:
            raise UserError(f"{args.screenshots}: --screenshots folder cannot be made ({error.strerror or error})") from None
        if not os.access(args.screenshots, os.W_OK):
            raise UserError(f"{args.screenshots}: --screenshots folder is not writable")
    for flag, path in (("--record", args.record), ("--report", args.report)):
        if not path:
            continue
        if os.path.isdir(path):
            raise UserError(f"{path}: {flag} needs a file name, found a folder")
        folder = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            raise UserError(f"{path}: {flag} folder cannot be made ({error.strerror or error})") from None
        if not os.access(folder, os.W_OK):
            raise UserError(f"{path}: {flag} folder {folder} is not writable")


def play(argv: list[str]) -> int:
    args = play_parser().parse_args(argv)
    check_combinations(args)
    # Here, not at the top: the world (pymunk) loads only to play, so `flawed level ...` starts without it.
    from game.session import Run, RunOptions
    from game.sim.world import SimSettings

    options = RunOptions(
        level=args.level,
        seed=args.seed,
        size=args.size,
        autoplay=args.autoplay,
        record=args.record,
        replay=args.replay,
        max_ticks=args.max_ticks,
        report=args.report,
        screenshots=args.screenshots,
        settings=SimSettings(reduce_flicker=args.reduce_flicker, reduce_motion=args.reduce_motion),
        # Only a person's own game is saved for Continue; bots, replays and tests leave it alone.
        save_progress=not (args.autoplay or args.replay or args.no_render or args.headless or args.max_ticks),
    )
    if args.no_render:
        run = Run(options)
        run.run_to_end()
        run.finish()
        return EXIT_OK
    if args.headless:
        os.environ["ARCADE_HEADLESS"] = "1"  # must be set before arcade is imported
    from game.app import play_windowed  # imports arcade: only now, after ARCADE_HEADLESS is decided

    return play_windowed(options, fullscreen=args.fullscreen, headless=args.headless, size=args.window or WINDOW_SIZE)


def warm_shaders(argv: list[str]) -> int:
    parser = ArgumentParser(prog="flawed warm-shaders", description="Compile the shaders the story draws with into Mesa's shader cache, "
                            "headless (the game starts this by itself on its first run on software OpenGL).")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    parser.add_argument("--level", type=level_file, metavar="FILE", help="dream this Tiled level file, or a shipped level by name")
    parser.add_argument("--seed", type=seed_int, metavar="N", help="dream this seed (default: the warmer's own)")
    parser.add_argument("--size", type=size_name, metavar="S|M|L", help="size of the generated backstage dreamt (default: medium)")
    parser.add_argument("--window", type=window_px, default=WINDOW_SIZE, metavar="WxH", help=f"the size in px of the window dreamt in (default: {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]})")
    args = parser.parse_args(argv)
    from game.render.warmup import Dream, warm  # (it opens its window headless)

    return warm(quiet=args.quiet, dream=Dream(seed=args.seed, level=args.level, size=args.size, window=args.window))


def leave_without_collecting() -> None:
    """At exit, let the operating system free the memory: Python's last full collection walks every
    object a played game made (about a quarter of a second) only to free what is freed anyway."""
    atexit.unregister(gc.freeze)  # once, however often main() runs in one process
    atexit.register(gc.freeze)


def say_where_a_crash_happened() -> None:
    """Should a library the game calls crash the process (OpenGL's driver, the allocator finding its
    heap corrupt), Python's stack of every thread is written to stderr as it goes (faulthandler):
    where in the game it happened, for the report. Not where there is no stderr to write to (a
    windowed bundle)."""
    if faulthandler.is_enabled() or sys.stderr is None:
        return
    try:
        faulthandler.enable(all_threads=True)
    except (AttributeError, RuntimeError, ValueError, OSError):  # (a stderr that is not a file)
        pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    leave_without_collecting()
    say_where_a_crash_happened()
    try:
        if argv and argv[0] == "level":
            from game.commands import level  # here: its tools (numpy, the Tiled kit, the test runner) load only for it

            return level.main(argv[1:])
        if argv and argv[0] == "warm-shaders":
            return warm_shaders(argv[1:])
        return play(argv)
    except UserError as error:
        return report(error)
    except KeyboardInterrupt:
        return 130
    except SystemExit as leaving:  # --help and friends
        return exit_status(leaving)
    except Exception:
        traceback.print_exc()
        print(f"flawed: internal error; {REPORT_URL}", file=sys.stderr)
        return EXIT_INTERNAL
