"""Bodies: when a prop counts as pushed, and its outline as it moves."""

from __future__ import annotations

import math

import pytest

from game.level.model import Level
from game.sim.bodies import MOVING_SPEED
from game.sim.events import PropPushed
from game.sim.world import World

ROOM = ["#########", "#S.c..C.#", "#########"]


class Listener:
    """Just enough of a world for PropBody.step: the tick and the events it emits."""

    tick = 0

    def __init__(self):
        self.events = []

    def emit(self, event) -> None:
        self.events.append(event)


@pytest.mark.parametrize(
    ("velocity", "spin", "pushed"),
    [
        ((0.0, 0.0), 0.0, False),
        ((MOVING_SPEED * 0.99, 0.0), 0.0, False),
        ((MOVING_SPEED * 0.6, MOVING_SPEED * 0.8 + 1e-9), 0.0, True),
        ((0.0, -MOVING_SPEED * 1.01), 0.0, True),
        ((3.0, 0.0), 40.0, False),  # spinning in place is not being pushed along
    ],
)
def test_a_prop_counts_as_pushed_only_faster_than_the_threshold(velocity, spin, pushed):
    world = World(Level.from_ascii(ROOM, seed=2))
    prop = next(p for p in world.props if p.spec.movable)
    prop.body.velocity, prop.body.angular_velocity = velocity, spin
    listener = Listener()
    prop.step(listener)
    prop.step(listener)  # still moving: no second event
    assert [type(e) for e in listener.events] == ([PropPushed] if pushed else [])
    assert prop.was_moving is pushed
    if pushed:
        assert listener.events[0].speed == pytest.approx(math.hypot(*velocity))


def test_a_props_outline_follows_it_when_it_moves_or_turns():
    world = World(Level.from_ascii(ROOM, seed=2))
    for prop in world.props:
        before = prop.corners()
        assert before == prop.corners()
        x, y = prop.position
        prop.body.position = (x + 10.0, y - 4.0)
        moved = prop.corners()
        assert [(round(a - c, 9), round(b - d, 9)) for (a, b), (c, d) in zip(moved, before)] == [(10.0, -4.0)] * len(before)
        prop.body.angle = math.pi / 2
        turned = prop.corners()
        assert sorted(turned) != sorted(moved) or prop.spec.width == prop.spec.height
        turned.append((0.0, 0.0))  # the caller's list is its own
        assert len(prop.corners()) == len(before)
