"""The neutral digest: exact, ordered, and the one both the world's state hash and the level digest use."""

import pytest

from game.digest import canonical, digest


def test_floats_are_exact_and_ints_are_not_floats():
    assert digest((0.1 + 0.2,)) != digest((0.3,))
    assert digest((1.0,)) != digest((1,))
    assert digest((True,)) != digest((1,))


def test_structure_matters():
    assert canonical((("a", "b"), "c")) != canonical(("a", ("b", "c")))
    assert canonical(("ab",)) != canonical(("a", "b"))


def test_a_known_value_keeps_its_digest():
    # The golden level digests rest on these bytes: changing the encoding changes every recording.
    assert canonical((None, True, 3, 0.5, "ab", (1,))) == b"(NTi3f0x1.0000000000000p-1s2:ab(i1))"
    assert digest(()) == digest([])


def test_unhashable_things_are_refused():
    with pytest.raises(TypeError):
        digest(({"a": 1},))
