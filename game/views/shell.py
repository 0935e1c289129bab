"""The game around the dream: settings, sound, captions and gamepad, and the way between screens.

One ``Shell`` per window. It loads the settings (keeping their warning to show), owns the
mixer and the gamepad, and moves between the notice, title, settings, level list, game and
pause views. It also installs ``window.make_pause_view`` so Esc in the game pauses it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.settings import Settings

FIRST_RUN_SHOWS_NOTICE = True


def wants_menus(options, headless: bool) -> bool:
    """A plain `flawed` starts at the menus; a run the command line spelled out starts playing."""
    spelled_out = (options.level, options.seed, options.replay, options.record, options.max_ticks, options.screenshots, options.report)
    return not headless and not options.autoplay and all(v is None for v in spelled_out)


class Shell:
    def __init__(self, window, settings: Settings | None = None, warnings: list[str] | None = None, silent: bool | None = None):
        from game.audio.mixer import Mixer
        from game.views.gamepad import Gamepad

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
        self._backdrop = None
        self.quit_handler = window.close
        window.make_pause_view = self.make_pause_view

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

    def controls_line(self) -> str:
        keys = self.settings.keys_for

        def first(binding: str) -> str:
            names = keys(binding)
            return names[0].title() if names else "?"

        return f"{first('menu_up')}/{first('menu_down')} choose   ·   {first('menu_left')}/{first('menu_right')} change   ·   {first('menu_confirm')} confirm   ·   {first('menu_back')} back"

    # -- playing ---------------------------------------------------------------------------

    def merge_options(self, options):
        """The command line's run options with the player's simulation settings added in."""
        sim = options.settings
        wanted = self.settings.sim_settings()
        merged = replace(sim, reduce_flicker=sim.reduce_flicker or wanted.reduce_flicker, reduce_motion=sim.reduce_motion or wanted.reduce_motion)
        return replace(options, settings=merged)

    def new_game(self, seed: int | None = None, level: str | Path | None = None) -> None:
        from game.session import RunOptions

        options = RunOptions(level=str(level) if level is not None else None, seed=seed, settings=self.settings.sim_settings(), save_progress=True)
        self.play(options)

    def play(self, options) -> None:
        """Start a run from the menus: on a level that fails to load, back to the title with its error."""
        from game.errors import UserError
        from game.session import Run

        try:
            run = Run(options)
        except UserError as error:
            self.warnings = [error.lines[0] if error.lines else str(error)]
            self.show_title()
            return
        except Exception as error:  # a saved dream this build cannot rebuild: say so, start afresh
            if options.resume is None:
                raise
            self.warnings = [f"could not continue the saved dream ({error.__class__.__name__}: {error})"]
            self.show_title()
            return
        view = self.make_game_view(run)
        view.on_finished = self.run_finished
        self.show_view(view)

    def make_game_view(self, run):
        from game.views.gamepad import PadKeyboard
        from game.views.play import GameView

        view = GameView(run, keyboard=PadKeyboard(self.settings.bindings(), self.gamepad), game_speed=self.settings.speed_factor)
        self.attach(view)
        return view

    def attach(self, view) -> None:
        """Give a play view its sound, captions, gamepad and the player's settings."""
        from game.captions import Captions
        from game.views.gamepad import PadKeyboard
        from game.views.shake import ScreenShake

        self.mixer.reset()
        if not isinstance(view.keyboard, PadKeyboard):
            view.keyboard = PadKeyboard(self.settings.bindings(), self.gamepad)
        view.game_speed = self.settings.speed_factor
        view.settings = self.settings  # presentation settings, for any renderer that wants them
        view.captions = Captions(self.settings)
        view.shake = ScreenShake(view, self.settings)
        view.event_listeners.append(self.mixer.on_events)
        view.event_listeners.append(view.captions.on_events)
        view.event_listeners.append(view.shake.on_events)
        view.overlays.append(view.captions)
        if self.warnings:  # a corrupt settings file, no sound device: said once, in the game
            from game.views.play import NOTICE_SECONDS

            view.show_message("; ".join(self.warnings), NOTICE_SECONDS)
            self.warnings = []
        self.game_view = view

    def run_finished(self, view) -> None:
        self.game_view = None
        self.warnings = []
        self.show_title()

    def make_pause_view(self, game_view):
        from game.views.pause import PauseView

        self.mixer.pause_all()
        return PauseView(self, game_view)

    def resume(self, game_view) -> None:
        game_view.keyboard.clear()
        self.mixer.resume_all()
        self.show_view(game_view)

    def quit_to_title(self, game_view) -> None:
        run = game_view.run
        if not game_view.finished:
            run.finish()  # writes what the run was asked to (a recording, a report)
        self.game_view = None
        self.mixer.reset()
        self.show_title()

    def saved_progress(self):
        """The dream saved at its last beat (None if there is none); a corrupt save's warning is kept."""
        try:
            from game.progress import load_progress
        except ImportError:  # a build without saved progress: Continue stays disabled
            return None
        progress, warning = load_progress()
        if warning and warning not in self.warnings:
            self.warnings.append(warning)
        return progress

    def can_continue(self) -> bool:
        return self.saved_progress() is not None

    def continue_game(self) -> None:
        from game.session import RunOptions

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
            self.apply_sim_settings(view)
        try:
            s.save()
        except OSError as error:
            self.warnings = [f"settings not saved: {error}"]

    def apply_sim_settings(self, view) -> None:
        """Reduce flicker/motion reach a running world only when no replay records or plays it."""
        run = view.run
        if run.recorder is not None or run.replay is not None:
            return
        wanted = self.settings.sim_settings()
        if view.world.settings != wanted:
            view.world.settings = wanted  # the lights read it from the world at each step

    # -- gamepad ---------------------------------------------------------------------------

    def gamepad_buttons(self, buttons) -> None:
        """A gamepad press: menu actions for a menu, pause for the game."""
        from game.sim.actions import Button

        view = self.window.current_view
        if hasattr(view, "on_action"):
            for button in buttons:
                if button.value.startswith("menu_") and view.on_action(button):
                    return
        elif Button.PAUSE in buttons and hasattr(view, "on_pause"):
            view.on_pause()
