"""The driver moved into the game's pytest plugin (``game.testing``); tests that import it from here still work."""

from game.testing.driver import Driver, play_through, screenshot

__all__ = ["Driver", "play_through", "screenshot"]
