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

from game import progress
from game import replay as replays
from game.bot import Bot
from game.errors import ReplayError, UserError
from game.level.generate import generate_backstage
from game.level.model import Level
from game.level.schema import MAX_FILE_BYTES
from game.level.tiled import load_level
from game.sim.actions import IDLE, Actions
from game.sim.events import BeatChanged
from game.sim.story import Beat
from game.sim.world import SimSettings, World
from game.storage import atomic_write_text, set_aside
from game.userfile import FileProblem, read_bytes

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
    resume: progress.Progress | None = None  # a saved game to continue from (the title's Continue)
    save_progress: bool = False  # save progress at each beat boundary (a player's own game)


def new_seed() -> int:
    """A fresh seed for a new game: from the OS, never from the global random."""
    return random.SystemRandom().randrange(1, 2**31)


def file_digest(path: str | Path) -> str:
    """The sha256 of a level file, read only if it is a regular file within the level size limit
    (FileNotFoundError, or FileProblem saying what it is instead)."""
    return hashlib.sha256(read_bytes(path, MAX_FILE_BYTES)).hexdigest()


@dataclass(frozen=True)
class Start:
    """Where a run begins: its level and seed, the settings the simulation runs with, the level
    reference a replay or a save keeps, and (for Continue) the saved world and ticks before it."""

    level: Level
    seed: int
    settings: SimSettings
    ref: dict
    resume: dict | None = None  # World.save() of the saved game
    ticks_before: int = 0

    def world(self) -> World:
        # A vortex level on its own: the dream begins at the vortex.
        start = Beat.VORTEX if self.level.kind == "vortex" and self.resume is None else None
        return World(self.level, seed=self.seed, settings=self.settings, start=start, resume=self.resume)


def fresh_start(options: RunOptions) -> Start:
    """A new dream: a level file, or a backstage generated from the seed."""
    if not options.level:
        seed = options.seed if options.seed is not None else new_seed()
        return Start(generate_backstage(seed, options.size), seed, options.settings, {"kind": "generated", "size": options.size})
    level = load_level(options.level)  # with the vortex level it leads to, checked now, not at the end
    seed = options.seed if options.seed is not None else level.seed
    try:
        digest = file_digest(options.level)
    except (OSError, FileProblem) as problem:  # it went away, or was swapped, since it loaded a moment ago
        raise UserError(f"{options.level}: cannot be read again ({problem})") from None
    return Start(level, seed, options.settings, {"kind": "file", "path": str(options.level), "sha256": digest})


def replayed_start(replay, path: str) -> Start:
    """The world a replay was recorded in, rebuilt from its level reference."""
    level = level_from_ref(replay.level, replay.seed, path, "the replay's", "the replay was recorded", ReplayError)
    return Start(level, replay.seed, replay.settings, replay.level)


def resumed_start(progress) -> Start:
    """A saved game, at the beginning of its beat."""
    settings = SimSettings.from_json(progress.settings)
    level = level_from_ref(progress.level, progress.seed, "saved game", "its", "the game was saved", UserError)
    return Start(level, progress.seed, settings, progress.level, resume=progress.world, ticks_before=progress.ticks)


def level_from_ref(ref: dict, seed: int, source: str, owner: str, kept: str, error: type[UserError]) -> Level:
    """The level a replay or a saved game names (both loaders have checked the reference itself).

    Errors name the `source` (the replay's path, "saved game"), the level as `owner`'s ("the
    replay's") and when the reference was `kept` ("the replay was recorded")."""
    if ref["kind"] == "generated":
        return generate_backstage(seed, ref.get("size", DEFAULT_SIZE))
    path = ref.get("path")
    try:
        digest = file_digest(path)
    except FileNotFoundError:
        raise error(f"{source}: {owner} level file {path!r} is not there") from None
    except FileProblem as problem:
        raise error(f"{source}: {owner} level file {path}: {problem.message}") from None
    if ref.get("sha256") and digest != ref["sha256"]:
        raise error(f"{source}: the level file {path} has changed since {kept}")
    return load_level(path)


class Run:
    """One playthrough: a world, its source of actions, and its recording and report."""

    def __init__(self, options: RunOptions):
        self.options = options
        self.replay = replays.load(options.replay) if options.replay else None
        if options.resume is not None:
            start = resumed_start(options.resume)
        elif self.replay is not None:
            start = replayed_start(self.replay, options.replay)
        else:
            start = fresh_start(options)
        self.seed, self.level_ref, self.settings, self.ticks_before = start.seed, start.ref, start.settings, start.ticks_before
        try:
            self.world = start.world()
        except ValueError as error:  # a saved world that does not fit its level (World.restore)
            if options.resume is not None and options.save_progress:
                # The player's own save: set aside, so Continue does not offer it again and again.
                raise UserError(set_aside(progress.progress_path(), f"not a saved game that fits its level ({error})")) from None
            raise UserError(f"saved game: {error}") from None
        self._replay_actions = self.replay.actions_for() if self.replay else None
        self.recorder = replays.Recorder(self.seed, self.level_ref, self.settings) if options.record else None
        self.bot = Bot(self.world) if options.autoplay and not self.replay else None
        self.notices: list[str] = []  # for the player, once each (see take_notices)
        self.progress_unsaved = False  # a save failed: said once, tried again at each beat

    def change_settings(self, settings: SimSettings) -> None:
        """The player changed reduce flicker/motion: the world takes it at its next tick — unless a
        replay records or plays this run, which must keep the settings it started with."""
        if self.recorder is None and self.replay is None and settings != self.world.settings:
            self.world.change_settings(settings)

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
            replays.verify(self.replay, self.world)
        if self.options.save_progress and (self.world.story.completed or any(isinstance(e, BeatChanged) for e in events)):
            self.keep_progress()
        return events

    def keep_progress(self) -> None:
        """Save at a beat boundary (clear at the end). A disk that is full or a folder that is
        read-only is said once, in `notices`, and play goes on: a save never stops the dream."""
        try:
            if self.world.story.completed:  # the dream is over: nothing left to continue
                progress.clear_progress()
            else:
                progress.save_progress(self)
        except OSError as error:
            if not self.progress_unsaved:
                self.progress_unsaved = True
                self.notices.append(f"progress cannot be saved ({error.strerror or error}); playing on without Continue")

    def take_notices(self) -> list[str]:
        """What the player should be told once (a save that failed), emptied as it is taken."""
        notices, self.notices = self.notices, []
        return notices

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
