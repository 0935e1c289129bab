"""Replays: record a run's seed, level, settings and per-tick actions; play it back from tick 0.

The file is JSON (see README "Replays"), versioned by ``format`` and ``version``:

    {"format": "flawed-replay", "version": 1,
     "seed": 7, "level": {"kind": "generated", "size": "medium"} | {"kind": "file", "path": "...", "sha256": "..."},
     "settings": {"reduce_flicker": false, "reduce_motion": false},
     "ticks": 900,
     "actions": [[0, [[1.0, 0.0], ["interact"]]], [45, [[0.0, 0.0], []]], ...],
     "hashes": [[60, "ab12..."], [120, "..."], ..., [900, "..."]]}

``actions`` holds only the ticks where the actions change; each applies until the next.
``hashes`` holds the world's state hash after every ``HASH_INTERVAL`` ticks and at the end.
A replay rebuilds the world from tick 0: pymunk keeps hidden contact state, so restoring a
snapshot would not reproduce the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from game.errors import ReplayDiverged, ReplayError
from game.level.generate import SIZES
from game.sim.actions import IDLE, Actions
from game.sim.world import HASH_INTERVAL, SimSettings
from game.storage import atomic_write_text
from game.userfile import MIB, FileProblem, JsonLimits, brief, read_json

FORMAT = "flawed-replay"
VERSION = 1
# Limits, checked before the work they bound: two hours of play, and a file that can hold them
# with the actions changing every tick. A replay also needs a hash every HASH_INTERVAL ticks, so
# its length is paid for in its own bytes (a short file cannot ask for a long run).
MAX_TICKS = 2 * 60 * 60 * 60
REPLAY_JSON = JsonLimits(max_bytes=16 * MIB, max_containers=4 * MAX_TICKS + MAX_TICKS // HASH_INTERVAL + 64, max_depth=8)


@dataclass
class Replay:
    seed: int
    level: dict
    settings: SimSettings
    ticks: int = 0
    changes: list[tuple[int, Actions]] = field(default_factory=list)
    hashes: dict[int, str] = field(default_factory=dict)

    def actions_for(self):
        """Yield the actions of every tick in order."""
        current = IDLE
        pending = iter(self.changes)
        upcoming = next(pending, None)
        for tick in range(self.ticks):
            while upcoming is not None and upcoming[0] == tick:
                current = upcoming[1]
                upcoming = next(pending, None)
            yield current

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "seed": self.seed,
            "level": self.level,
            "settings": self.settings.to_json(),
            "ticks": self.ticks,
            "actions": [[tick, act.to_json()] for tick, act in self.changes],
            "hashes": [[tick, digest] for tick, digest in sorted(self.hashes.items())],
        }

    def save(self, path: Path | str) -> None:
        atomic_write_text(path, json.dumps(self.to_json(), separators=(",", ":")) + "\n")


class Recorder:
    """Collects actions as the game runs; call ``record`` before and ``after_step`` after each step."""

    def __init__(self, seed: int, level: dict, settings: SimSettings):
        self.replay = Replay(seed, level, settings)
        self._last: Actions | None = None

    def record(self, tick: int, actions: Actions) -> None:
        actions = actions.for_sim()
        if actions != self._last:
            self.replay.changes.append((tick, actions))
            self._last = actions

    def after_step(self, world) -> None:
        self.replay.ticks = world.tick
        if world.tick % HASH_INTERVAL == 0:
            self.replay.hashes[world.tick] = world.state_hash()

    def finish(self, world, path: Path | str) -> None:
        self.replay.ticks = world.tick
        self.replay.hashes[world.tick] = world.state_hash()
        self.replay.save(path)


def verify(replay: Replay, world) -> None:
    """Raise ReplayDiverged if the world's hash at this tick differs from the recording."""
    expected = replay.hashes.get(world.tick)
    if expected is not None:
        found = world.state_hash()
        if found != expected:
            raise ReplayDiverged(world.tick, expected, found)


