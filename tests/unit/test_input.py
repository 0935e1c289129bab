"""Input never drops a press: a tap between two ticks acts once on the next tick, for keys, pad buttons and the mouse."""

from __future__ import annotations

from types import SimpleNamespace


from game.input import Bindings, KeyboardState, key_code, key_name, mouse_code
from game.sim.actions import Button
from game.sim.rack import ToolPickedUp


def test_a_tap_between_two_ticks_is_held_for_exactly_one_tick():
    keyboard = KeyboardState(Bindings())
    keyboard.press(key_code("E"))
    keyboard.release(key_code("E"))
    assert Button.INTERACT in keyboard.actions().held
    assert Button.INTERACT not in keyboard.actions().held


def test_held_keys_stay_held_and_a_quick_second_press_is_a_press_again():
    keyboard = KeyboardState(Bindings())
    keyboard.press(key_code("E"))
    assert Button.INTERACT in keyboard.actions().held
    assert Button.INTERACT in keyboard.actions().held  # still held
    keyboard.release(key_code("E"))
    keyboard.press(key_code("E"))  # let go and pressed again within one tick
    assert Button.INTERACT not in keyboard.actions().held  # a tick let go...
    assert Button.INTERACT in keyboard.actions().held  # ...then the second press


def test_mouse_buttons_are_bound_like_keys():
    assert key_name(mouse_code(1)) == "MOUSE_LEFT" and key_code("MOUSE_LEFT") == mouse_code(1)
    keyboard = KeyboardState(Bindings())
    keyboard.press(mouse_code(4))
    keyboard.release(mouse_code(4))
    assert Button.USE_TOOL in keyboard.actions().held


def standing_on_a_tool(view):
    loose = view.world.tools.loose[0]
    view.world.player.place(loose.position)
    return loose.tool


def picked_up(view, tap) -> list:
    """Tap between ticks, then step: the tools picked up in the ticks after."""
    tool = standing_on_a_tool(view)
    tap()
    events = []
    for _ in range(3):
        view.step_once()
        events += [e for e in view.world.events if isinstance(e, ToolPickedUp)]
    assert view.world.tools.carried == [tool]
    return events


def make_view(window, **keyboard):
    from game.session import Run, RunOptions
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3)), **keyboard)
    window.show_view(view)
    return view


def test_a_key_tapped_between_ticks_picks_up_a_tool_once(window):
    view = make_view(window)

    def tap():
        window.dispatch_event("on_key_press", key_code("E"), 0)
        window.dispatch_event("on_key_release", key_code("E"), 0)
        window.dispatch_events()

    assert len(picked_up(view, tap)) == 1


def test_a_click_between_ticks_picks_up_a_tool_once(window):
    view = make_view(window)

    def tap():
        view.on_mouse_press(100, 100, 1, 0)
        view.on_mouse_release(100, 100, 1, 0)

    assert len(picked_up(view, tap)) == 1


def test_a_pad_button_tapped_between_ticks_picks_up_a_tool_once(window):
    from game.views.gamepad import Gamepad, PadKeyboard

    class Controller(SimpleNamespace):
        def open(self):
            pass

        def push_handlers(self, **handlers):
            self.handlers = handlers

    controller = Controller(leftx=0.0, lefty=0.0, a=False)
    manager = SimpleNamespace(push_handlers=lambda **h: None, get_controllers=lambda: [controller])
    pad = Gamepad(lambda buttons: None, manager=manager)
    view = make_view(window, keyboard=PadKeyboard(gamepad=pad))

    def tap():
        controller.a = True
        controller.handlers["on_button_press"](controller, "a")
        controller.a = False  # released before the tick looked

    assert len(picked_up(view, tap)) == 1


def test_a_tapped_game_replays_the_same(window, tmp_path):
    from game.session import Run, RunOptions

    view = make_view(window)
    path = tmp_path / "tap.replay.json"
    view.run = Run(RunOptions(seed=3, record=str(path), max_ticks=40))
    view.renderer.set_world(view.run.world)
    for tick in range(40):
        if tick in (5, 20):
            view.on_key_press(key_code("D"), 0)  # a tap of a step to the right
            view.on_key_release(key_code("D"), 0)
        view.step_once()
    assert view.world.player.position != view.world.level.spawn
    view.run.finish()
    replayed = Run(RunOptions(replay=str(path)))
    replayed.run_to_end()  # raises on the first tick that differs
    assert replayed.world.state_hash() == view.world.state_hash()
