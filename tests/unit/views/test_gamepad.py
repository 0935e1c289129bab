"""Gamepad buttons drive the menus and pause the game; without controllers nothing breaks."""

from __future__ import annotations

from types import SimpleNamespace

from game.sim.actions import Button
from game.views.gamepad import Gamepad, PadKeyboard


class FakeController(SimpleNamespace):
    def open(self):
        self.opened = True

    def push_handlers(self, **handlers):
        self.handlers = handlers


class FakeManager:
    def __init__(self, controllers):
        self.controllers = controllers

    def push_handlers(self, **handlers):
        self.handlers = handlers

    def get_controllers(self):
        return self.controllers


def test_headless_has_no_controller_and_no_error():
    pressed = []
    pad = Gamepad(pressed.append)  # headless in tests: compat gives no manager
    assert pad.controller is None and pad.actions() is None


def test_buttons_and_dpad_become_menu_actions():
    pressed = []
    controller = FakeController(leftx=0.0, lefty=0.0)
    pad = Gamepad(pressed.append, manager=FakeManager([controller]))
    assert pad.controller is controller and controller.opened
    controller.handlers["on_button_press"](controller, "a")
    controller.handlers["on_button_press"](controller, "b")
    controller.handlers["on_dpad_motion"](controller, (0.0, -1.0))
    assert Button.MENU_CONFIRM in pressed[0] and Button.MENU_BACK in pressed[1]
    assert pressed[2] == (Button.MENU_DOWN,)


def test_the_stick_walks_through_the_same_actions_as_keys():
    controller = FakeController(leftx=0.9, lefty=0.0, a=True)
    pad = Gamepad(lambda buttons: None, manager=FakeManager([controller]))
    actions = PadKeyboard(gamepad=pad).actions()
    assert actions.move[0] > 0.8 and Button.INTERACT in actions.held


def test_start_pauses_the_game_through_the_shell(window, tmp_path, monkeypatch):
    from game.settings import Settings
    from game.views.pause import PauseView
    from game.views.shell import Shell

    monkeypatch.setenv("FLAWED_CONFIG_DIR", str(tmp_path))
    shell = Shell(window, Settings(photosensitivity_acknowledged=True), [])
    shell.new_game(seed=2)
    game = window.current_view
    shell.gamepad_buttons((Button.PAUSE, Button.ACCEPT))  # "start"
    assert isinstance(window.current_view, PauseView)
    shell.gamepad_buttons((Button.MENU_BACK,))  # "b" resumes
    assert window.current_view is game


def test_hints_name_the_pad_buttons_while_the_pad_is_played_and_keys_after_a_key(window):
    from game.input import key_code
    from game.render.prompt import prompt_line
    from game.session import Run, RunOptions
    from game.views.play import GameView

    controller = FakeController(leftx=0.0, lefty=0.0)
    pad = Gamepad(lambda buttons: None, manager=FakeManager([controller]))
    view = GameView(Run(RunOptions(seed=3)), keyboard=PadKeyboard(gamepad=pad))
    window.show_view(view)
    loose = view.world.tools.loose[0]
    view.world.player.body.position = loose.position
    controller.leftx = 0.5  # a touch of the stick
    view.step_once()
    controller.leftx = 0.0
    view.world.player.body.position = loose.position
    view.renderer.observe()
    view.on_draw()
    assert view.key(Button.INTERACT) == "A" and view.key(Button.BREATHE) == "LB"
    assert prompt_line(view).startswith("A  pick up the ")
    view.on_key_press(key_code("W"), 0)
    view.on_key_release(key_code("W"), 0)
    assert view.key(Button.INTERACT) == "E"
