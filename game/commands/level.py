"""`flawed level check|export|preview`: level files from the command line.

Exit status 0 when all went well, 2 for bad usage or a bad level (one line per problem on
stderr, never a traceback). Each subcommand is one ``Command`` in ``COMMANDS``: a function that
adds its arguments and one that runs it. Adding a subcommand is those two functions and a line.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Callable

from game.commands.args import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ArgumentParser, exit_status, report, seed_int, size_name
from game.errors import LevelError, UserError
from game.level.generate import generate_backstage
from game.level.tiled import export_level, load_level



@dataclass(frozen=True)
class Command:
    """One `flawed level` subcommand."""

    name: str
    help: str  # one line in `flawed level --help`
    arguments: Callable[[ArgumentParser], None]  # adds the subcommand's arguments to its parser
    run: Callable[[argparse.Namespace], int]  # does the work; returns the exit status


# -- check ----------------------------------------------------------------------------------


def check_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="Tiled maps (.tmj, .json, .tmx)")


def check(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.files:
        try:
            level = load_level(name)
        except LevelError as error:
            report(error)
            status = EXIT_USAGE
            continue
        print_warnings(level)
        print(f"{name}: ok ({level.kind}, {level.width}x{level.height} tiles, {len(level.lights)} lights, {len(level.props)} props, {len(level.tools)} tools)")
    return status


# -- export ---------------------------------------------------------------------------------


def export_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--seed", type=seed_int, default=1, metavar="N", help="the backstage's seed (default 1)")
    parser.add_argument("--size", type=size_name, default="medium", metavar="S|M|L", help="small, medium (default) or large")
    parser.add_argument("out", metavar="OUT.tmj", help="the map to write (.tmj, .json or .tmx)")


def export(args: argparse.Namespace) -> int:
    level = generate_backstage(args.seed, args.size)
    try:
        written = export_level(level, args.out)
    except OSError as error:
        raise UserError(f"{args.out}: cannot be written ({error.strerror or error})") from None
    for path in written:
        print(path)
    return EXIT_OK


# -- preview --------------------------------------------------------------------------------


def preview_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a Tiled map")
    parser.add_argument("out", metavar="OUT.png", help="the picture to write")


def preview(args: argparse.Namespace) -> int:
    out = args.out
    if not out.lower().endswith(".png"):
        raise UserError(f"{out}: found a {os.path.splitext(out)[1] or 'nameless'} file name, expected a .png")
    level = load_level(args.file)
    print_warnings(level)
    os.environ.setdefault("ARCADE_HEADLESS", "1")  # no window, no display needed
    try:
        # Here, not at the top: the renderer pulls in arcade, which `level check` should not wait for.
        from game.render.snapshot import render_level_png
    except ImportError as error:
        print(f"flawed level preview: the headless renderer cannot be loaded ({error}); please report it", file=sys.stderr)
        return EXIT_INTERNAL
    try:
        render_level_png(level, out)  # in the level's own proportions
    except OSError as error:
        raise UserError(f"{out}: cannot be written ({error.strerror or error})") from None
    print(out)
    return EXIT_OK


# -- the whole ------------------------------------------------------------------------------

COMMANDS = (
    Command("check", "validate level files: exit 0 when all are valid, 2 otherwise", check_arguments, check),
    Command("export", "write a generated backstage as a Tiled map, its tileset beside it", export_arguments, export),
    Command("preview", "render a level headless, lit, to a PNG", preview_arguments, preview),
)


def print_warnings(level) -> None:
    for line in level.warnings:
        print(f"warning: {line}", file=sys.stderr)


def listed() -> str:
    """The subcommands' names as prose: 'check, export or preview'."""
    *rest, last = [command.name for command in COMMANDS]
    return f"{', '.join(rest)} or {last}" if rest else last


def parser() -> ArgumentParser:
    top = ArgumentParser(prog="flawed level", description="Check, export and preview Flawed's Tiled levels.")
    metavar = "{" + ",".join(command.name for command in COMMANDS) + "}"
    subcommands = top.add_subparsers(dest="command", metavar=metavar, parser_class=ArgumentParser)
    for command in COMMANDS:
        command.arguments(subcommands.add_parser(command.name, help=command.help))
    return top


def main(argv: list[str]) -> int:
    """Run `flawed level ...` with the arguments after `level`; returns the exit status."""
    try:
        args = parser().parse_args(argv)
        for command in COMMANDS:
            if command.name == args.command:
                return command.run(args)
        raise UserError(f"flawed level: expected a command: {listed()} (see flawed level --help)")
    except UserError as error:
        return report(error)
    except SystemExit as leaving:  # --help
        return exit_status(leaving)
