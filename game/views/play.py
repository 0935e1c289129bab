"""The game screen: steps the world at a fixed 60 Hz from real time and draws it interpolated.

Each beat is shown as ``game.views.beats`` says: when the story enters a beat, the view closes
the last beat's overlay and builds the new one, starts the beat's sound beds, schedules its
screenshot, and asks its host for the beat's own screen if it has one. The view owns its
captions and screen shake; its host (the shell, or a plain ``Host``) gives settings, sound,
keys, the pause menu and other screens.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import arcade

from game.audio.stage import StageHush
from game.captions import Captions
from game.errors import UserError
from game.heap import hold_long_lived, let_go_of_long_lived, release_freed_memory
from game.input import KeyboardState, key_code, mouse_code, pad_label
from game.render.minigame import KEY_NAMES
from game.render.prompt import Prompt
from game.render.world import WorldRenderer
from game.session import Run
from game.sim.actions import Button
from game.sim.events import BeatChanged
from game.sim.story import Beat
from game.sim.timestep import DT
from game.views.beats import SHOW, next_show
from game.views.host import Host
from game.views.shake import ScreenShake
from game.views.shots import Shots, stopped
from game.render.text import sized

MAX_FRAME_TIME = 0.25  # s: a longer frame (a hitch, a breakpoint) is clamped, not caught up
HUD_COLOUR = (214, 200, 180, 255)
BANNER_COLOUR = (240, 150, 130, 255)
HUD_FONT_SIZE = 14  # pt at 100 % text size
HUD_BEATS = frozenset({Beat.BACKSTAGE, Beat.REPAIR, Beat.ALONE})  # where what you carry matters
HUSH_BEATS = frozenset({Beat.BACKSTAGE})  # where the stage's hush leads the way
HUSH_EVERY_TICKS = 6  # the hush follows the dreamer this often
NOTICE_SECONDS = 8.0  # how long a warning or a reload note stays on screen


class GameView(arcade.View):
    """Plays one Run. Keyboard → actions → Run.step → world; draws the world and its beat's overlay."""

    def __init__(self, run: Run, host: Host | None = None, keyboard: KeyboardState | None = None):
        super().__init__()
        let_go_of_long_lived()  # a dream before this one is over, however it ended (see game.heap)
        self.run = run
        self.host = host or Host()
        self.keyboard = keyboard or self.host.keyboard()
        self.game_speed = self.settings.speed_factor  # 0.5..1.0 of real time
        self.accumulator = 0.0
        self.message = ""  # one line shown to the player (a reload error, a settings warning)
        self.message_until: int | None = None  # the world tick it goes away at (None: it stays)
        self.show_hud = True  # the pause menu draws the game without it
        self.release_memory_after_draw = True  # after a big build (see game.heap)
        self.pending_shots: list[str] = []
        self.shot_schedule: list[tuple[int, str]] = []  # (tick, beat): each beat is shot a moment in
        self.shot_count = 0
        self.shots = Shots()  # written on a worker (game.views.shots)
        self.finished = False
        self.renderer = WorldRenderer(run.world, self.window)
        self.captions = Captions(self.settings)
        self.shake = ScreenShake(self.renderer, self.settings)
        self.prompt = Prompt()  # what a key does here: look, pick up, reach, lift
        self.hud = arcade.Text("", 16, 16, HUD_COLOUR, HUD_FONT_SIZE)
        self.banner = arcade.Text("", 16, 44, BANNER_COLOUR, HUD_FONT_SIZE)
        self.hush = None  # the stage's hush (game.audio.stage), for the level being played
        self.show = None  # the beat's row in game.views.beats
        self.overlay = None  # ...and its overlay, while the beat lasts
        self.drawn = False  # a frame has been drawn
        self.paint_ahead = None  # what the next beat will show, started once the first frame is drawn (see enter_beat)
        self.preparing = None  # the next beat's pictures being made on the GPU, a step each frame (see BeatShow.prepare)...
        self.made_ahead = None  # ...and its overlay or screen, if that is what they made
        if self.sound is not None:
            self.sound.reset()
        self.enter_beat(run.world.story.beat)
        warnings = self.host.take_warnings()
        if warnings:  # a corrupt settings file, no sound device: said once, in the game
            self.show_message("; ".join(warnings), NOTICE_SECONDS)

    @property
    def world(self):
        return self.run.world

    @property
    def settings(self):
        return self.host.settings

    @property
    def sound(self):
        return self.host.mixer

    # -- the beats -------------------------------------------------------------------------

    def enter_beat(self, beat: Beat) -> None:
        """Show a beat as its row says: its overlay, its beds, its screenshot, its screen."""
        show = SHOW[beat]
        made, self.made_ahead = self.made_ahead, None  # the beat's overlay or screen, made while the beat before played (see BeatShow.prepare)
        if self.overlay is not None and (show.overlay is None or not isinstance(self.overlay, show.overlay)):
            self.overlay.close()
            self.overlay = None
        if self.overlay is None and show.overlay is not None:
            self.overlay = made if isinstance(made, show.overlay) else show.overlay(self)
            self.overlay.entered(self)
        self.show = show
        self.release_memory_after_draw = True  # the next draw builds the new beat's pictures
        if self.sound is not None:
            self.sound.set_beds(show.beds)
        if show.beds_caption:
            self.captions.say(show.beds_caption, self.world.tick)
        self.pending_shots.extend(name for _, name in self.shot_schedule)  # a beat too short to wait for
        self.shot_schedule = [(self.world.story.entered_tick + show.shot_delay_ticks, beat.value)]
        following = next_show(beat)
        self.preparing = following.prepare(self) if following is not None and following.prepare is not None else None
        if following is not None and following.ahead is not None:
            if self.drawn:
                following.ahead(self.world)  # painted on a worker while this beat plays
            else:  # ...from the view's first frame on: sooner, the worker would hold Python's lock while it is made
                self.paint_ahead = following.ahead
        if show.screen is not None:
            self.host.show_screen(self, made if isinstance(made, show.screen) else show.screen(self))

    # -- time -----------------------------------------------------------------------------

    def on_update(self, delta_time: float) -> None:
        if self.finished:
            return
        self.accumulator += min(delta_time, MAX_FRAME_TIME) * self.game_speed
        while self.accumulator >= DT and not self.finished:
            self.accumulator -= DT
            self.step_once()

    def step_once(self) -> None:
        self.renderer.remember()
        events = self.run.step(self.keyboard.actions())
        self.renderer.observe()
        notices = self.run.take_notices()
        if notices:  # a save that could not be written: said once, and the dream goes on
            self.show_message("; ".join(notices), NOTICE_SECONDS)
        world = self.world
        for event in events:
            if isinstance(event, BeatChanged) and event.previous is not None:
                self.enter_beat(Beat(event.beat))
        if self.shot_schedule and self.shot_schedule[0][0] <= world.tick:
            self.pending_shots.append(self.shot_schedule.pop()[1])
        if self.overlay is not None:
            self.overlay.on_events(events, world)
        if self.sound is not None:
            self.sound.on_events(events, world)
            self.steer_the_hush()
        self.captions.on_events(events, world)
        self.shake.on_events(events, world)
        if self.run.done:
            self.end_of_run()

    def end_of_run(self) -> None:
        self.finished = True
        self.run.finish()
        let_go_of_long_lived()
        self.pending_shots.extend(name for _, name in self.shot_schedule)  # a beat that ended before its moment
        self.shot_schedule = []
        self.pending_shots.append("end")  # the last frame, whether the dream ended or --max-ticks did
        self.host.run_finished(self)

    def steer_the_hush(self) -> None:
        """The audience's hush from the side the stage is on, louder as the dreamer nears it."""
        world = self.world
        if world.story.beat not in HUSH_BEATS or world.tick % HUSH_EVERY_TICKS:
            return
        if self.hush is None or self.hush.level is not world.level:
            self.hush = StageHush(world.level)
        steered = self.hush.steer(world.player.position)
        if steered is not None:
            self.sound.steer_bed("hush", *steered)

    # -- drawing --------------------------------------------------------------------------

    def on_draw(self) -> None:
        overlay = self.overlay
        covered = overlay is not None and overlay.covers(self)
        alpha = self.accumulator / DT if not self.finished else 1.0
        box = (lambda: overlay.room_box(self)) if overlay is not None else None
        # The screen is cleared only where nothing paints every pixel of it (see WorldRenderer.draw).
        painted = overlay is not None and overlay.paints_screen(self)
        self.renderer.draw(alpha, room=not covered, box=box, clear=not (covered and painted), painted_around=painted,
                           background=overlay.background(self) if overlay is not None else None)
        if overlay is not None:
            overlay.draw(self)
        self.prompt.draw(self)
        self.draw_hud()
        self.captions.draw(self)
        self.take_pending_shots()
        if not self.drawn:
            hold_long_lived()  # (see game.heap)
        self.drawn = True
        if self.paint_ahead is not None:
            start, self.paint_ahead = self.paint_ahead, None
            if not self.finished:
                start(self.world)
        if self.preparing is not None:  # the next beat's pictures on the GPU, a step a frame (see BeatShow.prepare)
            try:
                next(self.preparing)
            except StopIteration as made:
                self.preparing, self.made_ahead = None, made.value
        if self.release_memory_after_draw:
            self.release_memory_after_draw = False
            release_freed_memory()

    def draw_hud(self) -> None:
        self.renderer.gui_camera.use()
        world = self.world
        scale = self.settings.text_scale
        sized(self.hud, HUD_FONT_SIZE * scale)
        sized(self.banner, HUD_FONT_SIZE * scale)
        # Not over a close-up or a full-screen scene: only where what you carry matters.
        if self.show_hud and self.renderer.drew_room and world.story.beat in HUD_BEATS:
            tools = ", ".join(t.replace("_", " ") for t in world.tools.carried) or "nothing"
            self.hud.text = f"{world.story.beat.value.replace('_', ' ')}   ·   carrying: {tools}"
            self.hud.draw()
        if self.message and self.message_until is not None and world.tick >= self.message_until:
            self.message = ""
        if self.message:
            self.banner.y = self.hud.y + self.hud.content_height + 12
            self.banner.text = self.message
            self.banner.draw()

    def key(self, button: Button) -> str:
        """The player's key for a button, as the screen writes it ("E", "Space") — or the pad's
        button ("A", "LB") while the player is playing with a gamepad."""
        button = Button(button)
        if self.keyboard.last_device == "gamepad":
            label = pad_label(button)
            if label is not None:
                return label
        return self.keyboard.bindings.label(button.value)

    def minigame_keys(self) -> dict[str, str]:
        """The minigames' button words (game.render.minigame.KEY_NAMES) → the player's keys."""
        buttons = {"USE": Button.USE_TOOL, "CANCEL": Button.CANCEL, "NEXT": Button.NEXT_TOOL}
        return {word: self.key(buttons[word]) for word in KEY_NAMES}

    def caption_floor(self) -> float:
        """px from the bottom the captions must stay above (clear of a minigame's hint and bar)."""
        return self.overlay.caption_floor(self) if self.overlay is not None and not self.renderer.drew_room else 0.0

    def show_message(self, text: str, seconds: float | None = None) -> None:
        """One line for the player, for `seconds` of play (None: until the next message)."""
        self.message = text
        self.message_until = None if seconds is None else self.world.tick + round(seconds / DT)

    def shot_soon(self, ticks: int) -> bool:
        """A beat's screenshot is due within `ticks` (the headless loop draws every tick before it)."""
        return bool(self.shot_schedule) and self.shot_schedule[0][0] - self.world.tick <= ticks

    def take_pending_shots(self) -> None:
        """Save what the window shows now for every screenshot due (whichever screen drew it)."""
        folder = self.run.options.screenshots
        problem = self.shots.problem()
        if problem is not None:
            self.stop_shots(problem)
            folder = None
        if not folder or not self.pending_shots:
            self.pending_shots.clear()
            return
        # RGB: the window's alpha is never seen (left in, parts of the shot came out see-through).
        image = arcade.get_image(0, 0, *self.window.get_framebuffer_size()).convert("RGB")
        paths = []
        for beat in self.pending_shots:
            self.shot_count += 1
            paths.append(Path(folder) / f"{self.shot_count:02d}_{beat}.png")
        self.shots.take(image, paths)  # encoded and written on a worker
        self.pending_shots.clear()

    def stop_shots(self, error: OSError) -> None:
        """The folder went away or the disk filled: say so, keep playing without screenshots."""
        self.show_message(stopped(self.run.options.screenshots, error))
        self.run.options = replace(self.run.options, screenshots=None)

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

    def on_mouse_press(self, x: int, y: int, button: int, modifiers: int) -> None:
        self.keyboard.press(mouse_code(button))  # bound like a key (left click: interact)

    def on_mouse_release(self, x: int, y: int, button: int, modifiers: int) -> None:
        self.keyboard.release(mouse_code(button))

    def on_pause(self) -> bool:
        """Esc: open the pause menu if the host has one. Returns True when the game paused."""
        self.keyboard.clear()
        return self.host.pause(self)

    def reload_level(self) -> None:
        """F5: read the level file again and restart on it; a broken file is a message, not a crash."""
        options = self.run.options
        if not options.level:
            self.show_message("F5 reloads a level file; this backstage was generated", NOTICE_SECONDS)
            return
        try:
            run = Run(options)
        except UserError as error:
            self.show_message(error.lines[0] if error.lines else str(error))  # stays until fixed
            return
        self.run = run
        self.renderer.set_world(run.world)
        self.renderer.snap_camera()
        self.accumulator = 0.0
        self.enter_beat(run.world.story.beat)
        self.show_message(f"reloaded {Path(options.level).name}", NOTICE_SECONDS)
