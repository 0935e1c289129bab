"""What a game view asks of the game around it: the player's settings, sound, keys, a pause menu, other screens.

The shell (``game.views.shell``) is the real host. This plain one — default settings, no sound,
no pause menu, screens shown as they come — serves tests, benchmarks and any game view built
alone.
"""

from __future__ import annotations

from game.input import KeyboardState
from game.settings import Settings


class Host:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.mixer = None  # a game.audio.mixer.Mixer, or None for silence

    def keyboard(self) -> KeyboardState:
        """The keys (and gamepad) a new game view reads."""
        return KeyboardState(self.settings.bindings())

    def take_warnings(self) -> list[str]:
        """Warnings to say once in the game (a corrupt settings file, no sound device)."""
        return []

    def pause(self, view) -> bool:
        """Esc in the game: open a pause menu. Returns True when the game paused."""
        return False

    def show_screen(self, view, screen) -> None:
        """A beat wants a screen of its own (the morning): show it."""
        view.window.show_view(screen)

    def run_finished(self, view) -> None:
        """The run is over (the dream ended, or --max-ticks)."""
