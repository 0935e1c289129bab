"""`flawed level check|export|preview`: level files from the command line.

Exit status 0 when all went well, 2 for bad usage or a bad level (one line per problem on
stderr, never a traceback).
"""

from __future__ import annotations

import os
import sys

from game.cli import EXIT_INTERNAL, EXIT_OK, size_name
from game.cli import EXIT_USAGE as EXIT_BAD
from game.cli import ArgumentParser as Parser
from game.cli import seed_int as seed_number
from game.errors import LevelError, UserError

PREVIEW_SIZE = (1280, 720)  # px


def parser() -> Parser:
    top = Parser(prog="flawed level", description="Check, export and preview Flawed's Tiled levels.")
    commands = top.add_subparsers(dest="command", metavar="{check,export,preview}", parser_class=Parser)
    check = commands.add_parser("check", help="validate level files: exit 0 when all are valid, 2 otherwise")
    check.add_argument("files", nargs="+", metavar="FILE", help="Tiled maps (.tmj, .json, .tmx)")
    export = commands.add_parser("export", help="write a generated backstage as a Tiled map, its tileset beside it")
    export.add_argument("--seed", type=seed_number, default=1, metavar="N", help="the backstage's seed (default 1)")
    export.add_argument("--size", type=size_name, default="medium", metavar="S|M|L", help="small, medium (default) or large")
    export.add_argument("out", metavar="OUT.tmj", help="the map to write (.tmj, .json or .tmx)")
    preview = commands.add_parser("preview", help="render a level headless, lit, to a PNG")
    preview.add_argument("file", metavar="FILE", help="a Tiled map")
    preview.add_argument("out", metavar="OUT.png", help="the picture to write")
    return top


def check_files(files: list[str]) -> int:
    from game.level.tiled import load_level

    status = EXIT_OK
    for name in files:
        try:
            level = load_level(name)
        except LevelError as error:
            for line in error.problems:
                print(line, file=sys.stderr)
            status = EXIT_BAD
            continue
        for line in level.warnings:
            print(f"warning: {line}", file=sys.stderr)
        print(f"{name}: ok ({level.kind}, {level.width}x{level.height} tiles, {len(level.lights)} lights, {len(level.props)} props, {len(level.tools)} tools)")
    return status


def export(seed: int, size: str, out: str) -> int:
    from game.level.generate import generate_backstage
    from game.level.tiled import export_level

    level = generate_backstage(seed, size)
    try:
        written = export_level(level, out)
    except OSError as error:
        raise UserError(f"{out}: cannot be written ({error.strerror or error})") from None
    for path in written:
        print(path)
    return EXIT_OK


def preview(file: str, out: str) -> int:
    from game.level.tiled import load_level

    if not out.lower().endswith(".png"):
        raise UserError(f"{out}: found a {os.path.splitext(out)[1] or 'nameless'} file name, expected a .png")
    level = load_level(file)
    for line in level.warnings:
        print(f"warning: {line}", file=sys.stderr)
    os.environ.setdefault("ARCADE_HEADLESS", "1")  # no window, no display needed
    try:
        from game.render.snapshot import render_level_png
    except ImportError as error:
        print(f"flawed level preview: the headless renderer cannot be loaded ({error}); please report it", file=sys.stderr)
        return EXIT_INTERNAL

    try:
        render_level_png(level, out, size=PREVIEW_SIZE)
    except OSError as error:
        raise UserError(f"{out}: cannot be written ({error.strerror or error})") from None
    print(out)
    return EXIT_OK


def main(argv: list[str]) -> int:
    """Run `flawed level ...` with the arguments after `level`; returns the exit status."""
    try:
        args = parser().parse_args(argv)
        if args.command == "check":
            return check_files(args.files)
        if args.command == "export":
            return export(args.seed, args.size, args.out)
        if args.command == "preview":
            return preview(args.file, args.out)
        raise UserError("flawed level: expected a command: check, export or preview (see flawed level --help)")
    except UserError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return EXIT_BAD
    except SystemExit as leaving:  # --help
        return leaving.code if isinstance(leaving.code, int) else EXIT_OK
