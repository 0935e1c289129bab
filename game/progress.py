"""The player's progress through the dream, saved atomically at each beat boundary so *Continue* resumes at the last beat.

The save is ``progress.json`` in the config directory: the seed and the level, the settings
that change the simulation, the ticks played, and the world as its systems save themselves
(``World.save``: the beat, where the dreamer stood, the stats, the tools carried, panic and
the flaw's every blot). It is read back through the same systems (``World.check_saved``), so
what loads is state the game can use. A file the game cannot read is set aside as ``.bak``
with one warning, and the game starts afresh. Saves of the first format (version 1, each
field at the top) are read too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from game.replay import check_level_ref
from game.sim.world import SimSettings, World
from game.storage import atomic_write_text, config_dir, load_json_or_backup, set_aside

FILE_NAME = "progress.json"
FORMAT = "flawed-progress"
VERSION = 2


@dataclass
class Progress:
    seed: int
    level: dict  # as Run.level_ref: {"kind": "generated", "size": ...} or {"kind": "file", "path": ..., "sha256": ...}
    world: dict  # World.save()
    settings: dict = field(default_factory=dict)
    ticks: int = 0  # ticks played before this save, for the summary's time

    @property
    def beat(self) -> str:
        return self.world["beat"]

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "seed": self.seed, "level": self.level, "settings": self.settings, "ticks": self.ticks, "world": self.world}

    @classmethod
    def from_json(cls, data) -> "Progress":
        """Raise ValueError naming the first thing wrong with the data."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"expected an object with format {FORMAT!r}")
        if data.get("version") == 1:
            data = _from_version_1(data)
        elif data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r} is not {VERSION}")
        seed, level, ticks = data.get("seed"), data.get("level"), data.get("ticks", 0)
        if not isinstance(seed, int) or isinstance(seed, bool) or not isinstance(level, dict):
            raise ValueError("seed must be a whole number and level an object")
        if not isinstance(ticks, int) or isinstance(ticks, bool) or ticks < 0:
            raise ValueError(f"ticks must be a whole number from 0, found {ticks!r}")
        settings = data.get("settings", {})
        SimSettings.from_json(settings)  # ValueError names an unknown setting
        check_level_ref(level)
        World.check_saved(data.get("world"))
        return cls(seed=seed, level=level, world=data["world"], settings=settings, ticks=ticks)


def _from_version_1(data: dict) -> dict:
    """A first-format save (every field at the top) in the present shape."""
    beat = data.get("beat")
    world = {
        "beat": beat,
        "player": data.get("player") or None,
        "stats": {name: data.get(name, default) for name, default in (("attempts", 0), ("tools_used", []), ("calls_for_help", 0), ("breaths", 0))},
        "tools": {"carried": data.get("carried", [])},
        "panic": {"level": data.get("panic", 0.0), "noticed": beat != "backstage"},
        "flaw": data.get("flaw") or None,
    }
    return {key: data.get(key) for key in ("seed", "level", "settings", "ticks") if key in data} | {"world": world}


def progress_path():
    return config_dir() / FILE_NAME


def load_progress() -> tuple[Progress | None, str | None]:
    """The saved progress, or None; a corrupt save is set aside as .bak with one warning line."""
    path = progress_path()
    data, warning = load_json_or_backup(path)
    if data is None:
        return None, warning
    try:
        return Progress.from_json(data), None
    except (ValueError, TypeError) as error:
        return None, set_aside(path, f"not a saved game ({error})")


def clear_progress() -> None:
    """The dream is over: nothing left to continue."""
    try:
        progress_path().unlink()
    except FileNotFoundError:
        pass


def capture(run) -> Progress:
    """What a Run holds now, as a Progress."""
    return Progress(seed=run.seed, level=dict(run.level_ref), world=run.world.save(), settings=run.settings.to_json(), ticks=run.ticks_before + run.world.tick)


def save_progress(run) -> None:
    atomic_write_text(progress_path(), json.dumps(capture(run).to_json(), indent=1) + "\n")
