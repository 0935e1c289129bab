"""`flawed level test FILE... [--seeds A..B] [-j N] [--junit F] [--heatmap PNG]`: the bot plays levels.

Each level file (or generated backstage, with ``--seeds``) is played headless by the autoplay bot
(``game.playtest``), side by side on ``-j N`` processes with a progress bar on stderr. One line a
level on stdout, in the order given: completed and the ticks each beat took, or where the bot got
stuck. Exit status 0 when every level was completed, 1 when one could not be (or the game failed),
2 when one is not a valid level.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from game.commands.args import EXIT_OK, EXIT_USAGE, ArgumentParser, level_file, seed_int, size_name
from game.errors import UserError

EXIT_NOT_COMPLETED = 1  # a valid level the bot could not finish, or the game failed on one (SPEC §7)
MAX_SEEDS = 100_000
BAR_WIDTH = 30  # characters
BAR_LINES = 20  # without a terminal, the bar is printed this many times over a run, at most


def seed_range(text: str) -> range:
    """'A..B' (both included) as a range of seeds."""
    found = re.fullmatch(r"\s*(\d+)\s*\.\.\s*(\d+)\s*", text)
    if not found:
        raise argparse.ArgumentTypeError(f"expected seeds as A..B (like 1..1000), found {text!r}")
    low, high = (seed_int(part) for part in found.groups())
    if high < low:
        raise argparse.ArgumentTypeError(f"expected A..B with A at most B, found {text!r}")
    if high - low + 1 > MAX_SEEDS:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_SEEDS} seeds, found {high - low + 1}")
    return range(low, high + 1)


def jobs(text: str) -> int:
    """-j N: N processes; 0 means one per core."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (every core) or more, found {value}")
    return value or os.cpu_count() or 1


def test_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=level_file, metavar="FILE", help="Tiled maps, or shipped levels by name")
    parser.add_argument("--seeds", type=seed_range, metavar="A..B", help="also play the backstages generated from seeds A to B")
    parser.add_argument("--size", type=size_name, default="medium", metavar="S|M|L", help="the size of the generated backstages (default medium)")
    parser.add_argument("-j", "--jobs", type=jobs, default=1, metavar="N", help="play N levels side by side (0: one per core)")
    parser.add_argument("--junit", metavar="FILE", help="write the results as JUnit XML")
    parser.add_argument("--heatmap", metavar="PNG", help="draw the level and the bot's route (several levels: PNG's name plus each level's)")


class ProgressBar:
    """How many levels are done, on stderr: redrawn in place on a terminal, a few lines otherwise."""

    def __init__(self, total: int, stream=None):
        self.total, self.stream = total, stream or sys.stderr
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = max(1, total // BAR_LINES)

    def show(self, done: int, failed: int, name: str) -> None:
        if not self.live and done % self.every and done != self.total:
            return
        filled = BAR_WIDTH * done // self.total
        bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{self.total}"
        if failed:
            bar += f", {failed} not completed"
        if self.live:
            print(f"\r{bar} {name[-40:]:<40}", end="" if done < self.total else "\n", file=self.stream, flush=True)
        else:
            print(bar, file=self.stream, flush=True)


class Board:
    """The results as they come in: counted on the progress bar, shown on stdout in the order given."""

    def __init__(self, count: int, summary):
        self.results: list = [None] * count
        self.summary = summary
        self.bar = ProgressBar(count)
        self.done = self.failed = self.shown = 0

    def add(self, index: int, result) -> None:
        self.results[index] = result
        self.done += 1
        self.failed += result.status != "completed"
        self.bar.show(self.done, self.failed, result.subject.name)
        while self.shown < len(self.results) and self.results[self.shown] is not None:
            show(self.results[self.shown], self.summary)
            self.shown += 1


def heatmap_path(out: str, subject, several: bool) -> str:
    if not several:
        return out
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(subject.path).stem if subject.path else subject.name).strip("_")
    base = Path(out)
    return str(base.with_name(f"{base.stem}-{stem}{base.suffix or '.png'}"))


def play_one(job):
    """In a worker: play a subject, draw its heat map if asked; the result without its trail."""
    from game.playtest.play import play  # the worker's own import (a spawned process starts bare)

    subject, heatmap = job
    result = play(subject, keep_trail=heatmap is not None)
    if heatmap is not None and result.trails:
        from game.playtest.heatmap import draw_heatmap

        draw_heatmap(result, heatmap)
    result.trails = []  # drawn: no need to send it back
    return result


def play_all(jobs: list, processes: int, finished) -> None:
    """Play every job, in this process or side by side in `processes`; finished(index, result) as each ends."""
    if processes == 1 or len(jobs) == 1:
        for index, job in enumerate(jobs):
            finished(index, play_one(job))
        return
    with ProcessPoolExecutor(max_workers=min(processes, len(jobs))) as pool:
        futures = {pool.submit(play_one, job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            finished(futures[future], future.result())


def check_outputs(args) -> None:
    for flag, path in (("--junit", args.junit), ("--heatmap", args.heatmap)):
        if path is None:
            continue
        if os.path.isdir(path):
            raise UserError(f"{path}: {flag} needs a file name, found a folder")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            raise UserError(f"{path}: {flag} folder {folder} is not there or not writable")
    if args.heatmap and not args.heatmap.lower().endswith(".png"):
        raise UserError(f"{args.heatmap}: found a {os.path.splitext(args.heatmap)[1] or 'nameless'} file name, expected a .png")


def run_tests(args: argparse.Namespace) -> int:
    # Here, not at the top: the simulation (pymunk) loads only for this command.
    from game.playtest.play import Subject
    from game.playtest.report import summary, write_junit

    subjects = [Subject.file(path) for path in args.files]
    subjects += [Subject.generated(seed, args.size) for seed in (args.seeds or ())]
    if not subjects:
        raise UserError("flawed level test: expected level files or --seeds A..B (see flawed level test --help)")
    check_outputs(args)
    several = len(subjects) > 1
    jobs = [(subject, heatmap_path(args.heatmap, subject, several) if args.heatmap else None) for subject in subjects]
    started = time.perf_counter()
    board = Board(len(jobs), summary)
    play_all(jobs, args.jobs, board.add)
    results = board.results
    if args.junit:
        try:
            write_junit(results, time.perf_counter() - started, args.junit)
        except OSError as error:
            raise UserError(f"{args.junit}: cannot be written ({error.strerror or error})") from None
    if args.heatmap:
        for _, path in jobs:
            if path and os.path.exists(path):
                print(f"heat map: {path}", file=sys.stderr)
    if any(r.status == "error" for r in results):
        return EXIT_USAGE
    return EXIT_OK if all(r.completed for r in results) else EXIT_NOT_COMPLETED


def show(result, summary) -> None:
    """A result's line on stdout; a level's problems, or the game's traceback, on stderr."""
    for line in result.problems:
        print(line, file=sys.stderr)
    if result.crash:
        print(result.crash, end="", file=sys.stderr)
        print("flawed level test: internal error; please report it with the lines above", file=sys.stderr)
    print(summary(result), flush=True)
