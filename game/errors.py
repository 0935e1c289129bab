"""Errors meant for people: one line each, saying where, what was found and what was expected."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input (arguments, files). The CLI prints it and exits with 2."""

    def __init__(self, *lines: str):
        super().__init__("\n".join(lines))
        self.lines = list(lines)


class LevelError(UserError):
    """A level file that cannot be played. ``problems`` holds every problem found, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__(*problems)
        self.problems = list(problems)


class ReplayError(UserError):
    """A replay file that is corrupt, truncated or of an unknown version."""


class ReplayDiverged(UserError):
    """A replay whose world no longer matches its recording."""

    def __init__(self, tick: int, expected: str, found: str):
        super().__init__(f"replay diverged at tick {tick}: recorded state hash {expected}, replayed {found}")
        self.tick = tick
