"""Files the game writes for the player (settings, progress): atomic writes, forgiving reads."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from game.userfile import MIB, FileProblem, JsonLimits, read_json

APP_NAME = "flawed"


def config_dir() -> Path:
    """Where settings, progress and the player's own levels live (FLAWED_CONFIG_DIR overrides)."""
    override = os.environ.get("FLAWED_CONFIG_DIR")
    if override:
        return Path(override)
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / APP_NAME


def cache_dir() -> Path:
    override = os.environ.get("FLAWED_CACHE_DIR")
    if override:
        return Path(override)
    if os.name == "nt" or os.uname().sysname == "Darwin":
        return config_dir() / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / APP_NAME


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write to a temp file beside the target, flush it to disk, then rename over the target.

    A crash midway leaves the old file untouched: the rename is the only moment it changes.
    """
    _atomic_write(path, text, "w", encoding="utf-8")


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """atomic_write_text for bytes."""
    _atomic_write(path, data, "wb")


def _atomic_write(path: Path | str, data, mode: str, **options) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **options) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


# Settings and saves are small: these limits are far above what the game writes, far below harm.
SAVED_JSON = JsonLimits(max_bytes=1 * MIB, max_containers=10_000, max_depth=16)


def load_json_or_backup(path: Path | str, limits: JsonLimits = SAVED_JSON) -> tuple[object | None, str | None]:
    """Read a JSON file the game keeps. Missing → (None, None). Anything else wrong with it (not a
    regular file, too big, unreadable, malformed, nested too deep) → moved to ``.bak``, (None, warning)."""
    path = Path(path)
    try:
        return read_json(path, limits), None
    except FileNotFoundError:
        return None, None
    except FileProblem as problem:
        place = f"line {problem.line} column {problem.column}: " if problem.line is not None else ""
        return None, set_aside(path, place + problem.message)


def set_aside(path: Path, why: str) -> str:
    """Keep a file the game cannot use as `.bak` and say so in one line."""
    backup = path.with_name(path.name + ".bak")
    try:
        os.replace(path, backup)
        kept = f"kept as {backup.name}"
    except OSError:
        kept = "could not keep a copy"
    return f"{path}: {why}; using defaults ({kept})"
