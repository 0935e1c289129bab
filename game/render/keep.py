"""Pictures painted by code, kept in the user's cache folder so that a later start loads them instead of painting them again.

``@kept`` wraps a pure painting — a function of plain arguments that returns a numpy array —
so that it is painted once per machine (``@kept_in_steps`` one painted a step at a time). A picture's file is named by a digest of the painting's
name and arguments, of the source of its module and that module's plain numbers (those it
imports too: an edited painter never finds an old picture), and of the versions of the game,
numpy and Pillow. The folder stays under MAX_KEPT_BYTES: the pictures used least lately go
first. Anything wrong with the cache — a folder that cannot be written, a file cut short,
corrupt or too big, a bundle without sources — paints afresh, silently: the cache only ever
saves time.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io
import os
import sys
from pathlib import Path

import numpy as np
import PIL

from game import __version__
from game.storage import atomic_write_bytes, cache_dir
from game.userfile import MIB, read_bytes

MAX_PICTURE_BYTES = 64 * MIB  # far above any picture kept (the full-size masterpiece is 3 MB)
MAX_KEPT_BYTES = 64 * MIB  # the folder at most (a dozen seeds' pictures): those used least lately go first


def kept(paint):
    """`paint`, loading what it painted before from the cache, and keeping what it paints now."""
    signature = inspect.signature(paint)

    @functools.wraps(paint)
    def painting(*args, **kwargs):
        args, path, pixels = _looked_up(paint, signature, args, kwargs)
        if pixels is None:
            pixels = paint(*args)
            _keep(path, pixels)
        return pixels

    return painting


def kept_in_steps(paint):
    """`kept` for a painting in steps (a generator function, its value the picture; see
    game.render.ahead): what it painted before is loaded in no step at all."""
    signature = inspect.signature(paint)

    @functools.wraps(paint)
    def painting(*args, **kwargs):
        args, path, pixels = _looked_up(paint, signature, args, kwargs)
        if pixels is None:
            pixels = yield from paint(*args)
            _keep(path, pixels)
        return pixels

    return painting


def _looked_up(paint, signature, args, kwargs) -> tuple[tuple, Path | None, np.ndarray | None]:
    """`paint`'s arguments in full, where its picture is kept, and the picture if it is."""
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    path = picture_path(paint, bound.args)
    return bound.args, path, _load(path) if path is not None else None


def picture_path(paint, args: tuple) -> Path | None:
    """Where `paint(*args)` is kept (None: it cannot be, its module's source is not at hand)."""
    painter = _painter_digest(paint.__module__)
    if painter is None:
        return None
    key = repr((paint.__qualname__, args, painter, __version__, np.__version__, PIL.__version__))
    return cache_dir() / "pictures" / f"{paint.__name__.strip('_')}-{hashlib.sha256(key.encode()).hexdigest()[:40]}.npy"


@functools.lru_cache(maxsize=None)
def _painter_digest(module_name: str) -> str | None:
    module = sys.modules[module_name]
    try:
        source = Path(module.__spec__.origin).read_bytes()
    except (AttributeError, TypeError, OSError):  # no file behind it (a frozen bundle)
        return None
    numbers = sorted((name, repr(value)) for name, value in vars(module).items() if not name.startswith("__") and _plain(value))
    return hashlib.sha256(repr((source, numbers)).encode()).hexdigest()


def _plain(value) -> bool:
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return isinstance(value, (bool, int, float, str, bytes, type(None)))


def _load(path: Path) -> np.ndarray | None:
    try:
        pixels = np.load(io.BytesIO(read_bytes(path, MAX_PICTURE_BYTES)), allow_pickle=False)
    except Exception:  # missing, unreadable, cut short, corrupt, too big: painted afresh
        return None
    try:
        os.utime(path)  # used lately: the last to go (see _prune)
    except OSError:
        pass
    return pixels


def _keep(path: Path | None, pixels: np.ndarray) -> None:
    if path is None:
        return
    picture = io.BytesIO()
    np.save(picture, pixels, allow_pickle=False)
    try:
        atomic_write_bytes(path, picture.getvalue())
    except OSError:  # a cache that cannot be written: painted again next time
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the folder under MAX_KEPT_BYTES, letting the pictures used least lately go."""
    try:
        stats = [(entry.stat(), entry.path) for entry in os.scandir(folder) if entry.name.endswith(".npy")]
        entries = [(stat.st_mtime, stat.st_size, path) for stat, path in stats]
    except OSError:
        return
    total = 0
    for _, size, path in sorted(entries, reverse=True):
        total += size
        if total > MAX_KEPT_BYTES:
            try:
                os.unlink(path)
            except OSError:
                pass
