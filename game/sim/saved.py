"""Reading a saved game back: the checks every system's ``from_json`` shares.

Saved state is checked as state, not only as JSON: numbers finite and in range, counts whole,
before any of it reaches a world. Each check raises ValueError naming what it found.
"""

from __future__ import annotations

import math


def finite(value, what: str, low: float = -math.inf, high: float = math.inf) -> float:
    """A number that must be finite (and within low..high)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, found {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{what} must be from {low:g} to {high:g}, found {value!r}")
    return float(value)


def count(value, what: str) -> int:
    """A whole number from 0."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise ValueError(f"{what} must be a whole number from 0, found {value!r}")
    return value


def flag(value, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{what} must be true or false, found {value!r}")
    return value


def mapping(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be an object, found {type(value).__name__}")
    return value
