"""Files the game writes for the player (settings, progress): atomic writes, forgiving reads."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

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
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def load_json_or_backup(path: Path | str) -> tuple[object | None, str | None]:
    """Read a JSON file. Missing → (None, None). Corrupt → moved to ``.bak``, (None, warning)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as error:
        return None, set_aside(path, f"cannot read it ({error.__class__.__name__})")
    try:
        return json.loads(text), None
    except json.JSONDecodeError as error:
        return None, set_aside(path, f"line {error.lineno} column {error.colno}: {error.msg}")


def set_aside(path: Path, why: str) -> str:
    """Keep a file the game cannot use as `.bak` and say so in one line."""
    backup = path.with_name(path.name + ".bak")
    try:
        os.replace(path, backup)
        kept = f"kept as {backup.name}"
    except OSError:
        kept = "could not keep a copy"
    return f"{path}: {why}; using defaults ({kept})"
