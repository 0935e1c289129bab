"""`flawed level check|export|preview|list|kit|test`: level files from the command line.

Exit status 0 when all went well, 2 for bad usage or a bad level (one line per problem on
stderr, never a traceback). Each subcommand is one ``Command`` in ``COMMANDS``: a function that
adds its arguments and one that runs it. Adding a subcommand is those two functions and a line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from game.commands.args import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ArgumentParser, exit_status, level_file, report, seed_int, size_name
from game.commands.playtest import run_tests, test_arguments
from game.errors import LevelError, UserError
from game.level import kit, tileset
from game.level.generate import generate_backstage
from game.level.tiled import export_level, load_level
from game.resources import shipped_level_files, shipped_levels



@dataclass(frozen=True)
class Command:
    """One `flawed level` subcommand."""

    name: str
    help: str  # one line in `flawed level --help`
    arguments: Callable[[ArgumentParser], None]  # adds the subcommand's arguments to its parser
    run: Callable[[argparse.Namespace], int]  # does the work; returns the exit status


# -- check ----------------------------------------------------------------------------------


def check_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=level_file, metavar="FILE", help="Tiled maps (.tmj, .json, .tmx), or shipped levels by name")


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
    parser.add_argument("file", type=level_file, metavar="FILE", help="a Tiled map, or a shipped level by name")
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


# -- list -----------------------------------------------------------------------------------


def list_arguments(parser: ArgumentParser) -> None:
    pass  # none: it lists what ships with the game


def list_levels(args: argparse.Namespace) -> int:
    """One shipped level a line: its file name (what `flawed --level` takes), its title, its kind and size."""
    files = shipped_level_files()
    width = max((len(path.name) for path in files), default=0)
    status = EXIT_OK
    for path in files:
        try:
            level = load_level(path)
        except LevelError as error:  # a broken install: say so, list the rest
            report(error)
            status = EXIT_USAGE
            continue
        print(f"{path.name:<{width}}  {level.title} ({level.kind}, {level.width}x{level.height} tiles)")
    return status


# -- kit ------------------------------------------------------------------------------------


def kit_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("folder", metavar="FOLDER", help="where to make levels (made if it is not there)")


def copy_kit(args: argparse.Namespace) -> int:
    """The Tiled kit (project, object types, templates) and the tileset, into a folder of the author's."""
    folder = Path(args.folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = kit.write(folder)
        for name in (tileset.PNG, tileset.TSJ, tileset.TSX):
            shutil.copyfile(shipped_levels() / name, folder / name)
            written.append(folder / name)
    except OSError as error:
        raise UserError(f"{args.folder}: the kit cannot be written there ({error.strerror or error})") from None
    for path in written:
        print(path)
    print(f"open {folder / kit.PROJECT} in Tiled (Project > Open Project...), then place objects from its templates", file=sys.stderr)
    return EXIT_OK


# -- the whole ------------------------------------------------------------------------------

COMMANDS = (
    Command("check", "validate level files: exit 0 when all are valid, 2 otherwise", check_arguments, check),
    Command("export", "write a generated backstage as a Tiled map, its tileset beside it", export_arguments, export),
    Command("preview", "render a level headless, lit, to a PNG", preview_arguments, preview),
    Command("list", "the shipped levels, one a line, file name first (flawed --level takes the name)", list_arguments, list_levels),
    Command("kit", "copy the Tiled kit (project, object types, templates, tileset) into a folder", kit_arguments, copy_kit),
    Command("test", "the bot plays each level headless: exit 0 all completed, 1 one was not, 2 a level error", test_arguments, run_tests),
)


def print_warnings(level) -> None:
    for line in level.warnings:
        print(f"warning: {line}", file=sys.stderr)


def listed() -> str:
    """The subcommands' names as prose: 'check, export or preview'."""
    *rest, last = [command.name for command in COMMANDS]
    return f"{', '.join(rest)} or {last}" if rest else last


def parser() -> ArgumentParser:
    top = ArgumentParser(prog="flawed level", description="Check, export, preview, list and test Flawed's Tiled levels.")
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
