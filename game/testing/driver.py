"""Drive a world (and, optionally, a window) through actions, as a player would."""

from __future__ import annotations

from typing import Callable

from game.sim.actions import Actions, Button


class Driver:
    """Holds buttons and a stick for a world, steps it, and waits for what should happen."""

    def __init__(self, world):
        self.world = world
        self.held: set[Button] = set()
        self.move: tuple[float, float] = (0.0, 0.0)
        self._renderer = None  # made at the first screenshot: only then is arcade needed

    @property
    def actions(self) -> Actions:
        return Actions(self.move, frozenset(self.held))

    def hold(self, *buttons: Button) -> "Driver":
        self.held.update(buttons)
        return self

    def release(self, *buttons: Button) -> "Driver":
        self.held.difference_update(buttons)
        return self

    def steer(self, x: float, y: float) -> "Driver":
        self.move = (x, y)
        return self

    def advance(self, ticks: int = 1) -> "Driver":
        for _ in range(ticks):
            self.world.step(self.actions)
        return self

    def press(self, *buttons: Button, ticks: int = 1) -> "Driver":
        """Hold the buttons for `ticks` ticks, then release them and step once more."""
        self.hold(*buttons).advance(ticks)
        self.release(*buttons).advance(1)
        return self

    def run_until(self, condition: Callable[[], bool], limit: int, what: str = "condition") -> int:
        """Step until condition() holds; fail the test if it has not within `limit` ticks."""
        for spent in range(limit):
            if condition():
                return spent
            self.world.step(self.actions)
        if condition():
            return limit
        raise AssertionError(f"{what} not reached within {limit} ticks (at tick {self.world.tick})")

    def screenshot(self, window):
        """The world as it stands, drawn lit by the game's renderer into the (headless) window, as a PIL image."""
        from game.render.world import WorldRenderer  # imports arcade: only for pictures

        if self._renderer is None or self._renderer.window is not window:
            self._renderer = WorldRenderer(self.world, window)
        self._renderer.snap_camera()
        window.clear()
        self._renderer.draw(1.0)
        return screenshot(window)


def screenshot(window):
    """What the window shows now, as a PIL image (RGB)."""
    import arcade

    return arcade.get_image(0, 0, *window.get_framebuffer_size()).convert("RGB")


def play_through(view, beat, draw_every: int = 1) -> None:
    """Step a game view's dream through `beat` to the beat after, drawing every `draw_every`th
    tick, once what it started painting ahead on its first frame is painted (a player's beat lasts
    long enough for that; the bot's may not, on a loaded machine)."""
    import time

    from game.render.ahead import idle

    while not idle():
        time.sleep(0.01)
    world = view.world
    while world.story.beat == beat and world.tick < 60 * 60:
        view.step_once()
        if world.tick % draw_every == 0:
            view.on_draw()
    assert world.story.beat != beat, f"{beat.value} never ended"
