"""Where the game's own files are: the shaders, the shipped levels, the tileset, the Tiled kit.

Everything the game reads of its own is package data, found with ``importlib.resources`` from the
``game`` package, so a wheel, a pipx install and the PyInstaller bundle find it wherever they are
put. The shipped levels are the one exception in shape: they live at the top of the repository
(``levels/``, where level authors look) and setuptools carries them into the wheel as
``game/levels`` (``pyproject.toml``: ``package-dir``). So an installed game finds them there, and
a checkout (editable install or ``PYTHONPATH``), which has no ``game/levels``, reads the
top-level folder the wheel is built from: what you edit is what runs.

Nothing here imports arcade or pymunk: ``flawed level ...`` asks for the levels without either.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from game.level.schema import MAP_SUFFIXES


def _on_disk(traversable) -> Path:
    """A resource as a real path: the loaders and the GL context read files by name.

    A wheel is always unpacked into site-packages and the bundle unpacks its data beside the
    program, so this only fails for a game imported from a zip file, which is not supported.
    """
    path = Path(str(traversable))
    if not path.exists():
        raise FileNotFoundError(f"{path}: the game's own files are missing (reinstall the game; it cannot run from a zip file)")
    return path


def package_folder() -> Path:
    """The ``game`` package itself."""
    return _on_disk(files("game"))


def shaders() -> Path:
    """The GLSL files of ``game.render``."""
    return _on_disk(files("game.render") / "shaders")


def shipped_levels() -> Path:
    """The folder of the levels that ship with the game (with their tileset and the Tiled kit)."""
    packaged = files("game") / "levels"
    if packaged.is_dir():  # a wheel or the bundle
        return _on_disk(packaged)
    return _on_disk(package_folder().parent / "levels")  # a checkout: the folder the wheel is built from


def shipped_level_files() -> list[Path]:
    """The shipped level files, sorted by name."""
    folder = shipped_levels()
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in MAP_SUFFIXES and not p.name.startswith("."))


def shipped_level(name: str) -> Path | None:
    """A shipped level by its file name (``long_wing.tmj``) or its name alone (``long_wing``); None if there is none."""
    for path in shipped_level_files():
        if name in (path.name, path.stem):
            return path
    return None
