"""The player's progress through the dream, saved atomically at each beat boundary so *Continue* resumes at the last beat.

The save is ``progress.json`` in the config directory: the beat just entered, the seed and the
level, the settings that change the simulation, and what the dream has made of the player so
far — the flaw's every blot, the tools carried and used, the attempts, the calls, the breaths,
panic and where the dreamer stood. A file the game cannot read is set aside as ``.bak`` with
one warning, and the game starts afresh.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.storage import atomic_write_text, config_dir, load_json_or_backup, set_aside

FILE_NAME = "progress.json"
FORMAT = "flawed-progress"
VERSION = 1


@dataclass
class Progress:
    beat: str
    seed: int
    level: dict  # as Run.level_ref: {"kind": "generated", "size": ...} or {"kind": "file", "path": ..., "sha256": ...}
    settings: dict = field(default_factory=dict)
    ticks: int = 0  # ticks played before this save, for the summary's time
    attempts: int = 0
    tools_used: list = field(default_factory=list)
    calls_for_help: int = 0
    breaths: int = 0
    carried: list = field(default_factory=list)
    panic: float = 0.0
    player: list = field(default_factory=list)  # [x, y] px
    flaw: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, data) -> "Progress":
        """Raise ValueError naming the first thing wrong with the data."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"expected an object with format {FORMAT!r}")
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r} is not {VERSION}")
        from game.sim.story import Beat

        try:
            Beat(data.get("beat"))
        except ValueError:
            raise ValueError(f"beat {data.get('beat')!r} is not a beat of the story") from None
        if not isinstance(data.get("seed"), int) or not isinstance(data.get("level"), dict):
            raise ValueError("seed must be a whole number and level an object")
        kinds = {"beat": str, "settings": dict, "ticks": int, "attempts": int, "tools_used": list, "calls_for_help": int,
                 "breaths": int, "carried": list, "panic": (int, float), "player": list, "flaw": dict}
        for name, kind in kinds.items():
            if name in data and not isinstance(data[name], kind):
                raise ValueError(f"{name} has the wrong type ({type(data[name]).__name__})")
        from game.replay import check_level_ref
        from game.sim.world import SimSettings

        SimSettings.from_json(data.get("settings", {}))  # ValueError names an unknown setting
        check_level_ref(data["level"])
        flaw = data.get("flaw") or {}
        try:
            if flaw:
                [float(x) for x in flaw["centre"][:2]] + [float(flaw["severity"]), int(flaw["worsenings"]), bool(flaw["noticed"]), float(flaw["recompose"])]
                for u, v, r, s, a, d, colour, kind in flaw["blots"]:
                    [float(x) for x in (u, v, r, s, a, d)] + [int(c) for c in colour[:3]] + [str(kind)]
        except (KeyError, TypeError, ValueError, IndexError):
            raise ValueError("flaw is not a flaw's blots") from None
        try:
            [float(x) for x in data.get("player", [])]
        except (TypeError, ValueError):
            raise ValueError("player is not a position") from None
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


def progress_path() -> Path:
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
    """What a Run's world holds now, as a Progress."""
    world = run.world
    flaw = world.flaw
    return Progress(
        beat=world.story.beat.value,
        seed=run.seed,
        level=dict(run.level_ref),
        settings=run.settings.to_json(),
        ticks=run.ticks_before + world.tick,
        attempts=world.stats.attempts,
        tools_used=list(world.stats.tools_used),
        calls_for_help=world.stats.calls_for_help,
        breaths=world.stats.breaths,
        carried=list(world.tools.carried),
        panic=world.panic.level,
        player=list(world.player.position),
        flaw={
            "centre": list(flaw.centre),
            "severity": flaw.severity,
            "worsenings": flaw.worsenings,
            "noticed": flaw.noticed,
            "recompose": flaw.recompose,
            "blots": [[b.u, b.v, b.radius, b.stretch, b.angle, b.darkness, list(b.colour), b.kind] for b in flaw.blots],
        },
    )


def save_progress(run) -> None:
    atomic_write_text(progress_path(), json.dumps(capture(run).to_json(), indent=1) + "\n")


def restore(world, progress: Progress) -> None:
    """Put the saved dream back into a freshly built world (before its story starts the saved beat)."""
    stats = world.stats
    stats.attempts = int(progress.attempts)
    stats.tools_used = [str(t) for t in progress.tools_used]
    stats.calls_for_help = int(progress.calls_for_help)
    stats.breaths = int(progress.breaths)
    rack = world.tools
    for tool in progress.carried:
        loose = next((t for t in rack.loose if t.tool == tool), None)
        if loose is not None:  # picked up again, without a sound: it was already in hand
            rack.loose.remove(loose)
            loose.remove(rack.space)
        rack.carried.append(str(tool))
    world.panic.level = float(progress.panic)
    world.panic.noticed = progress.beat != "backstage"
    if len(progress.player) == 2:
        world.player.place((float(progress.player[0]), float(progress.player[1])))
    saved = progress.flaw
    if saved:
        from game.sim.flaw import Blot

        flaw = world.flaw
        flaw.centre = (float(saved["centre"][0]), float(saved["centre"][1]))
        flaw.severity = float(saved["severity"])
        flaw.worsenings = int(saved["worsenings"])
        flaw.noticed = bool(saved["noticed"])
        flaw.recompose = float(saved["recompose"])
        flaw.blots = [Blot(float(u), float(v), float(r), float(s), float(a), float(d), tuple(int(c) for c in colour), str(kind))
                      for u, v, r, s, a, d, colour, kind in saved["blots"]]


def resumed_world(level, seed: int, settings, progress: Progress):
    """A world at the start of the saved beat, with everything the dream had made so far."""
    from game.sim.events import BeatChanged
    from game.sim.story import Beat, Story
    from game.sim.world import World

    world = World(level, seed=seed, settings=settings)
    restore(world, progress)
    # The world began its story at the backstage; begin it again at the saved beat instead.
    world._pending = [event for event in world._pending if not isinstance(event, BeatChanged)]
    world.story = Story(world, Beat(progress.beat))
    return world
