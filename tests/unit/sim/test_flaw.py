"""The flaw: starts tiny near the centre, only grows, and grows the way the play points."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.flaw import CENTRE_WANDER, SEVERITY_LIMIT, START_SEVERITY, Flaw, Mark


def test_starts_tiny_and_within_ten_percent_of_the_centre():
    for seed in range(200):
        flaw = Flaw(random.Random(f"{seed}:flaw"))
        cu, cv = flaw.centre
        assert math.hypot(cu - 0.5, cv - 0.5) <= min(CENTRE_WANDER, 0.1)
        assert flaw.severity == START_SEVERITY
        assert flaw.area < 0.001  # well under a thousandth of the canvas
        assert flaw.extent < 0.02
        assert not flaw.past_limit


def test_different_seeds_put_it_in_different_places():
    centres = {Flaw(random.Random(f"{seed}:flaw")).centre for seed in range(20)}
    assert len(centres) == 20


def test_a_zero_or_negative_worsening_still_worsens():
    flaw = Flaw(random.Random(1))
    before = flaw.severity
    flaw.worsen(Mark(0.5, 0.5), 0.0)
    mid = flaw.severity
    flaw.worsen(Mark(0.5, 0.5), -3.0)
    assert before < mid < flaw.severity


def test_the_mark_decides_where_shape_and_colour():
    a, b = Flaw(random.Random(3)), Flaw(random.Random(3))
    a.worsen(Mark(a.centre[0] + 0.2, a.centre[1], 0.0, 3.0, (200, 0, 0), "streak"), 0.2)
    b.worsen(Mark(b.centre[0] - 0.2, b.centre[1], 1.5, 1.0, (0, 0, 200), "ring"), 0.2)
    assert a.severity == b.severity  # how much is the same...
    newest_a, newest_b = a.blots[-1], b.blots[-1]
    assert newest_a.u > a.centre[0] > newest_b.u  # ...where it spread is the play's
    assert newest_a.stretch > newest_b.stretch
    assert newest_a.colour != newest_b.colour and a.colour != b.colour
    assert (newest_a.kind, newest_b.kind) == ("streak", "ring")


def test_new_darkness_stays_joined_to_the_flaw():
    flaw = Flaw(random.Random(5))
    flaw.worsen(Mark(0.99, 0.99), 0.2)
    blot = flaw.blots[-1]
    assert math.hypot(blot.u - flaw.centre[0], blot.v - flaw.centre[1]) < 0.2


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(-1, 2), st.floats(-1, 2), st.floats(-10, 10), st.floats(-5, 10),
            st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)), st.floats(-1, 1),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_only_ever_grows(marks):
    flaw = Flaw(random.Random(9))
    for u, v, angle, stretch, colour, amount in marks:
        severity, area, darkness, extent = flaw.severity, flaw.area, flaw.darkness, flaw.extent
        flaw.worsen(Mark(u, v, angle, stretch, colour), amount)
        assert flaw.severity > severity
        assert flaw.area > area
        assert flaw.darkness >= darkness
        assert flaw.extent >= extent - 1e-12
        assert all(0.0 <= b.u <= 1.0 and 0.0 <= b.v <= 1.0 for b in flaw.blots)


def test_passes_its_limit_after_enough_failures():
    flaw = Flaw(random.Random(2))
    for _ in range(10):
        flaw.worsen(Mark(0.5, 0.5), 0.2)
    assert flaw.past_limit and flaw.severity >= SEVERITY_LIMIT


def test_recompose_is_clamped_and_in_the_world_hash(world_factory):
    world = world_factory()
    before = world.state_hash()
    world.flaw.set_recompose(3.0)
    assert world.flaw.recompose == 1.0
    assert world.state_hash() != before


def test_the_flaw_survives_a_level_change(world_factory, room_level):
    world = world_factory()
    world.flaw.worsen(Mark(0.5, 0.5), 0.3)
    severity = world.flaw.severity
    world.load_level(room_level)
    assert world.flaw.severity == severity
