"""Testing Flawed and its levels with pytest: the plugin's fixtures and the driver they hand out.

Installing the game registers ``game.testing.plugin`` with pytest (entry point ``pytest11``), so
a level author's tests get ``flawed_level``, ``flawed_world``, ``flawed_driver`` and
``flawed_window`` without any set-up; ``levels/README.md`` has a worked example. The game's own
test suite uses the same fixtures.
"""

from game.testing.driver import Driver, screenshot

__all__ = ["Driver", "screenshot"]
