"""Actions: the only way anything — keyboard, gamepad, bot, replay — tells the world what to do."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import NamedTuple

MOVE_QUANTUM = 1024  # move vectors are snapped to 1/1024 so replays round-trip exactly


class Button(str, enum.Enum):
    """Buttons a player holds. The world sees which are held each tick and derives presses."""

    INTERACT = "interact"  # inspect the masterpiece, pick up a tool, open a door
    USE_TOOL = "use_tool"  # reach for the selected tool / the minigame's main action
    NEXT_TOOL = "next_tool"
    CALL_HELP = "call_help"
    BREATHE = "breathe"  # breathe in while held; also "hold the frame" in the reveal
    ACCEPT = "accept"
    CANCEL = "cancel"  # leave a minigame
    PAUSE = "pause"  # handled by the views, never by the world
    MENU_UP = "menu_up"
    MENU_DOWN = "menu_down"
    MENU_LEFT = "menu_left"
    MENU_RIGHT = "menu_right"
    MENU_CONFIRM = "menu_confirm"
    MENU_BACK = "menu_back"


# Buttons the simulation reacts to; the rest belong to menus and never reach World.step.
SIM_BUTTONS = frozenset(
    {
        Button.INTERACT,
        Button.USE_TOOL,
        Button.NEXT_TOOL,
        Button.CALL_HELP,
        Button.BREATHE,
        Button.ACCEPT,
        Button.CANCEL,
    }
)


def quantize(value: float) -> float:
    return round(max(-1.0, min(1.0, value)) * MOVE_QUANTUM) / MOVE_QUANTUM


@dataclass(frozen=True)
class Actions:
    """What the player is doing during one tick: a move vector and the buttons held."""

    move: tuple[float, float] = (0.0, 0.0)
    held: frozenset[Button] = field(default_factory=frozenset)

    def __post_init__(self):
        x, y = self.move
        length = math.hypot(x, y)
        if length > 1.0:
            x, y = x / length, y / length
        qx, qy = quantize(x), quantize(y)
        if math.hypot(qx, qy) > 1.0:
            # Rounding to nearest pushed a unit vector past 1; truncating toward zero
            # keeps it inside the unit circle, so a replayed vector is not renormalised.
            qx, qy = math.trunc(x * MOVE_QUANTUM) / MOVE_QUANTUM, math.trunc(y * MOVE_QUANTUM) / MOVE_QUANTUM
        object.__setattr__(self, "move", (qx, qy))
        object.__setattr__(self, "held", frozenset(Button(b) for b in self.held))

    @classmethod
    def of(cls, *buttons: Button | str, move: tuple[float, float] = (0.0, 0.0)) -> "Actions":
        return cls(move=move, held=frozenset(Button(b) for b in buttons))

    def for_sim(self) -> "Actions":
        """The part of these actions the world sees (menu buttons stripped)."""
        if self.held <= SIM_BUTTONS:
            return self  # nothing to strip, and the move is already quantised inside the unit circle
        return Actions(self.move, self.held & SIM_BUTTONS)

    def to_json(self) -> list:
        return [list(self.move), sorted(b.value for b in self.held)]

    @classmethod
    def from_json(cls, data) -> "Actions":
        move, held = data
        if not (isinstance(move, list) and len(move) == 2 and all(isinstance(v, (int, float)) for v in move)):
            raise ValueError(f"move must be [x, y], found {move!r}")
        if not isinstance(held, list):
            raise ValueError(f"held must be a list of button names, found {held!r}")
        try:
            buttons = frozenset(Button(b) for b in held)
        except ValueError as error:
            raise ValueError(f"unknown button in {held!r}") from error
        return cls((float(move[0]), float(move[1])), buttons)


IDLE = Actions()


class TickInput(NamedTuple):
    """Actions as a system sees them in one tick: held buttons plus this tick's edges.

    A NamedTuple, not a frozen dataclass: one is built every tick, and a frozen dataclass's
    __init__ goes through object.__setattr__ for each field.
    """

    move: tuple[float, float]
    held: frozenset[Button]
    pressed: frozenset[Button]  # held now, not held last tick
    released: frozenset[Button]  # held last tick, not now

    def is_held(self, button: Button) -> bool:
        return button in self.held

    def was_pressed(self, button: Button) -> bool:
        return button in self.pressed