def load(path: Path | str) -> Replay:
    """Read and check a replay file; any problem is one clear ReplayError line."""
    where = str(path)
    try:
        data = read_json(path, REPLAY_JSON)
    except FileNotFoundError:
        raise ReplayError(f"{where}: no such replay file") from None
    except FileProblem as problem:
        truncated = "; the replay is corrupt or truncated" if problem.line is not None else ""
        raise ReplayError(f"{problem.where(where)}: {problem.message}{truncated}") from None
    try:
        return _parse(data)
    except (ValueError, TypeError, KeyError) as error:
        raise ReplayError(f"{where}: {error}") from None


def check_level_ref(level: dict) -> None:
    """A level reference as replays and saved games keep it ({"kind": "generated", "size": ...}
    or {"kind": "file", "path": ..., "sha256": ...}); ValueError names what is wrong."""
    kind = level.get("kind")
    if kind == "generated":
        size = level.get("size", "medium")
        if size not in SIZES:
            raise ValueError(f"'level.size' is {size!r}, expected one of {', '.join(SIZES)}")
    elif kind == "file":
        if not isinstance(level.get("path"), str) or not isinstance(level.get("sha256", ""), str):
            raise ValueError("'level' names a file without a path and a digest")
    else:
        raise ValueError(f"'level.kind' is {kind!r}, expected 'generated' or 'file'")


def _require(data: dict, name: str, kind, what: str):
    if name not in data:
        raise ValueError(f"missing {name!r} (expected {what})")
    value = data[name]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ValueError(f"{name!r} is {brief(value)}, expected {what}")
    return value


def _parse(data) -> Replay:
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, found {type(data).__name__}")
    if data.get("format") != FORMAT:
        raise ValueError(f"'format' is {data.get('format')!r}, expected {FORMAT!r}")
    version = _require(data, "version", int, "an integer")
    if version != VERSION:
        raise ValueError(f"replay version {version} is not supported (this game reads version {VERSION})")
    seed = _require(data, "seed", int, "an integer")
    level = _require(data, "level", dict, "an object")
    check_level_ref(level)
    settings = SimSettings.from_json(_require(data, "settings", dict, "an object"))
    ticks = _require(data, "ticks", int, "a whole number of ticks")
    if not 0 <= ticks <= MAX_TICKS:
        raise ValueError(f"'ticks' is {ticks}, expected 0 to {MAX_TICKS} (two hours of play)")
    changes = []
    last_tick = -1
    known: dict[str, Actions] = {}  # the same actions come back again and again: read each once, keep one (by repr: 1, 1.0 and true differ)
    for index, entry in enumerate(_require(data, "actions", list, "a list")):
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int)):
            raise ValueError(f"actions[{index}] is {brief(entry)}, expected [tick, actions]")
        tick = entry[0]
        if not last_tick < tick < max(ticks, 1):
            raise ValueError(f"actions[{index}] is at tick {tick}, expected ticks in increasing order below {ticks}")
        key = repr(entry[1])
        if key not in known:
            try:
                known[key] = Actions.from_json(entry[1])
            except (ValueError, TypeError) as error:
                raise ValueError(f"actions[{index}] at tick {tick}: {error}") from None
        changes.append((tick, known[key]))
        last_tick = tick
    hashes = {}
    for index, entry in enumerate(_require(data, "hashes", list, "a list")):
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int) and isinstance(entry[1], str)):
            raise ValueError(f"hashes[{index}] is {brief(entry)}, expected [tick, hex digest]")
        if not 0 <= entry[0] <= ticks:
            raise ValueError(f"hashes[{index}] is for tick {entry[0]}, beyond the replay's {ticks} ticks")
        hashes[entry[0]] = entry[1]
    if ticks not in hashes:
        raise ValueError(f"no state hash for the final tick {ticks}: the replay is truncated")
    unchecked = next((tick for tick in range(HASH_INTERVAL, ticks, HASH_INTERVAL) if tick not in hashes), None)
    if unchecked is not None:
        raise ValueError(f"no state hash for tick {unchecked}, expected one every {HASH_INTERVAL} ticks up to its {ticks}")
    return Replay(seed, level, settings, ticks, changes, hashes)
