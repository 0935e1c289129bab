"""A run of the game: its level and world, where its actions come from, what it records and reports.

The same ``Run`` drives the window (``views/play.py``) and the simulation-only loop
(``--no-render``), so both behave alike tick for tick.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

from game.errors import ReplayError, UserError
from game.level.model import Level
from game.sim.actions import IDLE, Actions
from game.sim.events import BeatChanged
from game.sim.world import SimSettings, World
from game.storage import atomic_write_text

DEFAULT_SIZE = "medium"


@dataclass
class RunOptions:
    level: str | None = None  # a Tiled level file; None → a generated backstage
    seed: int | None = None
    size: str = DEFAULT_SIZE
    autoplay: bool = False
    record: str | None = None
    replay: str | None = None
    max_ticks: int | None = None
    report: str | None = None
    screenshots: str | None = None
    settings: SimSettings = SimSettings()
    resume: object | None = None  # a game.progress.Progress to continue from (the title's Continue)
    save_progress: bool = False  # save progress at each beat boundary (a player's own game)


def new_seed() -> int:
    """A fresh seed for a new game: from the OS, never from the global random."""
    return random.SystemRandom().randrange(1, 2**31)


def load_level_file(path: str | Path) -> Level:
    from game.level.tiled import load_level

    return load_level(path)


def generated_level(seed: int, size: str = DEFAULT_SIZE) -> Level:
    from game.level.generate import generate_backstage

    return generate_backstage(seed, size)


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Run:
    """One playthrough: a world, its source of actions, and its recording and report."""

    def __init__(self, options: RunOptions):
        self.options = options
        self.replay = None
        self.ticks_before = 0  # ticks played before a resumed game's save
        if options.resume is not None:
            progress = options.resume
            seed, settings, ref = progress.seed, SimSettings.from_json(progress.settings), progress.level
            try:
                level = self._level_from_ref(ref, seed)
            except ReplayError as error:  # the same checks, but this is a saved game, not a replay
                why = str(error).split(": ", 1)[-1].replace("the replay's ", "its ")
                raise UserError(f"saved game: {why}") from None
        elif options.replay:
            from game import replay as replays

            self.replay = replays.load(options.replay)
            seed, settings, ref = self.replay.seed, self.replay.settings, self.replay.level
            level = self._level_from_ref(ref, seed)
        else:
            settings = options.settings
            if options.level:
                level = load_level_file(options.level)
                seed = options.seed if options.seed is not None else level.seed
                ref = {"kind": "file", "path": str(options.level), "sha256": file_digest(options.level)}
            else:
                seed = options.seed if options.seed is not None else new_seed()
                level = generated_level(seed, options.size)
                ref = {"kind": "generated", "size": options.size}
        self.seed, self.level_ref, self.settings = seed, ref, settings
        if options.resume is not None:
            from game.progress import resumed_world

            self.ticks_before = options.resume.ticks
            self.world = resumed_world(level, seed, settings, options.resume)
        elif level.kind == "vortex":  # a vortex level on its own: the dream begins at the vortex
            from game.sim.story import Beat

            self.world = World(level, seed=seed, settings=settings, start=Beat.VORTEX)
        else:
            if level.source:  # a backstage that names its vortex level: check it now, not at the end
                from game.level.vortex import vortex_file_for, vortex_level_for

                if vortex_file_for(level) is not None:
                    vortex_level_for(level, seed)
            self.world = World(level, seed=seed, settings=settings)
        self._replay_actions = self.replay.actions_for() if self.replay else None
        self.recorder = None
        if options.record:
            from game.replay import Recorder

            self.recorder = Recorder(seed, ref, settings)
        self.bot = None
        if options.autoplay and not self.replay:
            from game.bot import Bot

            self.bot = Bot(self.world)

    def _level_from_ref(self, ref: dict, seed: int) -> Level:
        if ref["kind"] == "generated":  # both loaders have checked the reference (replay.check_level_ref)
            return generated_level(seed, ref.get("size", DEFAULT_SIZE))
        path = ref.get("path")
        if not isinstance(path, str) or not Path(path).is_file():
            raise ReplayError(f"{self.options.replay}: the replay's level file {path!r} is not there")
        if ref.get("sha256") and file_digest(path) != ref["sha256"]:
            raise ReplayError(f"{self.options.replay}: the level file {path} has changed since the replay was recorded")
        return load_level_file(path)

    @property
    def done(self) -> bool:
        if self.world.story.completed:
            return True
        if self.replay is not None and self.world.tick >= self.replay.ticks:
            return True
        return self.options.max_ticks is not None and self.world.tick >= self.options.max_ticks

    def next_actions(self, player: Actions = IDLE) -> Actions:
        """The actions for the coming tick: the replay's, the bot's, or the player's."""
        if self._replay_actions is not None:
            return next(self._replay_actions, IDLE)
        if self.bot is not None:
            return self.bot.actions()
        return player

    def step(self, player: Actions = IDLE) -> list:
        actions = self.next_actions(player)
        if self.recorder:
            self.recorder.record(self.world.tick, actions)
        events = self.world.step(actions)
        if self.recorder:
            self.recorder.after_step(self.world)
        if self.replay is not None:
            from game.replay import verify

            verify(self.replay, self.world)
        if self.options.save_progress and (self.world.story.completed or any(isinstance(e, BeatChanged) for e in events)):
            from game import progress

            if self.world.story.completed:  # the dream is over: nothing left to continue
                progress.clear_progress()
            else:
                progress.save_progress(self)
        return events

    def run_to_end(self) -> None:
        """The simulation-only loop (--no-render)."""
        if self.bot is None and self.replay is None and self.options.max_ticks is None:
            raise UserError("--no-render needs --autoplay, --replay or --max-ticks (nobody would be playing)")
        while not self.done:
            self.step()

    def report_data(self) -> dict:
        world = self.world
        return {
            "completed": world.story.completed,
            "beats": [{"beat": beat.value, "tick": tick} for beat, tick in world.story.history],
            "ticks": world.tick,
            "state_hash": world.state_hash(),
            "seed": self.seed,
            "level": self.level_ref.get("path") or f"generated:{self.level_ref.get('size', DEFAULT_SIZE)}",
            "attempts": world.stats.attempts,
        }

    def finish(self) -> None:
        """Write what was asked for: the recording and the report."""
        try:
            if self.recorder and self.options.record:
                self.recorder.finish(self.world, self.options.record)
            if self.options.report:
                atomic_write_text(self.options.report, json.dumps(self.report_data(), indent=2) + "\n")
        except OSError as error:  # the folder went away or the disk filled during the run
            raise UserError(f"{error.filename or 'output'}: cannot be written ({error.strerror or error})") from None
