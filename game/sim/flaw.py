"""The flaw in the masterpiece: a tiny knot near the centre that only ever grows darker and wider.

Everything is in canvas coordinates: ``(u, v)`` in 0..1 across the masterpiece, ``v`` up, the
centre at (0.5, 0.5). The flaw is a list of ``Blot``s (soft ellipses of darkened colour); each
failed repair adds to it. The player's play chooses *where* the new darkness gathers, its
shape and its colour (a ``Mark``); whether it grows is never in question.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from game.sim import saved
from game.sim.events import Event

# Tuning (canvas units are fractions of the masterpiece's width).
START_SEVERITY = 0.02  # nearly invisible when first noticed
SEVERITY_LIMIT = 1.0  # past this the flaw mars the whole composition and the repair beat ends
CENTRE_WANDER = 0.08  # the flaw starts at most this far from the centre (< 10 %)
START_RADIUS = 0.015  # canvas units: a discoloured knot a few threads wide
START_DARKNESS = 0.85  # 0 invisible .. 1 black, of the first blot
MIN_WORSENING = 0.02  # the smallest severity any failure adds, so it always grows
GROWTH_PER_SEVERITY = 1.1  # every blot's radius grows by this fraction per unit of severity added
BODY_PER_SEVERITY = 0.2  # canvas units: the knot's radius is at least START_RADIUS plus this per unit of severity,
#                           so whatever the marks, at SEVERITY_LIMIT the flaw is a splotch across the middle
NEW_BLOT_BASE = 0.035  # canvas units: a new blot's radius when the flaw is young...
NEW_BLOT_PER_SEVERITY = 0.11  # ...plus this much per unit of the flaw's severity
REACH_PER_SEVERITY = 0.12  # how far from the flaw's body a new blot may land, per severity
DARKEN_PER_SEVERITY = 0.6  # every blot darkens by this per unit of severity added
NEW_BLOT_DARKNESS = 0.75  # how dark new darkness lands (plus 0.3 per unit of severity)
MAX_BLOTS = 32  # old blots merge into their neighbours beyond this (keeps the shader small)
KNOT_COLOUR = (92, 64, 52)  # the first discolouration: a dull umber
BLOT_KINDS = ("blot", "streak", "ring", "web", "glaze")  # how the renderer edges a blot


@dataclass(frozen=True)
class Mark:
    """How one failed attempt spoils the flaw; the minigame's play decides every field."""

    u: float  # where the new darkness gathers, canvas coordinates
    v: float
    angle: float = 0.0  # rad, the direction the new darkness stretches along
    stretch: float = 1.0  # 1 round .. 4 a long streak
    colour: tuple[int, int, int] = KNOT_COLOUR
    kind: str = "blot"  # "blot", "streak", "ring", "web", "glaze": how the renderer edges it


@dataclass
class Blot:
    """One soft ellipse of darkness: the flaw is the union of its blots."""

    u: float
    v: float
    radius: float  # canvas units, along the short axis
    stretch: float  # long axis / short axis, >= 1
    angle: float  # rad
    darkness: float  # 0..1
    colour: tuple[int, int, int]
    kind: str = "blot"

    @property
    def area(self) -> float:
        return math.pi * self.radius * self.radius * self.stretch

    def hash_state(self) -> tuple:
        return (self.u, self.v, self.radius, self.stretch, self.angle, self.darkness, self.colour, self.kind)


@dataclass(frozen=True)
class FlawWorsened(Event):
    severity: float
    added: float
    u: float  # where it spread
    v: float
    kind: str


