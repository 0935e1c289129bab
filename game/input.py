"""Keyboard and gamepad → Actions. The bindings are plain names so settings can remap them."""

from __future__ import annotations

from typing import Iterable, Mapping

from game.compat import prepare_arcade
from game.sim.actions import Actions, Button

MOVE_BINDINGS = ("move_up", "move_down", "move_left", "move_right")

# Binding name → key names (pyglet's symbol names, as `pyglet.window.key.symbol_string` gives them).
DEFAULT_BINDINGS: dict[str, tuple[str, ...]] = {
    "move_up": ("W", "UP"),
    "move_down": ("S", "DOWN"),
    "move_left": ("A", "LEFT"),
    "move_right": ("D", "RIGHT"),
    Button.INTERACT.value: ("E", "MOUSE_LEFT"),
    Button.USE_TOOL.value: ("F", "MOUSE_RIGHT"),
    Button.NEXT_TOOL.value: ("TAB", "Q"),
    Button.CALL_HELP.value: ("H",),
    Button.BREATHE.value: ("SPACE",),
    Button.ACCEPT.value: ("RETURN", "ENTER"),
    Button.CANCEL.value: ("X", "BACKSPACE"),
    Button.PAUSE.value: ("ESCAPE",),
    Button.MENU_UP.value: ("UP", "W"),
    Button.MENU_DOWN.value: ("DOWN", "S"),
    Button.MENU_LEFT.value: ("LEFT", "A"),
    Button.MENU_RIGHT.value: ("RIGHT", "D"),
    Button.MENU_CONFIRM.value: ("RETURN", "ENTER", "SPACE", "E"),
    Button.MENU_BACK.value: ("ESCAPE", "BACKSPACE"),
}

prepare_arcade()  # pyglet.window must be imported after arcade picks headless or not
from pyglet.window import key as keys  # noqa: E402

GAMEPAD_DEADZONE = 0.2  # stick deflection below this reads as centred
# Controller button name (pyglet.input.Controller attribute) → Button.
GAMEPAD_BUTTONS = {
    "a": (Button.INTERACT, Button.MENU_CONFIRM),
    "b": (Button.CANCEL, Button.MENU_BACK),
    "x": (Button.USE_TOOL,),
    "y": (Button.CALL_HELP,),
    "rightshoulder": (Button.NEXT_TOOL,),
    "leftshoulder": (Button.BREATHE,),
    "start": (Button.PAUSE, Button.ACCEPT),
    "dpup": (Button.MENU_UP,),
    "dpdown": (Button.MENU_DOWN,),
    "dpleft": (Button.MENU_LEFT,),
    "dpright": (Button.MENU_RIGHT,),
}


# How a gamepad button is written on screen (pyglet's names are lower case and long).
PAD_LABELS = {"a": "A", "b": "B", "x": "X", "y": "Y", "leftshoulder": "LB", "rightshoulder": "RB", "start": "Start"}


def pad_label(button: Button) -> str | None:
    """The gamepad button that presses `button`, as the screen writes it (None if none does)."""
    for name, buttons in GAMEPAD_BUTTONS.items():
        if button in buttons and name in PAD_LABELS:
            return PAD_LABELS[name]
    return None


# Mouse buttons are bound like keys, by name; their codes sit far above pyglet's key symbols.
MOUSE_CODE_BASE = 1 << 40
MOUSE_BUTTONS = {"MOUSE_LEFT": 1, "MOUSE_MIDDLE": 2, "MOUSE_RIGHT": 4}  # pyglet.window.mouse's values


def mouse_code(button: int) -> int:
    """The code a mouse button (pyglet's number) is pressed under, as if it were a key."""
    return MOUSE_CODE_BASE + button


def key_code(name: str) -> int | None:
    """A key's pyglet code from its name ("W", "SPACE", "MOUSE_LEFT"), or None if there is no such key."""
    name = name.upper()
    if name in MOUSE_BUTTONS:
        return mouse_code(MOUSE_BUTTONS[name])
    code = getattr(keys, name, None)
    return code if isinstance(code, int) else None


def key_name(code: int) -> str:
    for name, button in MOUSE_BUTTONS.items():
        if code == mouse_code(button):
            return name
    return keys.symbol_string(code)


# How a key is written on screen, where its pyglet name reads badly.
KEY_LABELS = {"RETURN": "Enter", "ENTER": "Enter", "SPACE": "Space", "ESCAPE": "Esc", "BACKSPACE": "Backspace",
              "TAB": "Tab", "UP": "Up", "DOWN": "Down", "LEFT": "Left", "RIGHT": "Right",
              "MOUSE_LEFT": "Left click", "MOUSE_RIGHT": "Right click", "MOUSE_MIDDLE": "Middle click"}


