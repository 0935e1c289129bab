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


# -- never lighter anywhere: each blot, each pixel, across merges ----------------------------------

RASTER = 96  # the canvas sampled as RASTER x RASTER points, enough to see any blot past the first few


def darkness_map(flaw: Flaw):
    """How dark the flaw is at each sample point of the canvas (the darkest blot covering it): an
    independent drawing of the model, so a blot that lightens or shrinks shows where it happened."""
    import numpy as np

    centres = (np.arange(RASTER) + 0.5) / RASTER
    u, v = np.meshgrid(centres, centres)
    dark = np.zeros((RASTER, RASTER))
    for blot in flaw.blots:
        du, dv = u - blot.u, v - blot.v
        cos, sin = math.cos(blot.angle), math.sin(blot.angle)
        along = (du * cos + dv * sin) / (blot.radius * blot.stretch)
        across = (dv * cos - du * sin) / blot.radius
        dark = np.maximum(dark, np.where(along * along + across * across <= 1.0, blot.darkness, 0.0))
    return dark


marks = st.lists(
    st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(-3, 3), st.floats(1, 4), st.floats(0, 0.12)),
    min_size=36,  # past MAX_BLOTS: old blots merge into the knot along the way
    max_size=44,
)


@settings(max_examples=25, deadline=None)
@given(marks)
def test_no_blot_and_no_point_of_the_canvas_ever_gets_lighter(marks):
    from game.sim.flaw import MAX_BLOTS

    flaw = Flaw(random.Random(4))
    before = darkness_map(flaw)
    merges = 0
    for tick, (u, v, angle, stretch, amount) in enumerate(marks):
        blots = [(blot, blot.darkness, blot.radius, blot.area) for blot in flaw.blots]
        knot_area = flaw.blots[0].area
        flaw.worsen(Mark(u, v, angle, stretch), amount, tick)
        kept = {id(blot) for blot in flaw.blots}
        for blot, darkness, radius, _ in blots:
            if id(blot) in kept:  # every blot still there is as dark and as wide as before, or more
                assert blot.darkness >= darkness and blot.radius >= radius, "a blot lightened or shrank"
        gone = [area for blot, _, _, area in blots if id(blot) not in kept]
        if gone:  # merged into the knot: the knot holds their area as well as its own
            merges += 1
            assert flaw.blots[0].area >= knot_area + sum(gone) - 1e-12, "area lost in a merge"
        after = darkness_map(flaw)
        assert (after >= before - 1e-12).all(), f"lighter at {int((after < before - 1e-12).sum())} points after worsening {tick}"
        before = after
    assert len(flaw.blots) == MAX_BLOTS and merges > 0


@settings(max_examples=40, deadline=None)
@given(st.floats(0.2, 0.8), st.floats(0.2, 0.8), st.floats(0.01, 0.08), st.floats(1, 4), st.floats(-3, 3), st.floats(0.1, 0.6), st.floats(0.4, 1.0))
def test_a_merge_never_lightens_where_the_old_blot_was(u, v, radius, stretch, angle, knot_darkness, old_darkness):
    """The knot is usually the darkest and widest blot by the time blots merge, which would hide a
    merge that let the old blot's place fade; here the old one is set darker and off to the side."""
    from game.sim.flaw import Blot

    flaw = Flaw(random.Random(4))
    knot = flaw.blots[0]
    knot.darkness = knot_darkness
    flaw.blots.append(Blot(u, v, radius, stretch, angle, old_darkness, (40, 20, 30), "blot"))
    before = darkness_map(flaw)
    flaw._merge_oldest()
    assert len(flaw.blots) == 1
    after = darkness_map(flaw)
    assert (after >= before - 1e-12).all(), f"lighter at {int((after < before - 1e-12).sum())} points after a merge"
