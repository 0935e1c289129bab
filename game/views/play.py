"""The game screen: steps the world at a fixed 60 Hz from real time and draws it interpolated."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import arcade

from game.errors import UserError
from game.input import KeyboardState, key_code, pad_label
from game.memory import release_freed_memory
from game.sim.actions import Button
from game.sim.events import BeatChanged
from game.sim.story import Beat
from game.sim.world import DT

MAX_FRAME_TIME = 0.25  # s: a longer frame (a hitch, a breakpoint) is clamped, not caught up
HUD_COLOUR = (214, 200, 180, 255)
BANNER_COLOUR = (240, 150, 130, 255)
HUD_FONT_SIZE = 14  # pt at 100 % text size
HUD_BEATS = frozenset({Beat.BACKSTAGE, Beat.REPAIR, Beat.ALONE})  # where what you carry matters
NOTICE_SECONDS = 8.0  # how long a warning or a reload note stays on screen
CAPTION_GAP_PX = 14  # between the repair's bottom band and the captions above it


class GameView(arcade.View):
    """Plays one Run. Keyboard → actions → Run.step → world; draws the world and its overlays."""

    def __init__(self, run, keyboard: KeyboardState | None = None, game_speed: float = 1.0):
        super().__init__()
        self.run = run
        self.keyboard = keyboard or KeyboardState()
        self.game_speed = game_speed  # 0.5..1.0 of real time
        self.accumulator = 0.0
        self.paused = False
        self.message = ""  # one line shown to the player (a reload error, a settings warning)
        self.message_until: int | None = None  # the world tick it goes away at (None: it stays)
        self.settings = None  # the player's Settings, when a Shell attaches this view
        self.show_hud = True  # the pause menu draws the game without it
        self.release_memory_after_draw = True  # after a big build (see game.memory)
        self.event_listeners: list = []  # callables(events, world): audio, captions, effects
        self.overlays: list = []  # objects with draw(view): close-ups, minigames, captions
        self.pending_shots: list[str] = []
        self.shot_count = 0
        self.finished = False
        self.on_finished = None  # the menus set it: called with this view once the run has ended
        from game.render.scene import WorldRenderer

        self.renderer = WorldRenderer(run.world, self.window)
        self.renderer.snap_camera()
        self.shot_schedule: list[tuple[int, str]] = []  # (tick, beat): each beat is shot a moment in
        from game.render.story import install  # the later beats' pictures: alone … waking

        install(self)
        from game.render.prompt import Prompt

        self.overlays.append(Prompt())  # what a key does here: look, pick up, reach, lift
        self.hud = arcade.Text("", 16, 16, HUD_COLOUR, HUD_FONT_SIZE)
        self.banner = arcade.Text("", 16, 44, BANNER_COLOUR, HUD_FONT_SIZE)

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
        from game.render.story import SHOT_DELAY_TICKS

        for event in events:
            if isinstance(event, BeatChanged):
                self.release_memory_after_draw = True  # the next draw builds the new beat's pictures
                self.pending_shots.extend(beat for _, beat in self.shot_schedule)  # a beat too short to wait for
                self.shot_schedule = [(self.world.tick + SHOT_DELAY_TICKS.get(event.beat, 0), event.beat)]
        if self.shot_schedule and self.shot_schedule[0][0] <= self.world.tick:
            self.pending_shots.append(self.shot_schedule.pop()[1])
        for listener in self.event_listeners:
            listener(events, self.world)
        if self.run.done:
            self.end_of_run()

    def end_of_run(self) -> None:
        self.finished = True
        self.run.finish()
        self.pending_shots.append("end")  # the last frame, whether the dream ended or --max-ticks did
        if self.on_finished is not None:
            self.on_finished(self)

    # -- drawing --------------------------------------------------------------------------

    def on_draw(self) -> None:
        self.clear()
        alpha = self.accumulator / DT if not self.finished else 1.0
        covered = any(overlay.covers(self) for overlay in self.overlays if hasattr(overlay, "covers"))
        self.renderer.key_labels = {"USE": self.key(Button.USE_TOOL), "CANCEL": self.key(Button.CANCEL), "NEXT": self.key(Button.NEXT_TOOL)}
        self.renderer.draw(alpha, scene=not covered)
        for overlay in self.overlays:
            overlay.draw(self)
        self.renderer.gui_camera.use()
        world = self.world
        tools = ", ".join(t.replace("_", " ") for t in world.tools.carried) or "nothing"
        self.hud.text = f"{world.story.beat.value.replace('_', ' ')}   ·   carrying: {tools}"
        scale = self.settings.text_scale if self.settings is not None else 1.0
        self.hud.font_size = HUD_FONT_SIZE * scale
        self.banner.font_size = HUD_FONT_SIZE * scale
        self.banner.y = self.hud.y + self.hud.content_height + 12
        if self.show_hud and self.renderer.drew_room and world.story.beat in HUD_BEATS:  # not over a close-up or a full-screen scene
            self.hud.draw()
        if self.message and self.message_until is not None and world.tick >= self.message_until:
            self.message = ""
        if self.message:
            self.banner.text = self.message
            self.banner.draw()
        self.take_pending_shots()
        if self.release_memory_after_draw:
            self.release_memory_after_draw = False
            release_freed_memory()

    def key(self, button: Button) -> str:
        """The player's key for a button, as the screen writes it ("E", "Space") — or the pad's
        button ("A", "LB") while the player is playing with a gamepad."""
        button = Button(button)
        if getattr(self.keyboard, "last_device", "keyboard") == "gamepad":
            label = pad_label(button)
            if label is not None:
                return label
        return self.keyboard.bindings.label(button.value)

    def caption_floor(self) -> float:
        """px from the bottom the captions must stay above: clear of the repair's hint and bar."""
        if self.renderer.drew_closeup and self.world.story.beat == Beat.REPAIR:
            from game.render.minigame import BOTTOM_BAND_PX

            return BOTTOM_BAND_PX + CAPTION_GAP_PX
        return 0.0

    def show_message(self, text: str, seconds: float | None = None) -> None:
        """One line for the player, for `seconds` of play (None: until the next message)."""
        self.message = text
        self.message_until = None if seconds is None else self.world.tick + round(seconds / DT)

    def shot_soon(self, ticks: int) -> bool:
        """A beat's screenshot is due within `ticks` (the headless loop draws every tick before it)."""
        return bool(self.shot_schedule) and self.shot_schedule[0][0] - self.world.tick <= ticks

    def take_pending_shots(self) -> None:
        folder = self.run.options.screenshots
        if not folder or not self.pending_shots:
            self.pending_shots.clear()
            return
        image = arcade.get_image(0, 0, *self.window.get_framebuffer_size())
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            for beat in self.pending_shots:
                self.shot_count += 1
                image.save(Path(folder) / f"{self.shot_count:02d}_{beat}.png")
        except OSError as error:  # the folder went away or the disk filled: say so, keep playing
            self.show_message(f"screenshots stopped: {folder} cannot be written ({error.strerror or error})")
            self.run.options = replace(self.run.options, screenshots=None)
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
            self.show_message("F5 reloads a level file; this backstage was generated", NOTICE_SECONDS)
            return
        from game.session import Run

        try:
            run = Run(options)
        except UserError as error:
            self.show_message(error.lines[0] if error.lines else str(error))  # stays until fixed
            return
        self.run = run
        self.renderer.set_world(run.world)
        self.renderer.snap_camera()
        self.release_memory_after_draw = True
        self.accumulator = 0.0
        self.show_message(f"reloaded {Path(options.level).name}", NOTICE_SECONDS)
