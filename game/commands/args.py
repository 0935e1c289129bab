"""What every command shares: exit statuses, an argparse whose mistakes are one line, argument types."""

from __future__ import annotations

import argparse
import os
import sys

from game.errors import UserError
from game.resources import shipped_level
from game.window import MAX_SIDE_PX, MIN_SIDE_PX

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2

SIZE_NAMES = {"s": "small", "small": "small", "m": "medium", "medium": "medium", "l": "large", "large": "large"}


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


def size_name(text: str) -> str:
    size = SIZE_NAMES.get(text.lower())
    if size is None:
        raise argparse.ArgumentTypeError(f"expected small, medium or large (S, M, L), found {text!r}")
    return size


def window_px(text: str) -> tuple[int, int]:
    """A window's size in px, as WIDTHxHEIGHT."""
    try:
        width, height = (int(side) for side in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT in px, such as 1280x720, found {text!r}") from None
    if not (MIN_SIDE_PX <= width <= MAX_SIDE_PX and MIN_SIDE_PX <= height <= MAX_SIDE_PX):
        raise argparse.ArgumentTypeError(f"expected each side from {MIN_SIDE_PX} to {MAX_SIDE_PX} px, found {width}x{height}")
    return width, height


def seed_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to 2^63-1, found {value}")
    return value


def level_file(text: str) -> str:
    """A level given on the command line: a path, or the name of a shipped level (`long_wing.tmj`,
    `long_wing`) from any folder. A name that is neither stays as it is, for the loader to report."""
    if os.path.isfile(text):
        return text
    shipped = shipped_level(text) if text and os.sep not in text and "/" not in text else None
    return str(shipped) if shipped is not None else text


def report(error: UserError) -> int:
    """Print a mistake in the user's input, one line each, on stderr; its exit status."""
    for line in error.lines:
        print(line, file=sys.stderr)
    return EXIT_USAGE


def exit_status(leaving: SystemExit) -> int:
    """The status of an argparse exit (--help and friends)."""
    return leaving.code if isinstance(leaving.code, int) else EXIT_OK
