"""Actions are clamped, quantised and round-trip through JSON exactly."""

import math

from hypothesis import given
from hypothesis import strategies as st

from game.sim.actions import Actions, Button


@given(st.floats(-5, 5), st.floats(-5, 5), st.sets(st.sampled_from(list(Button))))
def test_json_round_trip_is_exact(x, y, held):
    act = Actions((x, y), frozenset(held))
    assert Actions.from_json(act.to_json()) == act
    assert math.hypot(*act.move) <= 1.0 + 2 / 1024


def test_menu_buttons_never_reach_the_world():
    act = Actions.of(Button.MENU_UP, Button.INTERACT, Button.PAUSE)
    assert act.for_sim().held == frozenset({Button.INTERACT})


@given(st.floats(-5, 5), st.floats(-5, 5))
def test_moves_are_whole_1024ths_inside_the_unit_circle(x, y):
    """Quantised to 1/1024, a power of two: exact in binary, the same in every process and file."""
    move = Actions((x, y)).move
    assert all((component * 1024).is_integer() for component in move), move
    assert math.hypot(*move) <= 1.0
    assert Actions((0.3, -0.7)).move == (307 / 1024, -717 / 1024)