class Flaw:
    """The imperfection: severity, area, darkness, shape (its blots), colour, centre."""

    def __init__(self, rng: random.Random):
        angle = rng.uniform(0.0, 2.0 * math.pi)
        reach = CENTRE_WANDER * math.sqrt(rng.random())
        self.centre = (0.5 + reach * math.cos(angle), 0.5 + reach * math.sin(angle))
        self.severity = START_SEVERITY
        self.blots: list[Blot] = [
            Blot(self.centre[0], self.centre[1], START_RADIUS, 1.3, rng.uniform(0, math.pi), START_DARKNESS, KNOT_COLOUR, "blot")
        ]
        self.worsenings = 0
        self.last_worsened_tick = -1  # for the renderer's ease-in of new darkness
        self.noticed = False  # the dreamer has seen it (the flaw beat)
        self.recompose = 0.0  # 0..1, set by the acceptance beat: at 1 the flaw is the composition's focus

    # -- reading ---------------------------------------------------------------------------

    @property
    def area(self) -> float:
        """Canvas area covered (sum of the blots' ellipses; it only grows)."""
        return sum(blot.area for blot in self.blots)

    @property
    def darkness(self) -> float:
        """0..1, how dark the heart of the flaw is."""
        return min(1.0, START_DARKNESS + (1.0 - START_DARKNESS) * min(1.0, self.severity))

    @property
    def colour(self) -> tuple[int, int, int]:
        """The area-weighted colour of the darkness."""
        total = self.area
        return tuple(int(round(sum(b.colour[i] * b.area for b in self.blots) / total)) for i in range(3))

    @property
    def extent(self) -> float:
        """Canvas units from the centre to the far edge of the farthest blot."""
        cu, cv = self.centre
        return max(math.hypot(b.u - cu, b.v - cv) + b.radius * b.stretch for b in self.blots)

    @property
    def past_limit(self) -> bool:
        return self.severity >= SEVERITY_LIMIT

    # -- changing --------------------------------------------------------------------------

    def set_recompose(self, amount: float) -> None:
        self.recompose = max(0.0, min(1.0, float(amount)))

    def worsen(self, mark: Mark, amount: float, tick: int = -1) -> float:
        """Spread the flaw as the mark says, by at least MIN_WORSENING severity; returns what was added."""
        added = max(MIN_WORSENING, float(amount))
        self.severity += added
        self.worsenings += 1
        self.last_worsened_tick = tick
        grow = 1.0 + GROWTH_PER_SEVERITY * added
        for blot in self.blots:
            blot.radius *= grow
            blot.darkness = min(1.0, blot.darkness + DARKEN_PER_SEVERITY * added)
        knot = self.blots[0]
        knot.radius = max(knot.radius, START_RADIUS + BODY_PER_SEVERITY * self.severity)
        # The new darkness lands where the play pointed, but stays joined to the flaw's body.
        cu, cv = self.centre
        du, dv = mark.u - cu, mark.v - cv
        distance = math.hypot(du, dv)
        reach = REACH_PER_SEVERITY * self.severity + 0.02
        if distance > reach:
            du, dv = du * reach / distance, dv * reach / distance
        u = min(0.97, max(0.03, cu + du))
        v = min(0.97, max(0.03, cv + dv))
        stretch = max(1.0, min(4.0, mark.stretch))
        radius = (NEW_BLOT_BASE + NEW_BLOT_PER_SEVERITY * self.severity) * (0.6 + 2.0 * added) / math.sqrt(stretch)
        self.blots.append(Blot(u, v, radius, stretch, mark.angle, min(1.0, NEW_BLOT_DARKNESS + 0.3 * self.severity), tuple(mark.colour), mark.kind))
        while len(self.blots) > MAX_BLOTS:
            self._merge_oldest()
        return added

    def _merge_oldest(self) -> None:
        # Fold the second-oldest blot into the first (the knot): the knot takes its area and
        # grows until it covers all of it, as dark as the darker of the two, so no part of the
        # canvas ever gets lighter (the area alone would let the old blot's place fade).
        knot, old = self.blots[0], self.blots.pop(1)
        by_area = math.sqrt(knot.radius**2 + old.area / (math.pi * knot.stretch))
        knot.radius = max(by_area, self._reach_of_knot(knot, old))
        knot.darkness = max(knot.darkness, old.darkness)

    @staticmethod
    def _reach_of_knot(knot: Blot, old: Blot) -> float:
        """The knot's short radius at which it holds all of `old` (its centre, stretch and angle
        kept): in the knot's own scaled axes, the old blot's centre plus its longest radius."""
        du, dv = old.u - knot.u, old.v - knot.v
        cos, sin = math.cos(knot.angle), math.sin(knot.angle)
        along, across = (du * cos + dv * sin) / knot.stretch, dv * cos - du * sin
        return math.hypot(along, across) + old.radius * old.stretch

    # -- saved games ----------------------------------------------------------------------

    def to_json(self) -> dict:
        return {
            "centre": list(self.centre),
            "severity": self.severity,
            "worsenings": self.worsenings,
            "noticed": self.noticed,
            "recompose": self.recompose,
            "blots": [[b.u, b.v, b.radius, b.stretch, b.angle, b.darkness, list(b.colour), b.kind] for b in self.blots],
        }

    @classmethod
    def from_json(cls, data) -> "Flaw":
        """A saved flaw, checked as a flaw: finite, on the canvas, at least one blot; ValueError otherwise."""
        data = saved.mapping(data, "flaw")
        flaw = cls.__new__(cls)
        try:
            u, v = data["centre"]
            flaw.centre = (saved.finite(u, "flaw centre u", 0.0, 1.0), saved.finite(v, "flaw centre v", 0.0, 1.0))
            flaw.severity = saved.finite(data["severity"], "flaw severity", 0.0, 1e3)
            flaw.worsenings = saved.count(data["worsenings"], "flaw worsenings")
            flaw.noticed = saved.flag(data["noticed"], "flaw noticed")
            flaw.recompose = saved.finite(data["recompose"], "flaw recompose", 0.0, 1.0)
            blots = data["blots"]
            if not isinstance(blots, list) or not 1 <= len(blots) <= MAX_BLOTS:
                raise ValueError(f"the flaw must have 1 to {MAX_BLOTS} blots")
            flaw.blots = [_blot_from_json(blot) for blot in blots]
        except (KeyError, TypeError) as error:
            raise ValueError(f"flaw is not a flaw's blots ({error.__class__.__name__}: {error})") from None
        flaw.last_worsened_tick = -1
        return flaw

    def hash_state(self) -> tuple:
        return (
            self.centre,
            self.severity,
            self.worsenings,
            self.last_worsened_tick,
            self.noticed,
            self.recompose,
            tuple(b.hash_state() for b in self.blots),
        )


def _blot_from_json(data) -> Blot:
    u, v, radius, stretch, angle, darkness, colour, kind = data
    if not isinstance(colour, list) or len(colour) != 3 or not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in colour):
        raise ValueError(f"a blot's colour must be three whole numbers 0-255, found {colour!r}")
    if kind not in BLOT_KINDS:
        raise ValueError(f"a blot's kind must be one of {', '.join(BLOT_KINDS)}, found {kind!r}")
    return Blot(
        saved.finite(u, "blot u", -1.0, 2.0),
        saved.finite(v, "blot v", -1.0, 2.0),
        saved.finite(radius, "blot radius", 0.0, 10.0),
        saved.finite(stretch, "blot stretch", 1.0, 10.0),
        saved.finite(angle, "blot angle", -1e3, 1e3),
        saved.finite(darkness, "blot darkness", 0.0, 1.0),
        tuple(colour),
        kind,
    )
