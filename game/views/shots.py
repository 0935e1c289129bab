"""Screenshots written on a worker thread: taking one costs its frame only reading the pixels back.

``Shots.take(image, paths)`` encodes the picture once (``png``) and writes it to every path, on
the worker. ``problem()`` gives the error of a write that failed (each once; ``stopped`` says it in
words), ``wait()`` waits for every write under way. The worker ends with the process, after its last write.
"""

from __future__ import annotations

import struct
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np

PNG_LEVEL = 1  # deflate's quickest: a picture a beat, mid-play
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def stopped(folder, error: OSError) -> str:
    """What the player is told when a shot cannot be written."""
    return f"screenshots stopped: {folder} cannot be written ({error.strerror or error})"


class Shots:
    def __init__(self):
        self._pool: ThreadPoolExecutor | None = None
        self._under_way: list[Future] = []

    def take(self, image, paths: list[Path]) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flawed-shots")
        self._under_way.append(self._pool.submit(_write, image, paths))

    def problem(self) -> OSError | None:
        """Why a finished write failed (the folder went away, the disk filled), or None."""
        for future in [future for future in self._under_way if future.done()]:
            self._under_way.remove(future)
            error = future.exception()
            if isinstance(error, OSError):
                return error
            if error is not None:
                raise error
        return None

    def wait(self) -> None:
        """Wait for every write under way (ask problem() after)."""
        for future in self._under_way:
            future.exception()


def _write(image, paths: list[Path]) -> None:
    picture = png(image)  # encoded once for every shot due on the same frame
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(picture)


def png(image) -> bytes:
    """A picture as RGB PNG bytes (a window's alpha is never seen: left in, parts of a shot came out
    see-through): its rows unfiltered, deflated in one call that lets go of Python's lock for all of its work. (Pillow filters each row five ways and takes the lock
    back some forty times a picture: twice the time, and the game waits on the lock meanwhile.)"""
    width, height = image.size
    rows = np.asarray(image.convert("RGB"), np.uint8).reshape(height, width * 3)
    raw = np.concatenate([np.zeros((height, 1), np.uint8), rows], axis=1)  # filter byte 0 ("none") before each row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits a channel, RGB, deflate, no interlace
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw.tobytes(), PNG_LEVEL)) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
