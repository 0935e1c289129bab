"""Screen shake follows violent events, and the player's setting (and reduce motion) tame it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from game.settings import Settings
from game.sim.rack import ToolSlipped
from game.views.shake import ScreenShake


class FakeRenderer:
    def __init__(self):
        self.camera = (100.0, 100.0)

    def kick(self, dx, dy):
        self.camera = (self.camera[0] + dx, self.camera[1] + dy)


def kick(settings) -> float:
    renderer = FakeRenderer()
    ScreenShake(renderer, settings).on_events([ToolSlipped(3, "solvent", 0, 0, 1)], SimpleNamespace(tick=3))
    x, y = renderer.camera
    return ((x - 100) ** 2 + (y - 100) ** 2) ** 0.5


def test_shake_scales_with_the_setting():
    full, reduced = kick(Settings(screen_shake="full")), kick(Settings(screen_shake="reduced"))
    assert full > 3.0
    assert reduced == pytest.approx(full * 0.35)
    assert kick(Settings(screen_shake="off")) == 0.0
    assert kick(Settings(screen_shake="full", reduce_motion=True)) == 0.0
