"""The bundle's entry point: the same `flawed` command as the installed game's."""

import multiprocessing
import sys

from game.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `flawed level test -j N` starts worker processes from the bundle itself
    sys.exit(main())
