"""The command line: `flawed` plays; `flawed level check|export|preview` works on level files.

Exit status: 0 done, 2 bad usage or bad input (one clear line per problem), 1 internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from game.errors import UserError

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2
REPORT_URL = "please report it with the lines above"


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit status 2."""

    def error(self, message: str):
        raise UserError(f"{self.prog}: {message} (see {self.prog} --help)")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0, found {value}")
    return value


SIZE_NAMES = {"s": "small", "small": "small", "m": "medium", "medium": "medium", "l": "large", "large": "large"}


def size_name(text: str) -> str:
    size = SIZE_NAMES.get(text.lower())
    if size is None:
        raise argparse.ArgumentTypeError(f"expected small, medium or large (S, M, L), found {text!r}")
    return size


def seed_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to 2^63-1, found {value}")
    return value


def play_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="flawed",
        description="Play Flawed. (`flawed level --help` for level files.)",
    )
    parser.add_argument("--level", metavar="FILE", help="play a Tiled level file (.tmj, .json, .tmx)")
    parser.add_argument("--seed", type=seed_int, metavar="N", help="seed for the generated backstage and the masterpiece")
    parser.add_argument("--size", type=size_name, default="medium", metavar="S|M|L", help="size of a generated backstage")
    parser.add_argument("--fullscreen", action="store_true", help="play full screen")
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
    if args.no_render and (args.screenshots or args.fullscreen or args.headless):
        raise UserError("flawed: --no-render draws nothing; drop --screenshots/--fullscreen/--headless")
    if args.level and not os.path.isfile(args.level):
        raise UserError(f"{args.level}: no such level file")
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
    from game.app import play_windowed

    return play_windowed(options, fullscreen=args.fullscreen, headless=args.headless)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "level":
            from game.level.commands import main as level_main

            return level_main(argv[1:])
        return play(argv)
    except UserError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except SystemExit as leaving:  # --help and friends
        return leaving.code if isinstance(leaving.code, int) else EXIT_OK
    except Exception:
        traceback.print_exc()
        print(f"flawed: internal error; {REPORT_URL}", file=sys.stderr)
        return EXIT_INTERNAL
