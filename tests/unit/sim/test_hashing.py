"""Canonical hashing is exact and ordered."""

import enum

import numpy as np
import pymunk
import pytest

from game.sim.hashing import canonical, digest


def test_floats_are_exact():
    assert digest((0.1 + 0.2,)) != digest((0.3,))
    assert digest((1.0,)) != digest((1,))


def test_structure_matters():
    assert canonical((("a", "b"), "c")) != canonical(("a", ("b", "c")))
    assert canonical(("ab",)) != canonical(("a", "b"))


def test_unhashable_things_are_refused():
    with pytest.raises(TypeError):
        digest(({"a": 1},))


class Colour(str, enum.Enum):
    RED = "red"


class Rank(enum.IntEnum):
    HIGH = 3


def test_every_kind_of_value_keeps_its_bytes():
    # The bytes the first encoder wrote: the fast paths for plain types must not change a hash.
    value = (None, True, False, 0, -7, 1.5, -0.0, 0.1, np.float64(0.25), "ab", Colour.RED, Rank.HIGH, [1, (2.0,)], pymunk.Vec2d(1.0, -2.5), (), [])
    assert canonical(value) == (
        b"(NTFi0i-7f0x1.8000000000000p+0f-0x0.0p+0f0x1.999999999999ap-4f0x1.0000000000000p-2s2:abs3:redi3"
        b"(i1(f0x1.0000000000000p+1))(f0x1.0000000000000p+0f-0x1.4000000000000p+1)()())"
    )
