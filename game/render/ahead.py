"""Pictures painted ahead: a beat's big paintings are made on a worker thread while the beat before it plays.

Painting a masterpiece, the hall or the morning takes a fifth of a second of numpy and PIL; done
as a beat begins, it is a hitch the player sees. So each beat may name what it will need
(``BeatShow.ahead`` in ``game.views.beats``), the game view starts that when the beat *before*
begins, and the overlay asks for it with ``made`` — which hands over what the worker made, waits
for it if it is still under way, or makes it there and then if it was never asked for. Only
pure paintings go ahead (a function of plain arguments, never the world, never OpenGL: textures
are made on the main thread, from what was painted).

The worker shares the machine with the frames being drawn (in software GL, two cores between
the frame and the painting); a painting that is a generator — it yields between its steps and
returns the picture — is painted gently: the worker rests REST times as long as each step took,
so the beat it is painted during slows a little for a while, not a lot at once. Once the picture
is asked for, the worker stops resting.
"""

from __future__ import annotations

import inspect
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

KEPT = 8  # paintings waiting to be used at most (the oldest is let go past this)
REST = 3.0  # the worker rests this many times as long as a painting's step took (it paints a quarter of the time)

_pool: ThreadPoolExecutor | None = None
_waiting: OrderedDict[tuple, tuple[Future, threading.Event]] = OrderedDict()


def ahead(paint, *args) -> None:
    """Start `paint(*args)` on the worker, unless it is already started."""
    global _pool
    key = (paint, args)
    if key in _waiting:
        return
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flawed-ahead")
    hurry = threading.Event()
    _waiting[key] = (_pool.submit(lambda: painted(paint(*args), rest=REST, hurry=hurry)), hurry)
    while len(_waiting) > KEPT:
        _, (_, let_go) = _waiting.popitem(last=False)
        let_go.set()  # (nobody will wait for it: it need not rest any more)


def made(paint, *args):
    """`paint(*args)`: what the worker made ahead (waiting for it if need be), else made now."""
    started = _waiting.pop((paint, args), None)
    if started is not None:
        future, hurry = started
        hurry.set()
        return future.result()
    return painted(paint(*args))


def painted(painting, rest: float = 0.0, hurry: threading.Event | None = None):
    """What a painting made: `painting` itself, or a painting in steps (a generator) run to its
    end, resting `rest` times as long as each step took unless and until `hurry` is set."""
    if not inspect.isgenerator(painting):
        return painting
    while True:
        start = time.perf_counter()
        try:
            next(painting)
        except StopIteration as done:
            return done.value
        if rest > 0.0 and hurry is not None:
            hurry.wait(rest * (time.perf_counter() - start))  # (returns at once when hurried)


def built_in_steps(cls, build, *args):
    """An instance of `cls` built a step at a time by `build(instance, *args)`, the generator its
    own __init__ runs to its end at once (with painted): a generator, its value the instance."""
    instance = cls.__new__(cls)
    yield from build(instance, *args)
    return instance


def started(paint, *args) -> bool:
    """Whether `paint(*args)` was started ahead and not yet handed over."""
    return (paint, args) in _waiting


def idle() -> bool:
    """Whether the worker has painted everything started ahead (nothing of it is under way)."""
    return all(future.done() for future, _ in list(_waiting.values()))


def waiting() -> int:
    """Paintings started ahead and not yet asked for (for tests)."""
    return len(_waiting)
