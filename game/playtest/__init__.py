"""`flawed level test`: the autoplay bot plays levels headless and says how far it got.

``play.py`` plays one level (or generated seed) and watches for progress; ``report.py`` writes
what happened as text and JUnit XML; ``heatmap.py`` draws the level with the bot's route.
"""

from game.playtest.play import Result, Stuck, Subject, play

__all__ = ["Result", "Stuck", "Subject", "play"]
