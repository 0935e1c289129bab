"""The room breaking apart: walls and props torn loose as pymunk fragments and spiralled into the swirl.

Fragments are bodies without shapes (they collide with nothing, so hundreds cost little). Each
waits for its moment to tear loose — the far ones first, the room closing in on the dreamer —
then the swirl takes it, and it shrinks into colour as it nears the eye.
"""

from __future__ import annotations

import math

import numpy as np
import pymunk
import pymunk.batch

from game.level.model import TILE_SIZE
from game.sim.vortex import Swirl
from game.sim.timestep import DT


# Tuning.
MAX_WALL_FRAGMENTS = 260  # wall tiles torn loose (the nearest to the dreamer: what is seen)
SEEN_RADIUS_PX = 900.0  # only walls within this of the dreamer break visibly
FRAGMENT_MASS = 1.0
TEAR_FIRST_S = 0.8  # the first fragments tear loose this long after the lights snap on
TEAR_LAST_S = 4.6  # and the last by then
TEAR_JITTER_S = 0.7  # each fragment's moment wanders by up to this much
KICK_PX_S = 90.0  # fragments leave their place with this much speed (px/s)
SPIN_MAX = 3.0  # rad/s of tumble, at most
FADE_S = 2.2  # a fragment shrinks into colour over this long after tearing loose
DEBRIS_SWIRL_STRENGTH = 2.4  # the debris is pulled harder than the dreamer will be
HELD = (-1.0, 0.0, 0.0, 0.0)  # the pose (see Debris.poses) of a fragment still in its place
BODY_POSE = pymunk.batch.BodyFields.BODY_ID | pymunk.batch.BodyFields.POSITION | pymunk.batch.BodyFields.ANGLE


class Fragment:
    """A piece of wall or a prop: where it was, when it tears loose, and its body once it has."""

    def __init__(self, kind: str, x: float, y: float, width: float, height: float, tear_tick: int, spin: float, source: int):
        self.kind = kind  # "wall" or a prop kind
        self.home = (x, y)
        self.size = (width, height)
        self.tear_tick = tear_tick  # ticks after the lights came on
        self.spin = spin
        self.source = source  # the prop's index, or -1 for a wall piece
        self.body: pymunk.Body | None = None
        self.age = 0  # ticks since it tore loose

    @property
    def loose(self) -> bool:
        return self.body is not None

    @property
    def fade(self) -> float:
        """0 whole .. 1 gone into colour."""
        return min(1.0, self.age * DT / FADE_S)

    @property
    def position(self) -> tuple[float, float]:
        if self.body is None:
            return self.home
        return (self.body.position.x, self.body.position.y)

    @property
    def angle(self) -> float:
        return self.body.angle if self.body is not None else 0.0

    def hash_state(self) -> tuple:
        body = None if self.body is None else (self.body.position, self.body.velocity, self.body.angle, self.body.angular_velocity)
        return (self.kind, self.home, self.size, self.tear_tick, self.spin, self.source, self.age, body)


