"""Canonical digests of nested plain values: exact floats, stable ordering, the same bytes in every process.

The world's state hash (``game/sim/hashing.py``) and a level's digest (``game.level.generate.level_digest``)
are both made here, so neither room reaches into the other for it.
"""

from __future__ import annotations

import enum
import hashlib


def _encode_any(value, out: list[str]) -> None:
    """Every kind of value, by isinstance (subclasses: enums, numpy floats, Vec2d...)."""
    # Order matters: bool is an int, and str enums are strs.
    if value is None:
        out.append("N")
    elif isinstance(value, bool):
        out.append("T" if value else "F")
    elif isinstance(value, enum.Enum):
        _encode(value.value, out)
    elif isinstance(value, int):
        out.append(f"i{value}")
    elif isinstance(value, float):
        out.append(f"f{value.hex()}")  # exact: no rounding, no locale
    elif isinstance(value, str):
        out.append(f"s{len(value)}:{value}")
    elif isinstance(value, (tuple, list)):
        out.append("(")
        for item in value:
            _encode(item, out)
        out.append(")")
    elif hasattr(value, "x") and hasattr(value, "y"):  # pymunk.Vec2d and friends
        _encode((float(value.x), float(value.y)), out)
    else:
        raise TypeError(f"cannot hash a {type(value).__name__} canonically: {value!r}")


def _encode(value, out: list[str]) -> None:
    # A hash is taken every HASH_INTERVAL ticks while recording or replaying, over thousands of
    # values: the plain types go by their exact type first, and write what _encode_any would.
    kind = type(value)
    if kind is float:
        out.append("f" + value.hex())
    elif kind is tuple or kind is list:
        out.append("(")
        for item in value:
            _encode(item, out)
        out.append(")")
    elif kind is int:
        out.append(f"i{value}")
    elif kind is bool:
        out.append("T" if value else "F")
    else:
        _encode_any(value, out)


def canonical(value) -> bytes:
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode()


def digest(value) -> str:
    """A short hex digest of a nested tuple of plain values."""
    return hashlib.blake2b(canonical(value), digest_size=12).hexdigest()
