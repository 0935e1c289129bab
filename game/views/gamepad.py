"""Gamepads: pyglet controllers turned into the same actions as the keyboard, never breaking headless.

``game.compat.controller_manager()`` gives None where controllers cannot work (headless, no
device layer); then ``Gamepad`` simply has no controller. Button presses become menu actions
(and pause) for the current view; the stick and buttons held become in-game actions through
``PadKeyboard``.
"""

from __future__ import annotations

from game.compat import controller_manager
from game.input import GAMEPAD_BUTTONS, KeyboardState, gamepad_actions
from game.sim.actions import Actions, Button

DPAD_MENU = {(0, 1): Button.MENU_UP, (0, -1): Button.MENU_DOWN, (-1, 0): Button.MENU_LEFT, (1, 0): Button.MENU_RIGHT}


class Gamepad:
    def __init__(self, on_buttons, manager=None):
        self.on_buttons = on_buttons  # called with the Buttons a press means
        self.controller = None
        self.latched: set[str] = set()  # buttons pressed since the last tick sampled the pad
        self.manager = manager if manager is not None else controller_manager()
        if self.manager is None:
            return
        try:
            self.manager.push_handlers(on_connect=self.connect, on_disconnect=self.disconnect)
            controllers = self.manager.get_controllers()
        except Exception:  # a flaky device layer: play on without a gamepad
            self.manager = None
            return
        if controllers:
            self.connect(controllers[0])

    def connect(self, controller) -> None:
        if self.controller is not None:
            return
        try:
            controller.open()
            controller.push_handlers(on_button_press=self.on_button_press, on_dpad_motion=self.on_dpad_motion)
        except Exception:
            return
        self.controller = controller

    def disconnect(self, controller) -> None:
        if controller is self.controller:
            self.controller = None

    def on_button_press(self, controller, button_name: str) -> None:
        buttons = GAMEPAD_BUTTONS.get(button_name, ())
        if buttons:
            self.latched.add(button_name)
            self.on_buttons(tuple(buttons))

    def on_dpad_motion(self, controller, *motion) -> None:
        # pyglet 2.1 passes a Vec2; older ones passed left/right/up/down booleans.
        if len(motion) == 1:
            x, y = round(motion[0][0]), round(motion[0][1])
        else:
            left, right, up, down = motion[:4]
            x, y = int(right) - int(left), int(up) - int(down)
        button = DPAD_MENU.get((x, y))
        if button is not None:
            self.on_buttons((button,))

    def actions(self):
        """The pad's actions for the coming tick: what is held now, and any button tapped since
        the last tick (pressed and released in between still acts, once)."""
        if self.controller is None:
            return None
        actions = gamepad_actions(self.controller)
        if self.latched:
            tapped = {button for name in self.latched for button in GAMEPAD_BUTTONS[name]}
            actions = Actions(actions.move, actions.held | tapped)
            self.latched.clear()
        return actions


class PadKeyboard(KeyboardState):
    """The keyboard, with a gamepad's stick and buttons merged into the actions it gives."""

    def __init__(self, bindings=None, gamepad: Gamepad | None = None):
        super().__init__(bindings)
        self.gamepad = gamepad

    def actions(self, gamepad=None):
        if gamepad is None and self.gamepad is not None:
            gamepad = self.gamepad.actions()
        if gamepad is not None and (gamepad.held or gamepad.move != (0.0, 0.0)):
            self.last_device = "gamepad"  # the hints name pad buttons until a key is pressed
        return super().actions(gamepad)
