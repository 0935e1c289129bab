"""Hand memory back to the system after the big one-off builds (a level, the hall, the vortex).

Painting a floor or a hall makes large temporary arrays. glibc's allocator keeps what they
freed inside the process unless asked, so the resident size would stay at its highest point
(about 130 MB above what is in use, measured over one dream). Asking costs a few ms, so it
is done only at the moments those builds happen. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
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
