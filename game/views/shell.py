"""The game around the dream: settings, sound and gamepad, and the way between screens.

One ``Shell`` per window. It loads the settings (keeping their warning to show), owns the
mixer and the gamepad, and is the only place that moves between screens: the notice, title,
settings, level list, game, pause and the screens beats ask for (the morning). It is the game
view's host (``game.views.host.Host``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyglet

from game.audio.mixer import Mixer
from game.errors import UserError
from game.heap import let_go_of_long_lived
from game.progress import load_progress
from game.session import Run, RunOptions
from game.settings import Settings
from game.sim.actions import Button
from game.views.gamepad import Gamepad, PadKeyboard
from game.views.host import Host
from game.views.play import GameView
from game.window import MAX_SIDE_PX, MIN_SIDE_PX

# The menu screens (arcade.gui) are imported where they are first shown: a dream the command
# line starts draws its first frame without them.

FIRST_RUN_SHOWS_NOTICE = True
RESIZE_SETTLE_S = 1.0  # a window dragged to a new size is warmed for once it has held it this long


def wants_menus(options, headless: bool) -> bool:
    """A plain `flawed` starts at the menus; a run the command line spelled out starts playing."""
    spelled_out = (options.level, options.seed, options.replay, options.record, options.max_ticks, options.screenshots, options.report)
    return not headless and not options.autoplay and all(v is None for v in spelled_out)


class Shell(Host):
    def __init__(self, window, settings: Settings | None = None, warnings: list[str] | None = None, silent: bool | None = None):
        self.window = window
        if settings is None:
            settings, loaded_warnings = Settings.load()
            warnings = list(warnings or []) + loaded_warnings
        self.settings = settings
        self.warnings: list[str] = list(warnings or [])
        self.mixer = Mixer(settings, silent=silent)  # None: sound if there is a device and FLAWED_SILENT is unset
        if self.mixer.warning:
            self.warnings.append(self.mixer.warning)
        self.bindings = settings.bindings()
        self.gamepad = Gamepad(self.gamepad_buttons)
        self.game_view = None
        self.menus = False  # the game began at the menus: the end of a dream goes back to the title
        self.close_when_done = False  # a dream the command line started in a window: its end closes it
        self._backdrop = None
        self.quit_handler = window.close
        self.warms_shaders = False  # keep the shaders of the dream played warm (in a window a person watches)...
        self.warmer = None  # ...by the warmer of its shape, once started (see game.render.warmup)
        window.push_handlers(on_resize=self.window_resized)

    # -- screens ---------------------------------------------------------------------------

    @property
    def backdrop(self):
        if self._backdrop is None:
            from game.views.widgets import Backdrop

            self._backdrop = Backdrop(self.window)
        return self._backdrop

    def show_view(self, view) -> None:
        self.window.show_view(view)

    def start(self) -> None:
        """The first screen: the photosensitivity notice on the first run, else the title."""
        self.menus = True
        if FIRST_RUN_SHOWS_NOTICE and not self.settings.photosensitivity_acknowledged:
            from game.views.notice import NoticeView

            self.show_view(NoticeView(self))
        else:
            self.show_title()

    def show_title(self) -> None:
        from game.views.title import TitleView

        self.mixer.set_beds(("room_tone", "hush"))
        self.show_view(TitleView(self))

    def show_settings(self, back=None) -> None:
        from game.views.settings import SettingsView

        self.show_view(SettingsView(self, back=back))

    def show_levels(self) -> None:
        from game.views.levels import LevelsView

        self.show_view(LevelsView(self))

    def quit(self) -> None:
        self.mixer.stop_all()
        self.quit_handler()

    def controls_line(self, adjust: bool = True) -> str:
        """The menu keys, as the footer names them; "change" only where some item changes with left/right."""
        keys = self.settings.keys_for

        def first(binding: str) -> str:
            names = keys(binding)
            return names[0].title() if names else "?"

        parts = [f"{first('menu_up')}/{first('menu_down')} choose"]
        if adjust:
            parts.append(f"{first('menu_left')}/{first('menu_right')} change")
        parts += [f"{first('menu_confirm')} confirm", f"{first('menu_back')} back"]
        return "   ·   ".join(parts)

    # -- playing ---------------------------------------------------------------------------

    def merge_options(self, options):
        """The command line's run options with the player's simulation settings added in."""
        sim = options.settings
        wanted = self.settings.sim_settings()
        merged = replace(sim, reduce_flicker=sim.reduce_flicker or wanted.reduce_flicker, reduce_motion=sim.reduce_motion or wanted.reduce_motion)
        return replace(options, settings=merged)

    def new_game(self, seed: int | None = None, level: str | Path | None = None) -> None:
        options = RunOptions(level=str(level) if level is not None else None, seed=seed, settings=self.settings.sim_settings(), save_progress=True)
        self.play(options)

    def play(self, options) -> None:
        """Start a run from the menus: on a level that fails to load, back to the title with its error."""
        try:
            run = Run(options)
        except UserError as error:
            self.warnings = [error.lines[0] if error.lines else str(error)]
            self.show_title()
            return
        self.play_run(run)

    def play_run(self, run) -> GameView:
        """Show a game view playing `run`, with this shell's sound, keys and settings, and its
        shaders kept warm (see keep_warm)."""
        self.keep_warm(run)
        view = GameView(run, host=self)
        self.game_view = view
        self.show_view(view)
        return view

    def keep_warm(self, run) -> None:
        """Where it is wanted, have the shader warmer dream `run` in this window's size: unless its
        warmer is at it already, or one dreamt its shape to the end before (see
        game.render.warmup.Dream). A warmer of another shape is stopped: the player's comes first."""
        if not self.warms_shaders:
            return
        from game.render import warmup

        size = self.window.get_framebuffer_size()
        if not all(MIN_SIDE_PX <= side <= MAX_SIDE_PX for side in size):  # (shrunk to nothing, as some systems minimise it)
            return
        dream = warmup.dream_of(run, size)
        if self.warmer is not None and self.warmer.running and self.warmer.dream.shape() == dream.shape():
            return
        if self.warmer is not None:
            self.warmer.stop()
        self.warmer = warmup.start(self.window.ctx.info.RENDERER, dream)

    def window_resized(self, width: int, height: int) -> None:
        """The window took another size (dragged, or full screen): once it has held it for
        RESIZE_SETTLE_S, the dream played is kept warm in it."""
        if self.warms_shaders:
            pyglet.clock.unschedule(self._resize_settled)
            pyglet.clock.schedule_once(self._resize_settled, RESIZE_SETTLE_S)

    def _resize_settled(self, _dt: float) -> None:
        if self.game_view is not None and not self.game_view.finished:
            self.keep_warm(self.game_view.run)

    def close(self) -> None:
        """The window closes: the sound stops, and the warmer ends with it (what it compiled so far
        is kept); the window no longer tells this shell of its resizes."""
        self.mixer.stop_all()
        self.window.remove_handlers(on_resize=self.window_resized)
        pyglet.clock.unschedule(self._resize_settled)
        if self.warmer is not None:
            self.warmer.stop()

    # -- what the game view asks of its host ----------------------------------------------

    def keyboard(self) -> PadKeyboard:
        return PadKeyboard(self.settings.bindings(), self.gamepad)

    def take_warnings(self) -> list[str]:
        warnings, self.warnings = self.warnings, []
        return warnings

    def pause(self, game_view) -> bool:
        from game.views.pause import PauseView

        self.mixer.pause_all()
        self.show_view(PauseView(self, game_view, under=self.window.current_view))
        return True

    def show_screen(self, game_view, screen) -> None:
        self.show_view(screen)

    def run_finished(self, game_view) -> None:
        if self.game_view is not game_view:
            return
        self.game_view = None
        if self.menus:
            self.warnings = []
            self.show_title()
        elif self.close_when_done:
            self.window.close()

    def resume(self, game_view, under=None) -> None:
        """Back from the pause menu to the screen it paused (the game, or the morning)."""
        game_view.keyboard.clear()
        self.mixer.resume_all()
        self.show_view(under or game_view)

    def quit_to_title(self, game_view) -> None:
        if not game_view.finished:
            game_view.run.finish()  # writes what the run was asked to (a recording, a report)
            let_go_of_long_lived()
        self.game_view = None
        self.mixer.reset()
        self.show_title()

    # -- saved dreams ----------------------------------------------------------------------

    def saved_progress(self):
        """The dream saved at its last beat (None if there is none); a corrupt save's warning is kept."""
        progress, warning = load_progress()
        if warning and warning not in self.warnings:
            self.warnings.append(warning)
        return progress

    def can_continue(self) -> bool:
        return self.saved_progress() is not None

    def continue_game(self) -> None:
        progress = self.saved_progress()
        if progress is None:
            return
        # The player's present choice of reduce flicker/motion wins over the one saved.
        progress = replace(progress, settings=self.settings.sim_settings().to_json())
        self.play(RunOptions(resume=progress, save_progress=True))

    # -- settings --------------------------------------------------------------------------

    def settings_changed(self) -> None:
        """Apply the settings everywhere at once, and keep them."""
        s = self.settings
        self.bindings = s.bindings()
        self.mixer.apply_volumes()
        if bool(self.window.fullscreen) != s.fullscreen:
            try:
                self.window.set_fullscreen(s.fullscreen)
            except Exception:  # headless windows cannot go full screen
                pass
        view = self.game_view
        if view is not None:
            view.game_speed = s.speed_factor
            view.keyboard.bindings = s.bindings()
            view.run.change_settings(s.sim_settings())
        try:
            s.save()
        except OSError as error:
            self.warnings = [f"settings not saved: {error}"]

    # -- gamepad ---------------------------------------------------------------------------

    def gamepad_buttons(self, buttons) -> None:
        """A gamepad press: menu actions for a menu, pause for the game."""
        view = self.window.current_view
        if hasattr(view, "on_action"):
            for button in buttons:
                if button.value.startswith("menu_") and view.on_action(button):
                    return
        elif Button.PAUSE in buttons and hasattr(view, "on_pause"):
            view.on_pause()
