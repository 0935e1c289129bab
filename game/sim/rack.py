"""Craft tools: lying on the floor as small bodies, picked up, carried, selected — and fumbled.

Reaching for a tool while panicked can make it slip from the hand: it becomes a loose body
again that rolls away (bouncing off walls and props, never off the dreamer) and rubs to a stop
on the floor, where the player can walk over and pick it up again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymunk

from game.level.model import ToolSpec
from game.sim.actions import Button
from game.sim import saved
from game.sim.bodies import PLAYER, TOOL
from game.sim.events import Event
from game.tools import TOOL_IDS

PICKUP_REACH = 30.0  # px between the player's centre and a tool's
TOOL_RADIUS = 6.0  # px
TOOL_MASS = 0.5
# Fumbling.
SLIP_FROM_PANIC = 0.3  # below this panic level the grip always holds
SLIP_CHANCE_PER_PANIC = 1.0  # chance per unit of panic above SLIP_FROM_PANIC
SLIP_CHANCE_MAX = 0.5
SLIPS_PER_TOOL = 1  # after slipping once, the hand holds that tool firmly
SLIP_SPEED = 240.0  # px/s the tool leaves the hand at
SLIP_SPIN = 12.0  # rad/s
ROLL_FRICTION = 260.0  # px/s² of deceleration against the floor
SLIP_DROP_DISTANCE = 14.0  # px from the dreamer's centre where the tool leaves the hand


@dataclass(frozen=True)
class ToolPickedUp(Event):
    tool: str


@dataclass(frozen=True)
class HandReached(Event):
    tool: str  # the tool the hand goes for, or "hands" when there is none


@dataclass(frozen=True)
class ToolSlipped(Event):
    tool: str
    x: float  # where it left the hand, px
    y: float
    speed: float  # px/s


class LooseTool:
    """A tool on the floor. Placed tools are sensors; a slipped one is solid so it can roll."""

    def __init__(self, space: pymunk.Space, floor: pymunk.Body, spec: ToolSpec, rolling: bool = False):
        self.tool = spec.tool
        self.rolling = rolling
        self.body = pymunk.Body(TOOL_MASS, pymunk.moment_for_circle(TOOL_MASS, 0, TOOL_RADIUS))
        self.body.position = (spec.x, spec.y)
        self.shape = pymunk.Circle(self.body, TOOL_RADIUS)
        self.shape.collision_type = TOOL
        self.shape.sensor = not rolling
        self.shape.elasticity = 0.5
        self.shape.friction = 0.5
        self.joints: list[pymunk.Constraint] = []
        if rolling:
            # Top-down floor friction, as props have: a pivot and a gear with limited force.
            pivot = pymunk.PivotJoint(floor, self.body, (0, 0), (0, 0))
            gear = pymunk.GearJoint(floor, self.body, 0.0, 1.0)
            for joint, force in ((pivot, TOOL_MASS * ROLL_FRICTION), (gear, TOOL_MASS * ROLL_FRICTION * 4.0)):
                joint.max_bias = 0.0
                joint.max_force = force
            self.joints = [pivot, gear]
        space.add(self.body, self.shape, *self.joints)

    @property
    def position(self) -> tuple[float, float]:
        return (self.body.position.x, self.body.position.y)

    @property
    def speed(self) -> float:
        return self.body.velocity.length

    def remove(self, space: pymunk.Space) -> None:
        space.remove(self.body, self.shape, *self.joints)

    def hash_state(self) -> tuple:
        return (self.tool, self.rolling, self.body.position, self.body.velocity, self.body.angle, self.body.angular_velocity)


def _tools_pass_the_dreamer(arbiter, space, data) -> bool:
    return False  # the dreamer walks over tools; only walls and props stop them


class ToolRack:
    """The tools in the level and the ones the player carries (in pick-up order)."""

    def __init__(self, world, specs):
        self.world = world
        self.space = world.space
        self.floor = world.space.static_body
        self.loose = [LooseTool(world.space, self.floor, spec) for spec in specs]
        self.carried: list[str] = []
        self.selected = 0
        self.reaches = 0  # times the hand went for a tool (seeds each fumble's roll)
        self.slips: dict[str, int] = {}  # tool → times it slipped
        self.hand_out = False  # the hand has started toward a tool (set by a scene, taken by the next)
        handler = world.space.add_collision_handler(TOOL, PLAYER)
        handler.begin = _tools_pass_the_dreamer

    @property
    def selected_tool(self) -> str | None:
        return self.carried[self.selected] if self.carried else None

    def step(self, inp) -> None:
        world = self.world
        if inp.was_pressed(Button.INTERACT):
            loose = self.nearest_loose(world.player.position)
            if loose is not None:
                self.pick_up(loose)
        if inp.was_pressed(Button.NEXT_TOOL) and self.carried and world.minigame is None:
            self.selected = (self.selected + 1) % len(self.carried)

    def nearest_loose(self, position, reach: float = PICKUP_REACH) -> LooseTool | None:
        px, py = position
        best, best_distance = None, reach
        for loose in self.loose:  # list order breaks ties the same way every run
            distance = math.hypot(loose.position[0] - px, loose.position[1] - py)
            if distance <= best_distance:
                best, best_distance = loose, distance
        return best

    def pick_up(self, loose: LooseTool) -> None:
        self.loose.remove(loose)
        loose.remove(self.space)
        self.carried.append(loose.tool)
        self.world.emit(ToolPickedUp(self.world.tick, loose.tool))

    def reach(self, panic_level: float) -> str | None:
        """The hand goes for the selected tool. Returns the tool in hand, or None if it slipped."""
        tool = self.selected_tool
        if tool is None:
            return None
        self.reaches += 1
        rng = self.world.rng(f"fumble:{self.reaches}")
        chance = min(SLIP_CHANCE_MAX, max(0.0, panic_level - SLIP_FROM_PANIC) * SLIP_CHANCE_PER_PANIC)
        roll = rng.random()
        if self.slips.get(tool, 0) < SLIPS_PER_TOOL and roll < chance:
            self.slip(tool, rng.uniform(0.0, 2.0 * math.pi))
            return None
        return tool

    def slip(self, tool: str, angle: float) -> LooseTool:
        """The tool leaves the hand and rolls away along `angle`."""
        world = self.world
        self.carried.remove(tool)
        self.selected = min(self.selected, max(0, len(self.carried) - 1))
        self.slips[tool] = self.slips.get(tool, 0) + 1
        px, py = world.player.position
        x, y = px + SLIP_DROP_DISTANCE * math.cos(angle), py + SLIP_DROP_DISTANCE * math.sin(angle)
        loose = LooseTool(self.space, self.floor, ToolSpec(x, y, tool), rolling=True)
        loose.body.velocity = (SLIP_SPEED * math.cos(angle), SLIP_SPEED * math.sin(angle))
        loose.body.angular_velocity = SLIP_SPIN
        self.loose.append(loose)
        world.emit(ToolSlipped(world.tick, tool, x, y, SLIP_SPEED))
        return loose

    # -- saved games ----------------------------------------------------------------------

    def to_json(self) -> dict:
        return {"carried": list(self.carried)}

    @staticmethod
    def carried_from_json(data) -> list[str]:
        """The tools a saved game carried; ValueError names what is wrong."""
        data = saved.mapping(data, "tools")
        carried = data.get("carried", [])
        if not isinstance(carried, list) or not all(isinstance(tool, str) for tool in carried):
            raise ValueError("tools carried must be a list of tool ids")
        unknown = [tool for tool in carried if tool not in TOOL_IDS]
        if unknown:
            raise ValueError(f"tool {unknown[0]!r} is not a tool (expected one of {', '.join(TOOL_IDS)})")
        if len(set(carried)) != len(carried):
            raise ValueError("a tool is carried twice")
        return carried

    def restore(self, data) -> None:
        """Carry the saved tools again: each is taken from where it lay, without a sound (it was in hand)."""
        for tool in self.carried_from_json(data):
            loose = next((t for t in self.loose if t.tool == tool), None)
            if loose is not None:
                self.loose.remove(loose)
                loose.remove(self.space)
            self.carried.append(tool)

    def hash_state(self) -> tuple:
        return (
            tuple(t.hash_state() for t in self.loose),
            tuple(self.carried),
            self.selected,
            self.reaches,
            tuple(sorted(self.slips.items())),
            self.hand_out,
        )
