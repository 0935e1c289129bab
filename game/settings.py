"""The player's settings: what they are, their limits, and how they are kept on disk.

Stored as JSON in the user's config directory (``FLAWED_CONFIG_DIR`` overrides it), written
atomically through ``game.storage``. A file that is not JSON is set aside as ``.bak`` and the
defaults are used, with one warning for the game to show; a value out of range falls back to
its default alone, with a warning naming it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

from game.input import DEFAULT_BINDINGS, Bindings, key_code
from game.sim.world import SimSettings
from game.storage import atomic_write_text, config_dir, load_json_or_backup, set_aside
from game.userfile import brief

SETTINGS_FILE = "settings.json"
FORMAT = 1  # version of the settings file

SCREEN_SHAKE = ("off", "reduced", "full")
TEXT_SIZES = (100, 125, 150, 200)  # % of the normal text size
GAME_SPEED_MIN, GAME_SPEED_MAX, GAME_SPEED_STEP = 50, 100, 10  # % of real time
VOLUME_STEP = 0.1  # one press of left/right in the settings screen
SHAKE_SCALE = {"off": 0.0, "reduced": 0.35, "full": 1.0}  # what the renderer multiplies shake by


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def player_levels_dir() -> Path:
    """The player's own level folder, listed beside the shipped levels."""
    return config_dir() / "levels"


@dataclass
class Settings:
    master_volume: float = 0.8  # 0..1
    music_volume: float = 0.7  # 0..1: the beds (room tone, hush, rumble, drone, birds)
    effects_volume: float = 0.9  # 0..1: everything that happens once
    fullscreen: bool = False
    reduce_flicker: bool = False
    reduce_motion: bool = False
    screen_shake: str = "full"  # one of SCREEN_SHAKE
    captions: bool = True
    text_size: int = 100  # one of TEXT_SIZES
    key_bindings: dict[str, list[str]] = field(default_factory=dict)  # binding → keys, only the remapped ones
    game_speed: int = 100  # % of real time, GAME_SPEED_MIN..GAME_SPEED_MAX
    photosensitivity_acknowledged: bool = False

    # -- what other parts read -------------------------------------------------------------

    def sim_settings(self):
        """The part of the settings the simulation sees (and replays record)."""
        return SimSettings(reduce_flicker=self.reduce_flicker, reduce_motion=self.reduce_motion)

    @property
    def speed_factor(self) -> float:
        """Game speed as a fraction of real time (the play view's ticks per real second / 60)."""
        return self.game_speed / 100.0

    @property
    def text_scale(self) -> float:
        return self.text_size / 100.0

    @property
    def shake_scale(self) -> float:
        return 0.0 if self.reduce_motion else SHAKE_SCALE[self.screen_shake]

    def volume(self, bus: str) -> float:
        """The gain a sound on this bus ("music" or "effects") plays at."""
        bus_volume = self.music_volume if bus == "music" else self.effects_volume
        return self.master_volume * bus_volume

    def bindings(self):
        """The keyboard bindings: input's defaults overlaid with the player's remaps."""
        return Bindings(self.key_bindings)

    def keys_for(self, binding: str) -> tuple[str, ...]:
        return tuple(self.key_bindings.get(binding, DEFAULT_BINDINGS.get(binding, ())))

    def rebind(self, binding: str, key: str) -> None:
        """Make `key` the one key for `binding` (defaults stay for the others); ValueError if
        another binding of its group already answers to that key."""
        if binding not in DEFAULT_BINDINGS:
            raise ValueError(f"no such binding {binding!r}")
        clash = key_conflict(self.key_bindings, binding, [key.upper()])
        if clash:
            raise ValueError(clash)
        self.key_bindings = {**self.key_bindings, binding: [key.upper()]}

    def reset_bindings(self) -> None:
        self.key_bindings = {}

    # -- disk ------------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {"format": FORMAT, **asdict(self)}

    def save(self, path: Path | str | None = None) -> None:
        atomic_write_text(path or settings_path(), json.dumps(self.to_json(), indent=2, sort_keys=True) + "\n")

    @classmethod
    def from_json(cls, data: dict) -> tuple["Settings", list[str]]:
        """Settings from parsed JSON; each bad value falls back to its default with a warning."""
        settings, warnings = cls(), []
        for name, check in CHECKS.items():
            if name not in data:
                continue
            value, problem = check(data[name])
            if problem:
                warnings.append(f"setting {name!r}: {problem}; using {getattr(settings, name)!r}")
            else:
                setattr(settings, name, value)
        if "key_bindings" in data:
            settings.key_bindings, problems = _key_bindings(data["key_bindings"])
            warnings += [f"setting 'key_bindings': {problem}" for problem in problems]
        return settings, warnings

    @classmethod
    def load(cls, path: Path | str | None = None) -> tuple["Settings", list[str]]:
        """The saved settings (defaults if there are none) and warnings for the player."""
        path = Path(path or settings_path())
        data, warning = load_json_or_backup(path)
        if warning:
            return cls(), [warning]
        if data is None:
            return cls(), []
        if not isinstance(data, dict):
            return cls(), [set_aside(path, f"expected an object of settings, found {type(data).__name__}")]
        return cls.from_json(data)

    def copy(self) -> "Settings":
        return replace(self, key_bindings={k: list(v) for k, v in self.key_bindings.items()})


