"""Screenshots written on a worker thread: taking one costs its frame only reading the pixels back.

``Shots.take(image, paths)`` encodes the picture once (PNG) and writes it to every path, on the
worker. ``problem()`` gives the error of a write that failed (each once; ``stopped`` says it in
words), ``wait()`` waits for every write under way. The worker ends with the process, after its last write.
"""

from __future__ import annotations

import io
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

PNG_LEVEL = 1  # quick: a picture a beat, mid-play


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
    picture = io.BytesIO()
    image.save(picture, "PNG", compress_level=PNG_LEVEL)  # encoded once for every shot due on the same frame
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(picture.getvalue())
