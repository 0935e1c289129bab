"""Physical things in the world: the walls, the player's body and the props it can push."""

from __future__ import annotations

import math

import pymunk

from game.level.model import Level, PropSpec
from game.sim import saved
from game.sim.events import PropPushed
from game.sim.chipmunk import handle, lib as chipmunk

# Collision types, shared by every system that adds shapes to the space.
WALL, PLAYER, PROP, TOOL, DEBRIS = 1, 2, 3, 4, 5

# How the player's body feels (px, px/s, px/s²).
PLAYER_RADIUS = 10.0
PLAYER_MASS = 4.0
PLAYER_MAX_SPEED = 150.0
PLAYER_ACCELERATION = 1100.0  # towards the wanted velocity while a direction is held
PLAYER_FRICTION = 1400.0  # towards rest when nothing is held

# Props slide on the floor against this much friction (px/s² of deceleration).
PROP_FLOOR_FRICTION = 380.0
PROP_DENSITY = 0.004  # mass per px² of a movable prop's footprint
MOVING_SPEED = 8.0  # px/s: a prop faster than this has been pushed (PropPushed)


def build_walls(space: pymunk.Space, level: Level) -> list[pymunk.Shape]:
    """Merged wall rectangles as static boxes, so bodies slide along seams without catching."""
    shapes = []
    for rect in level.wall_rects():
        x0, y0 = rect.x, rect.y
        x1, y1 = rect.x + rect.width, rect.y + rect.height
        shape = pymunk.Poly(space.static_body, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        shape.friction = 0.4
        shape.collision_type = WALL
        shapes.append(shape)
    space.add(*shapes)
    return shapes


def approach(current: float, target: float, max_delta: float) -> float:
    if current < target:
        return min(current + max_delta, target)
    return max(current - max_delta, target)


class Player:
    """The dreamer: a round body that accelerates, slides to a stop and never spins."""

    def __init__(self, space: pymunk.Space, position: tuple[float, float]):
        self.body = pymunk.Body(PLAYER_MASS, math.inf)
        self.body.position = position
        self.shape = pymunk.Circle(self.body, PLAYER_RADIUS)
        self.shape.friction = 0.0
        self.shape.collision_type = PLAYER
        space.add(self.body, self.shape)
        # Read and written every tick (and by the bot many times a tick): straight through
        # Chipmunk, not through Body properties that build a Vec2d each time. Same numbers.
        self._body = handle(self.body)
        self.facing = (0.0, -1.0)  # the last direction walked, for the sprite and for reaching
        self.frozen = False  # held still by the story (close-ups, breathing)

    @property
    def position(self) -> tuple[float, float]:
        p = chipmunk.cpBodyGetPosition(self._body)
        return (p.x, p.y)

    @property
    def velocity(self) -> tuple[float, float]:
        v = chipmunk.cpBodyGetVelocity(self._body)
        return (v.x, v.y)

    def drive(self, move: tuple[float, float], dt: float, speed_scale: float = 1.0) -> None:
        """Accelerate towards the move vector (unit circle) times the top speed."""
        mx, my = (0.0, 0.0) if self.frozen else move
        top = PLAYER_MAX_SPEED * speed_scale
        v = chipmunk.cpBodyGetVelocity(self._body)
        if mx or my:
            self.facing = (mx, my)
            rate = PLAYER_ACCELERATION * dt
        else:
            rate = PLAYER_FRICTION * dt
        chipmunk.cpBodySetVelocity(self._body, (approach(v.x, mx * top, rate), approach(v.y, my * top, rate)))

    def place(self, position: tuple[float, float]) -> None:
        self.body.position = position
        self.body.velocity = (0.0, 0.0)

    def to_json(self) -> list[float]:
        return list(self.position)

    @staticmethod
    def position_from_json(data) -> tuple[float, float]:
        """A saved position: two finite numbers (whether it is on the floor is the world's to say)."""
        if not isinstance(data, list) or len(data) != 2:
            raise ValueError(f"player must be a position [x, y], found {data!r}")
        return (saved.finite(data[0], "player x"), saved.finite(data[1], "player y"))

    def hash_state(self) -> tuple:
        # (x, y) tuples hash to the same bytes as the Vec2d the Body properties would give.
        body = self._body
        p, v = chipmunk.cpBodyGetPosition(body), chipmunk.cpBodyGetVelocity(body)
        return ((p.x, p.y), (v.x, v.y), self.facing, self.frozen)


class PropBody:
    """A crate, rack or flat. Movable ones slide when pushed and rub to a halt on the floor."""

    def __init__(self, space: pymunk.Space, floor: pymunk.Body, spec: PropSpec, index: int):
        self.spec = spec
        self.index = index
        w, h = spec.width, spec.height
        if spec.movable:
            mass = max(1.0, w * h * PROP_DENSITY)
            self.body = pymunk.Body(mass, pymunk.moment_for_box(mass, (w, h)))
            # A pivot and a gear to the floor with limited force: top-down floor friction.
            self.joints = [pymunk.PivotJoint(floor, self.body, (0, 0), (0, 0)), pymunk.GearJoint(floor, self.body, 0.0, 1.0)]
            self.joints[0].max_bias = 0.0
            self.joints[0].max_force = mass * PROP_FLOOR_FRICTION
            self.joints[1].max_bias = 0.0
            self.joints[1].max_force = mass * PROP_FLOOR_FRICTION * 40.0
        else:
            self.body = pymunk.Body(body_type=pymunk.Body.STATIC)
            self.joints = []
        self.body.position = (spec.x, spec.y)
        self.shape = pymunk.Poly.create_box(self.body, (w, h))
        self.shape.friction = 0.6
        self.shape.collision_type = PROP
        space.add(self.body, self.shape, *self.joints)
        self.was_moving = False
        self._body = handle(self.body)
        self._corners_where: tuple | None = None  # (x, y, angle) the outline below was worked out at
        self._corners: list[tuple[float, float]] = []
        # Below this kinetic energy (m v² + I w², one C call) the prop is surely slower than
        # MOVING_SPEED (by a factor √2, far beyond any rounding), so most ticks need no velocity.
        self._still_energy = 0.5 * self.body.mass * MOVING_SPEED * MOVING_SPEED if spec.movable else 0.0

    @property
    def position(self) -> tuple[float, float]:
        p = chipmunk.cpBodyGetPosition(self._body)
        return (p.x, p.y)

    @property
    def angle(self) -> float:
        return self.body.angle

    def corners(self) -> list[tuple[float, float]]:
        """The prop's outline in world pixels, counter-clockwise (for shadows and drawing)."""
        # Worked out again only when the prop has moved or turned: the bot's planner asks for
        # every prop's outline each time it plans, and most props never move.
        handle = self._body
        p = chipmunk.cpBodyGetPosition(handle)
        where = (p.x, p.y, chipmunk.cpBodyGetAngle(handle))
        if where != self._corners_where:
            self._corners_where = where
            self._corners = [(v.x, v.y) for v in (self.body.local_to_world(p) for p in self.shape.get_vertices())]
        return list(self._corners)

    def step(self, world) -> None:
        if not self.spec.movable:
            return
        if chipmunk.cpBodyKineticEnergy(self._body) < self._still_energy:
            self.was_moving = False
            return
        v = chipmunk.cpBodyGetVelocity(self._body)
        speed = math.sqrt(v.x**2 + v.y**2)  # as Vec2d.length
        moving = speed > MOVING_SPEED
        if moving and not self.was_moving:
            world.emit(PropPushed(world.tick, self.index, speed))
        self.was_moving = moving

    def hash_state(self) -> tuple:
        body = self._body
        p, v = chipmunk.cpBodyGetPosition(body), chipmunk.cpBodyGetVelocity(body)
        return ((p.x, p.y), (v.x, v.y), chipmunk.cpBodyGetAngle(body), chipmunk.cpBodyGetAngularVelocity(body))
