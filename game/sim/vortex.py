"""The swirl: a field of tangential and radial pulls around a calm eye, applied as pymunk forces.

The same field tears the backstage apart in ``lights_on`` and fills the vortex level. The
dreamer swims in it (``swim``); fragments of the backstage orbit in it (``Orbiter``). With
reduce-motion the whole swirl turns slower and pulls more gently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymunk

from game.sim.events import Event
from game.sim.timestep import DT
from game.sim.chipmunk import handle, lib as chipmunk


# Tuning (px, px/s, px/s²).
EYE_RADIUS = 56.0  # inside this the air is still: the calm eye
EYE_CALM_PX = 110.0  # the still air round the eye holds a swimmer back more the nearer the eye...
EYE_HOLD = 10.0  # ...by this much drag (1/s) at its heart, so a stroke that arrives fast is caught there
SPIN_ACCEL = 280.0  # the tangential pull at its strongest
DRIFT_ACCEL = 150.0  # the outward (radial) pull at its strongest
PULL_PEAK_PX = 260.0  # distance from the eye where the pulls are strongest
PULL_REACH_PX = 1400.0  # beyond this the pulls have faded to a quarter
GUST_HZ = 0.23  # the pulls breathe in gusts this often
GUST_DEPTH = 0.35  # ...by this share of their strength
SWIM_ACCEL = 520.0  # the dreamer's own push through the swirl
SWIM_TOP_SPEED = 210.0  # px/s the dreamer's swimming tops out at
SWIM_DRAG = 2.0  # 1/s: the air of the dream holds everything back
SWIM_EASES_THE_SPIN = 0.6  # swimming straight for the eye, the swirl's turning pull on the dreamer eases by this share
SWIM_DRAWN_IN = 0.8  # ...and its outward pull turns into a draw toward the eye this strong (a share of it)
FIELD_TURN_PER_S = 0.9  # rad/s the colour field turns at the peak (for the renderer and the orbits)
REDUCED_MOTION = 0.4  # reduce-motion multiplies the swirl's speeds and pulls by this
# Orbiting fragments.
ORBIT_SPRING = 2.2  # 1/s²: how firmly an orbiter keeps to its ring
ORBIT_DAMPING = 1.4  # 1/s
ORBIT_MASS = 1.0


@dataclass(frozen=True)
class VortexEntered(Event):
    eye_x: float
    eye_y: float


@dataclass(frozen=True)
class EyeReached(Event):
    pass


def profile(distance: float) -> float:
    """0..1: how hard the swirl pulls at this distance from the eye (still in the eye)."""
    if distance <= EYE_RADIUS:
        return 0.0
    rise = min(1.0, (distance - EYE_RADIUS) / max(1.0, PULL_PEAK_PX - EYE_RADIUS))
    if distance <= PULL_PEAK_PX:
        return rise * rise * (3.0 - 2.0 * rise)
    fall = (distance - PULL_PEAK_PX) / (PULL_REACH_PX - PULL_PEAK_PX)
    return max(0.25, 1.0 - 0.75 * min(1.0, fall))


class Swirl:
    """The field itself: where the eye is, how it turns, and the pull it exerts anywhere."""

    def __init__(self, eye: tuple[float, float], reduce_motion: bool = False, strength: float = 1.0):
        self.eye = (float(eye[0]), float(eye[1]))
        self.motion = REDUCED_MOTION if reduce_motion else 1.0
        self.strength = strength  # 0..1, for swirls that are still gathering
        self.turn = 0.0  # rad the field has turned (the renderer spins its colours by it)
        self.seconds = 0.0

    @property
    def gust(self) -> float:
        return 1.0 + GUST_DEPTH * math.sin(2 * math.pi * GUST_HZ * self.seconds)

    @property
    def spin_rate(self) -> float:
        """rad/s the field's colours turn now."""
        return FIELD_TURN_PER_S * self.motion * self.strength

    def step(self) -> None:
        self.seconds += DT
        self.turn += self.spin_rate * DT

    def pull(self, x: float, y: float, spin_share: float = 1.0, drift_share: float = 1.0) -> tuple[float, float]:
        """The swirl's acceleration at (x, y): counter-clockwise around the eye, and outward
        (each part scaled by its share; a negative drift share draws toward the eye)."""
        dx, dy = x - self.eye[0], y - self.eye[1]
        distance = math.hypot(dx, dy)
        if distance < 1e-6:
            return (0.0, 0.0)
        ux, uy = dx / distance, dy / distance
        k = profile(distance) * self.gust * self.motion * self.strength
        spin, drift = SPIN_ACCEL * k * spin_share, DRIFT_ACCEL * k * drift_share
        return (-uy * spin + ux * drift, ux * spin + uy * drift)

    def push(self, body: pymunk.Body, spin_share: float = 1.0, drift_share: float = 1.0) -> None:
        """Apply the pull to a body as a pymunk force (integrated in the coming space step)."""
        ax, ay = self.pull(body.position.x, body.position.y, spin_share, drift_share)
        body.apply_force_at_world_point((ax * body.mass, ay * body.mass), body.position)

    def push_all(self, bodies) -> None:
        """push() each of many bodies (the torn-loose room): the same forces to the last bit, with
        the field's numbers read once and Chipmunk called directly (no Vec2d per call)."""
        ex, ey = self.eye
        gust, motion, strength = self.gust, self.motion, self.strength
        position, mass_of, apply = chipmunk.cpBodyGetPosition, chipmunk.cpBodyGetMass, chipmunk.cpBodyApplyForceAtWorldPoint
        hypot = math.hypot
        for body in bodies:
            c_body = handle(body)
            p = position(c_body)
            x, y = p.x, p.y
            dx, dy = x - ex, y - ey
            distance = hypot(dx, dy)
            if distance < 1e-6:
                ax = ay = 0.0
            else:  # pull(), inline
                ux, uy = dx / distance, dy / distance
                k = profile(distance) * gust * motion * strength
                spin, drift = SPIN_ACCEL * k, DRIFT_ACCEL * k
                ax, ay = -uy * spin + ux * drift, ux * spin + uy * drift
            mass = mass_of(c_body)
            apply(c_body, (ax * mass, ay * mass), (x, y))  # scale 1: x * 1.0 is x, bit for bit

    def hash_state(self) -> tuple:
        return (self.eye, self.motion, self.strength, self.turn, self.seconds)


