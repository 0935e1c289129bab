"""Memory over a dream: handed back to the system after the big one-off builds, and the long-lived set aside from Python's cycle collector.

Painting a floor or a hall makes large temporary arrays. glibc's allocator keeps what they
freed inside the process unless asked, so the resident size would stay at its highest point
(about 130 MB above what is in use, measured over one dream). Asking (malloc_trim) walks the
whole heap: 0.5-30 ms measured at a beat's first frame, so it is asked only at the moments
those builds happen, and on a thread of its own, not in the frame (as Luanti moved its trims
off its main thread, luanti-org/luanti#14744; glibc locks each arena as it trims it).
Elsewhere than glibc it does nothing.

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

_trim = None
if sys.platform.startswith("linux"):
    try:
        _trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        _trim = None


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


def hold_long_lived() -> None:
    """Set everything alive now aside from the cycle collector until let_go_of_long_lived."""
    gc.freeze()


def let_go_of_long_lived() -> None:
    """The dream is over: what was set aside is collected as usual again."""
    gc.unfreeze()
