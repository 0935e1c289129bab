"""Memory over a dream: handed back to the system after the big one-off builds, and the long-lived set aside from Python's cycle collector.

Painting a floor or a hall makes large temporary arrays. glibc's allocator keeps what they
freed inside the process unless asked, so the resident size would stay at its highest point
(about 130 MB above what is in use, measured over one dream). Asking costs a few ms, so it
is done only at the moments those builds happen. Elsewhere than glibc it does nothing.

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

_trim = None
if sys.platform.startswith("linux"):
    try:
        _trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        _trim = None


def release_freed_memory() -> None:
    """Return freed heap pages to the system (glibc's malloc_trim); a no-op where unavailable."""
    if _trim is not None:
        _trim(0)


def hold_long_lived() -> None:
    """Set everything alive now aside from the cycle collector until let_go_of_long_lived."""
    gc.freeze()


def let_go_of_long_lived() -> None:
    """The dream is over: what was set aside is collected as usual again."""
    gc.unfreeze()