def _fraction(value) -> tuple[object, str | None]:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        return None, f"expected a number from 0 to 1, found {brief(value)}"
    return float(value), None


def _switch(value) -> tuple[object, str | None]:
    if not isinstance(value, bool):
        return None, f"expected true or false, found {brief(value)}"
    return value, None


def _one_of(choices: tuple) -> Callable[[object], tuple[object, str | None]]:
    def check(value) -> tuple[object, str | None]:
        if isinstance(value, bool) or value not in choices:
            return None, f"expected one of {', '.join(map(str, choices))}, found {brief(value)}"
        return value, None

    return check


def _game_speed(value) -> tuple[object, str | None]:
    if isinstance(value, bool) or not isinstance(value, int) or not GAME_SPEED_MIN <= value <= GAME_SPEED_MAX:
        return None, f"expected a whole number from {GAME_SPEED_MIN} to {GAME_SPEED_MAX}, found {brief(value)}"
    return value, None


# What each setting accepts (the key bindings are checked one by one: see _key_bindings).
CHECKS: dict[str, Callable[[object], tuple[object, str | None]]] = {
    "master_volume": _fraction,
    "music_volume": _fraction,
    "effects_volume": _fraction,
    "fullscreen": _switch,
    "reduce_flicker": _switch,
    "reduce_motion": _switch,
    "captions": _switch,
    "photosensitivity_acknowledged": _switch,
    "screen_shake": _one_of(SCREEN_SHAKE),
    "text_size": _one_of(TEXT_SIZES),
    "game_speed": _game_speed,
}


def binding_group(binding: str) -> str:
    """Keys may be shared across groups (W walks and moves up a menu), never within one."""
    return "menu" if binding.startswith("menu_") else "game"


def key_conflict(bindings: dict[str, list[str]], binding: str, keys: list[str]) -> str | None:
    """Another binding of the same group that already answers to one of `keys` (None if none)."""
    for other in DEFAULT_BINDINGS:
        if other == binding or binding_group(other) != binding_group(binding):
            continue
        taken = set(bindings.get(other, DEFAULT_BINDINGS[other]))
        clash = [key for key in keys if key in taken]
        if clash:
            return f"{clash[0].title()} already does {other.replace('_', ' ')!r}"
    return None


def _key_bindings(value) -> tuple[dict, list[str]]:
    """The player's remaps that can be used, each checked alone; a word on each one dropped."""
    if not isinstance(value, dict):
        return {}, [f"expected an object of binding → keys, found {brief(value)}; using the default keys"]
    kept: dict[str, list[str]] = {}
    problems = []
    for binding, keys in value.items():
        if binding not in DEFAULT_BINDINGS:
            problems.append(f"unknown binding {brief(binding)}, ignored")
            continue
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and key_code(k) is not None for k in keys):
            problems.append(f"binding {binding!r}: expected a list of key names, found {brief(keys)}; using its default keys")
            continue
        keys = [k.upper() for k in keys]
        clash = key_conflict(kept, binding, keys)
        if clash:
            problems.append(f"binding {binding!r}: {clash}; using its default keys")
            continue
        kept[binding] = keys
    return kept, problems