class Debris:
    """Every fragment of the dissolving room, and the swirl that takes them."""

    def __init__(self, world, centre: tuple[float, float]):
        self.swirl = Swirl(centre, world.settings.reduce_motion, strength=DEBRIS_SWIRL_STRENGTH)
        self.ticks = 0
        rng = world.rng("debris")
        cx, cy = centre
        walls = []
        level = world.level
        for row in range(level.height):
            for col in range(level.width):
                if level.walls[row][col]:
                    x, y = level.cell_center(col, row)
                    distance = math.hypot(x - cx, y - cy)
                    if distance <= SEEN_RADIUS_PX:
                        walls.append((distance, col, row, x, y))
        walls.sort()
        walls = walls[:MAX_WALL_FRAGMENTS]
        far = max((w[0] for w in walls), default=1.0) or 1.0
        self.fragments: list[Fragment] = []
        span = TEAR_LAST_S - TEAR_FIRST_S
        for distance, col, row, x, y in walls:
            # Far ones first: the room closes in on the dreamer.
            when = TEAR_FIRST_S + span * (1.0 - distance / far) + rng.uniform(-TEAR_JITTER_S, TEAR_JITTER_S) * 0.5
            when = min(TEAR_LAST_S, max(TEAR_FIRST_S, when))
            self.fragments.append(Fragment("wall", x, y, TILE_SIZE, TILE_SIZE, int(when * 60), rng.uniform(-SPIN_MAX, SPIN_MAX), -1))
        for prop in world.props:
            x, y = prop.position
            distance = math.hypot(x - cx, y - cy)
            when = TEAR_FIRST_S + span * 0.5 * (1.0 - min(1.0, distance / far)) + rng.uniform(0.0, TEAR_JITTER_S)
            spec = prop.spec
            self.fragments.append(Fragment(spec.kind, x, y, spec.width, spec.height, int(min(TEAR_LAST_S, when) * 60), rng.uniform(-SPIN_MAX, SPIN_MAX), prop.index))
        self.space = world.space
        self._torn: dict[int, int] = {}  # a loose fragment's body's id: the fragment's index (see poses)
        self._by_id, self._index = np.zeros(0, np.uintp), np.zeros(0, np.intp)  # those ids in order, and their fragments' indices

    def poses(self) -> np.ndarray:
        """Each fragment's (fade, x, y, angle) now, a row each, fade -1 (and the rest 0) while it
        holds: read for every fragment each frame, so the bodies are read in one go (a body's
        own position and angle cost a couple of microseconds each read, hundreds a frame).
        pymunk calls its batch module experimental: a test holds poses() to each fragment's own
        fade, position and angle, so an upgrade that changed it fails there first."""
        rows = np.tile(np.array(HELD), (len(self.fragments), 1))
        if self._torn:
            if len(self._torn) != len(self._by_id):  # (a fragment tore loose since: index the bodies again)
                ids = sorted(self._torn)
                self._by_id, self._index = np.array(ids, np.uintp), np.array([self._torn[body] for body in ids], np.intp)
            data = pymunk.batch.Buffer()
            pymunk.batch.get_space_bodies(self.space, BODY_POSE, data)
            ids = np.frombuffer(data.int_buf(), np.uintp)
            poses = np.frombuffer(data.float_buf(), np.float64).reshape(-1, 3)  # x, y, angle: the fields in order
            at = np.minimum(np.searchsorted(self._by_id, ids), len(self._by_id) - 1)
            ours = self._by_id[at] == ids  # (the space's other bodies: the dreamer, the props)
            index = self._index[at[ours]]
            ages = np.fromiter((fragment.age for fragment in self.fragments), np.float64, len(self.fragments))[index]
            rows[index, 0] = np.minimum(1.0, ages * DT / FADE_S)
            rows[index, 1:] = poses[ours]
        return rows

    @property
    def torn(self) -> int:
        return sum(1 for f in self.fragments if f.loose)

    @property
    def dissolved(self) -> float:
        """0..1: how much of the room has gone into colour."""
        if not self.fragments:
            return min(1.0, self.ticks * DT / (TEAR_LAST_S + FADE_S))
        # Fragment.fade, inline (read every tick over hundreds of fragments); summed in order.
        return sum(min(1.0, f.age * DT / FADE_S) for f in self.fragments) / len(self.fragments)

    def step(self, world) -> None:
        self.ticks += 1
        self.swirl.step()
        loose = []
        for index, fragment in enumerate(self.fragments):
            if fragment.body is None:
                if self.ticks >= fragment.tear_tick:
                    self.tear(world, index)
                continue
            fragment.age += 1
            loose.append(fragment.body)
        # Pushed together after the loop: forces on different bodies do not meet before the space step.
        self.swirl.push_all(loose)

    def tear(self, world, index: int) -> None:
        fragment = self.fragments[index]
        body = pymunk.Body(FRAGMENT_MASS, pymunk.moment_for_box(FRAGMENT_MASS, fragment.size))
        body.position = fragment.home
        ex, ey = self.swirl.eye
        dx, dy = fragment.home[0] - ex, fragment.home[1] - ey
        distance = max(1.0, math.hypot(dx, dy))
        # Torn inward and sideways, so it joins the turning of the swirl.
        body.velocity = ((-dx - dy) / distance * KICK_PX_S, (-dy + dx) / distance * KICK_PX_S)
        body.angular_velocity = fragment.spin
        self.space.add(body)
        fragment.body = body
        self._torn[body.id] = index
        if fragment.source >= 0:  # the prop itself lets go of the floor and is gone
            prop = world.props[fragment.source]
            world.space.remove(prop.shape, *prop.joints)

    def clear(self) -> None:
        """Take every loose fragment out of the space (the room is gone)."""
        for fragment in self.fragments:
            if fragment.body is not None and fragment.body.space is self.space:
                self.space.remove(fragment.body)

    def hash_state(self) -> tuple:
        return (self.ticks, self.swirl.hash_state(), tuple(f.hash_state() for f in self.fragments))