def key_label(name: str) -> str:
    """A key's name as the screen shows it: "E", "Space", "Enter", "F5"."""
    return KEY_LABELS.get(name.upper(), name.upper() if len(name) <= 3 else name.title())


class Bindings:
    """Which keys mean which binding; built from defaults overlaid with the player's remaps."""

    def __init__(self, overrides: Mapping[str, Iterable[str]] | None = None):
        names = dict(DEFAULT_BINDINGS)
        for binding, key_names in (overrides or {}).items():
            if binding in names:
                names[binding] = tuple(key_names)
        self.names = names
        self._by_code: dict[int, set[str]] = {}
        for binding, key_names in names.items():
            for name in key_names:
                code = key_code(name)
                if code is not None:
                    self._by_code.setdefault(code, set()).add(binding)

    def bindings_for(self, code: int) -> set[str]:
        return self._by_code.get(code, set())

    def label(self, binding: str) -> str:
        """The key that does `binding`, as the screen writes it (its first key, if several)."""
        names = self.names.get(binding) or ("?",)
        return key_label(names[0])


class KeyboardState:
    """Which bindings are held at each tick, from key (and mouse button) presses and releases.

    Presses are latched until the next tick samples them: a key pressed and released between
    two ticks is held for one tick — it acts once — and a key released and pressed again
    between two ticks is let go for one tick first, so the second press is a press too.
    """

    def __init__(self, bindings: Bindings | None = None):
        self.bindings = bindings or Bindings()
        self.down: set[int] = set()  # held now
        self.tapped: set[int] = set()  # pressed since the last tick sampled the keys
        self.let_go: set[int] = set()  # released since the last tick sampled them
        self.sampled: set[int] = set()  # held at the last tick
        self.last_device = "keyboard"  # or "gamepad": which one the on-screen hints should name

    def press(self, code: int) -> set[str]:
        self.down.add(code)
        self.tapped.add(code)
        self.last_device = "keyboard"
        return self.bindings.bindings_for(code)

    def release(self, code: int) -> None:
        self.down.discard(code)
        self.let_go.add(code)

    def clear(self) -> None:
        self.down.clear()
        self.tapped.clear()
        self.let_go.clear()
        self.sampled.clear()

    def sample(self) -> set[int]:
        """The keys held for the coming tick (once a tick: it consumes the latched presses)."""
        # Held last tick, let go and pressed again since: a tick released first, then the press.
        again = self.sampled & self.let_go & self.tapped
        held = (self.down | self.tapped) - again
        self.tapped = again
        self.let_go.clear()
        self.sampled = held
        return held

    def bindings_held(self, codes) -> set[str]:
        held: set[str] = set()
        for code in codes:
            held |= self.bindings.bindings_for(code)
        return held

    def held_bindings(self) -> set[str]:
        """The bindings held right now (no latching; for screens that only look)."""
        return self.bindings_held(self.down)

    def actions(self, gamepad: Actions | None = None) -> Actions:
        """The actions for the coming tick (call once a tick)."""
        held = self.bindings_held(self.sample())
        x = ("move_right" in held) - ("move_left" in held)
        y = ("move_up" in held) - ("move_down" in held)
        buttons = {Button(name) for name in held if name not in MOVE_BINDINGS}
        move = (float(x), float(y))
        if gamepad is not None:
            buttons |= gamepad.held
            if move == (0.0, 0.0):
                move = gamepad.move
        return Actions(move, frozenset(buttons))


def gamepad_actions(controller) -> Actions:
    """Actions from a pyglet Controller's current state (stick, d-pad, buttons)."""
    x, y = getattr(controller, "leftx", 0.0), getattr(controller, "lefty", 0.0)
    if (x * x + y * y) ** 0.5 < GAMEPAD_DEADZONE:
        x = y = 0.0
    if getattr(controller, "dpright", False):
        x = 1.0
    if getattr(controller, "dpleft", False):
        x = -1.0
    if getattr(controller, "dpup", False):
        y = 1.0
    if getattr(controller, "dpdown", False):
        y = -1.0
    held: set[Button] = set()
    for name, buttons in GAMEPAD_BUTTONS.items():
        if getattr(controller, name, False):
            held.update(buttons)
    if getattr(controller, "righttrigger", 0.0) > 0.5:
        held.add(Button.BREATHE)
    return Actions((float(x), float(y)), frozenset(held))