def swim(player, swirl: Swirl, move: tuple[float, float]) -> None:
    """The dreamer's stroke: their own push plus drag; the swirl's pull goes in as a force. Swim
    toward the eye and the swirl gives way: its turning eases and its outward pull becomes a draw
    inward, so the way there is felt and a stroke a little off still gets there."""
    body = player.body
    mx, my = (0.0, 0.0) if player.frozen else move
    if mx or my:
        player.facing = (mx, my)
    vx, vy = body.velocity
    ex, ey = swirl.eye[0] - body.position.x, swirl.eye[1] - body.position.y
    distance = math.hypot(ex, ey)
    calm = max(0.0, 1.0 - distance / EYE_CALM_PX)
    drag = max(0.0, 1.0 - (SWIM_DRAG + EYE_HOLD * calm) * DT)
    vx, vy = vx * drag + mx * SWIM_ACCEL * DT, vy * drag + my * SWIM_ACCEL * DT
    speed = math.hypot(vx, vy)
    if speed > SWIM_TOP_SPEED * 1.6:  # the swirl may carry the dreamer faster than they swim
        vx, vy = vx * SWIM_TOP_SPEED * 1.6 / speed, vy * SWIM_TOP_SPEED * 1.6 / speed
    body.velocity = (vx, vy)
    reach = distance * math.hypot(mx, my)
    toward = max(0.0, (ex * mx + ey * my) / reach) if reach > 1e-9 else 0.0
    swirl.push(body, 1.0 - SWIM_EASES_THE_SPIN * toward, 1.0 - (1.0 + SWIM_DRAWN_IN) * toward)


class Orbiter:
    """A fragment of the backstage (a tool, a shred of the masterpiece) circling the eye."""

    def __init__(self, space: pymunk.Space, swirl: Swirl, kind: str, name: str, radius: float, angle: float, spin: float):
        self.kind = kind  # "tool" or "shred"
        self.name = name  # the tool id, or the shred's index
        self.ring = radius  # px from the eye it keeps to
        self.spin = spin  # rad/s it tumbles
        self.body = pymunk.Body(ORBIT_MASS, pymunk.moment_for_circle(ORBIT_MASS, 0, 8))
        ex, ey = swirl.eye
        self.body.position = (ex + radius * math.cos(angle), ey + radius * math.sin(angle))
        speed = self.orbit_speed(swirl)
        self.body.velocity = (-math.sin(angle) * speed, math.cos(angle) * speed)
        self.body.angular_velocity = spin
        space.add(self.body)  # no shape: nothing collides with a memory

    def orbit_speed(self, swirl: Swirl) -> float:
        return swirl.spin_rate * self.ring * (0.6 + 0.4 * profile(self.ring))

    def step(self, swirl: Swirl) -> None:
        c_body = handle(self.body)  # Chipmunk directly: the same numbers, no Vec2d per read
        ex, ey = swirl.eye
        p = chipmunk.cpBodyGetPosition(c_body)
        x, y = p.x, p.y
        dx, dy = x - ex, y - ey
        distance = max(1.0, math.hypot(dx, dy))
        ux, uy = dx / distance, dy / distance
        # Keep to the ring, move at the field's pace round it.
        radial = -ORBIT_SPRING * (distance - self.ring)
        want = self.orbit_speed(swirl)
        v = chipmunk.cpBodyGetVelocity(c_body)
        vx, vy = v.x, v.y
        along = -uy * vx + ux * vy
        across = ux * vx + uy * vy
        tangential = (want - along) * ORBIT_DAMPING
        radial -= across * ORBIT_DAMPING
        mass = chipmunk.cpBodyGetMass(c_body)
        fx = (ux * radial - uy * tangential) * mass
        fy = (uy * radial + ux * tangential) * mass
        chipmunk.cpBodyApplyForceAtWorldPoint(c_body, (fx, fy), (x, y))

    @property
    def position(self) -> tuple[float, float]:
        return (self.body.position.x, self.body.position.y)

    def hash_state(self) -> tuple:
        b = self.body
        return (self.kind, self.name, self.ring, self.spin, b.position, b.velocity, b.angle, b.angular_velocity)
