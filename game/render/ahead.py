"""Pictures painted ahead: a beat's big paintings are made on a worker thread while the beat before it plays.

Painting a masterpiece, the hall or the morning takes a fifth of a second of numpy and PIL; done
as a beat begins, it is a hitch the player sees. So each beat may name what it will need
(``BeatShow.ahead`` in ``game.views.beats``), the game view starts that when the beat *before*
begins, and the overlay asks for it with ``made`` — which hands over what the worker made, waits
for it if it is still under way, or makes it there and then if it was never asked for. Only
pure paintings go ahead (a function of plain arguments, never the world, never OpenGL: textures
are made on the main thread, from what was painted).
"""

from __future__ import annotations

from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

KEPT = 8  # paintings waiting to be used at most (the oldest is let go past this)

_pool: ThreadPoolExecutor | None = None
_waiting: OrderedDict[tuple, Future] = OrderedDict()


def ahead(paint, *args) -> None:
    """Start `paint(*args)` on the worker, unless it is already started."""
    global _pool
    key = (paint, args)
    if key in _waiting:
        return
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flawed-ahead")
    _waiting[key] = _pool.submit(paint, *args)
    while len(_waiting) > KEPT:
        _waiting.popitem(last=False)


def made(paint, *args):
    """`paint(*args)`: what the worker made ahead (waiting for it if need be), else made now."""
    future = _waiting.pop((paint, args), None)
    if future is not None:
        return future.result()
    return paint(*args)


def waiting() -> int:
    """Paintings started ahead and not yet asked for (for tests)."""
    return len(_waiting)
