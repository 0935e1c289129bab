"""Memory over a dream: handed back to the system after the big one-off builds, and the long-lived set aside from Python's cycle collector.

Painting a floor or a hall makes large temporary arrays. glibc's allocator keeps what they
freed inside the process unless asked, so the resident size would stay at its highest point
(about 130 MB above what is in use, measured over one dream). Asking (malloc_trim) walks the
whole heap: 0.5-30 ms measured at a beat's first frame, so it is asked only at the moments
those builds happen, and on a thread of its own, not in the frame (as Luanti moved its trims
off its main thread, luanti-org/luanti#14744; glibc locks each arena as it trims it).
Elsewhere than glibc it does nothing. Big blocks are mapped on their own (map_big_blocks), so
that freeing them hands them back at once.

Python's cycle collector now and then walks every object there is (some 90,000 in a dream,
25-40 ms on the reference machine): a hitch in the middle of a beat. What is alive once a
dream's first frame is drawn — the modules, the level, the world, the renderer — lives as long
as the dream, so it is set aside (``gc.freeze``) and the collector walks only what was made
since; it is let go when the dream ends (or another begins).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import threading

MAPPED_FROM_BYTES = 1 << 20  # blocks this big or bigger are mapped on their own (see map_big_blocks)
_M_MMAP_THRESHOLD = -3  # (glibc's mallopt parameter)

_libc = _trim = None
if sys.platform.startswith("linux"):
    try:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        _trim = _libc.malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        _libc = _trim = None


def map_big_blocks() -> bool:
    """Have glibc map every block of MAPPED_FROM_BYTES or more on its own, and unmap it as it is
    freed. By default the size above which it maps blocks rises to the largest block freed so far
    (up to 32 MB): after the first paintings, a painting's arrays of a few MB come from the heap,
    and what they leave there scatters it so that a trim can hand little back — the resident size
    crept up dream after dream (341 to 429 MB over six back to back, 293 to 333 MB with this).
    Whether it was set (glibc only)."""
    try:
        return bool(_libc.mallopt(_M_MMAP_THRESHOLD, MAPPED_FROM_BYTES))
    except AttributeError:  # (no glibc: nothing to set)
        return False


map_big_blocks()  # (as the game's view is first imported: before the dream's first painting)


_asked = threading.Event()  # a trim is wanted (asked again while one runs: one more after it)
_trimmer: threading.Thread | None = None


def release_freed_memory() -> None:
    """Have freed heap pages returned to the system (glibc's malloc_trim), soon, by the trimmer
    thread: the caller does not wait for it. A no-op where unavailable."""
    global _trimmer
    if _trim is None:
        return
    if _trimmer is None:
        _trimmer = threading.Thread(target=_trim_when_asked, name="flawed-heap-trim", daemon=True)
        _trimmer.start()
    _asked.set()


def _trim_when_asked() -> None:
    while True:
        _asked.wait()
        _asked.clear()
        _trim(0)  # (ctypes lets go of Python's lock meanwhile)


_let_go = False  # a dream's long-lived were let go, and what it left is not yet collected


def hold_long_lived() -> None:
    """Set everything alive now aside from the cycle collector until let_go_of_long_lived. What
    a dream before this one left (cycles, mostly, which only the collector frees) is collected
    first, or it would be set aside with the rest and held all through this dream: a full
    collection, on the dream's first frame (which follows the loading), in a dream after the first."""
    global _let_go
    if _let_go:
        gc.collect()
        _let_go = False
    gc.freeze()


def let_go_of_long_lived() -> None:
    """The dream is over: what was set aside is collected as usual again."""
    global _let_go
    _let_go = _let_go or gc.get_freeze_count() > 0
    gc.unfreeze()


def release_freed_memory_now() -> None:
    """release_freed_memory, done before it returns (a benchmark's reading between dreams)."""
    if _trim is not None:
        _trim(0)
