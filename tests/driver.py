"""The driver moved into the game's pytest plugin (``game.testing``); tests that import it from here still work."""

from game.testing.driver import Driver, screenshot

__all__ = ["Driver", "screenshot"]
