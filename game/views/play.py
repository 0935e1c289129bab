"""The game screen: steps the world at a fixed 60 Hz from real time and draws it interpolated."""

from __future__ import annotations

from pathlib import Path

import arcade

from game.errors import UserError
from game.input import KeyboardState, key_code
from game.sim.actions import Button
from game.sim.events import BeatChanged
from game.sim.world import DT

MAX_FRAME_TIME = 0.25  # s: a longer frame (a hitch, a breakpoint) is clamped, not caught up
HUD_COLOUR = (214, 200, 180, 255)


class GameView(arcade.View):
    """Plays one Run. Keyboard → actions → Run.step → world; draws the world and its overlays."""

    def __init__(self, run, keyboard: KeyboardState | None = None, game_speed: float = 1.0):
        super().__init__()
        self.run = run
        self.keyboard = keyboard or KeyboardState()
        self.game_speed = game_speed  # 0.5..1.0 of real time
        self.accumulator = 0.0
        self.paused = False
        self.message = ""  # one line shown to the player (a reload error, say)
        self.event_listeners: list = []  # callables(events, world): audio, captions, effects
        self.overlays: list = []  # objects with draw(view): close-ups, minigames, captions
        self.pending_shots: list[str] = []
        self.shot_count = 0
        self.finished = False
        from game.render.scene import WorldRenderer

        self.renderer = WorldRenderer(run.world, self.window)
        self.renderer.snap_camera()
        self.hud = arcade.Text("", 16, 16, HUD_COLOUR, 14)
        self.banner = arcade.Text("", 16, 44, (240, 150, 130, 255), 14)

    @property
    def world(self):
        return self.run.world

    # -- time -----------------------------------------------------------------------------

    def on_update(self, delta_time: float) -> None:
        if self.paused or self.finished:
            return
        self.accumulator += min(delta_time, MAX_FRAME_TIME) * self.game_speed
        while self.accumulator >= DT and not self.finished:
            self.accumulator -= DT
            self.step_once()

    def step_once(self) -> None:
        self.renderer.remember()
        events = self.run.step(self.keyboard.actions())
        self.renderer.observe()
        for event in events:
            if isinstance(event, BeatChanged):
                self.pending_shots.append(event.beat)
        for listener in self.event_listeners:
            listener(events, self.world)
        if self.run.done:
            self.end_of_run()

    def end_of_run(self) -> None:
        self.finished = True
        self.run.finish()
        if self.run.world.story.completed:
            self.pending_shots.append("end")

    # -- drawing --------------------------------------------------------------------------

    def on_draw(self) -> None:
        self.clear()
        alpha = self.accumulator / DT if not self.finished else 1.0
        self.renderer.draw(alpha)
        for overlay in self.overlays:
            overlay.draw(self)
        self.renderer.gui_camera.use()
        world = self.world
        tools = ", ".join(t.replace("_", " ") for t in world.tools.carried) or "nothing"
        self.hud.text = f"{world.story.beat.value.replace('_', ' ')}   ·   carrying: {tools}"
        self.hud.draw()
        if self.message:
            self.banner.text = self.message
            self.banner.draw()
        self.take_pending_shots()

    def take_pending_shots(self) -> None:
        folder = self.run.options.screenshots
        if not folder or not self.pending_shots:
            self.pending_shots.clear()
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        image = arcade.get_image(0, 0, *self.window.get_framebuffer_size())
        for beat in self.pending_shots:
            self.shot_count += 1
            image.save(Path(folder) / f"{self.shot_count:02d}_{beat}.png")
        self.pending_shots.clear()

    # -- input ----------------------------------------------------------------------------

    def on_key_press(self, symbol: int, modifiers: int) -> None:
        if symbol == key_code("F5"):
            self.reload_level()
            return
        bindings = self.keyboard.press(symbol)
        if Button.PAUSE.value in bindings and self.on_pause():
            self.keyboard.release(symbol)

    def on_key_release(self, symbol: int, modifiers: int) -> None:
        self.keyboard.release(symbol)

    def on_pause(self) -> bool:
        """Esc: open the pause menu if there is one. Returns True when the game paused."""
        pause_view = getattr(self.window, "make_pause_view", None)
        if pause_view is None:
            return False
        self.keyboard.clear()
        self.window.show_view(pause_view(self))
        return True

    def reload_level(self) -> None:
        """F5: read the level file again and restart on it; a broken file is a message, not a crash."""
        options = self.run.options
        if not options.level:
            self.message = "F5 reloads a level file; this backstage was generated"
            return
        from game.session import Run

        try:
            run = Run(options)
        except UserError as error:
            self.message = error.lines[0] if error.lines else str(error)
            return
        self.run = run
        self.renderer.set_world(run.world)
        self.renderer.snap_camera()
        self.accumulator = 0.0
        self.message = f"reloaded {Path(options.level).name}"
