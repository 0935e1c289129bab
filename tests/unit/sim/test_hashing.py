"""Canonical hashing is exact and ordered."""

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
