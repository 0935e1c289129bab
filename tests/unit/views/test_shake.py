"""Screen shake follows violent events, and the player's setting (and reduce motion) tame it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from game.settings import Settings
from game.sim.tools import ToolSlipped
from game.views.shake import ScreenShake


def fake_view():
    return SimpleNamespace(renderer=SimpleNamespace(world_camera=SimpleNamespace(position=(100.0, 100.0))))


def kick(settings) -> float:
    view = fake_view()
    ScreenShake(view, settings).on_events([ToolSlipped(3, "solvent", 0, 0, 1)], SimpleNamespace(tick=3))
    x, y = view.renderer.world_camera.position
    return ((x - 100) ** 2 + (y - 100) ** 2) ** 0.5


def test_shake_scales_with_the_setting():
    full, reduced = kick(Settings(screen_shake="full")), kick(Settings(screen_shake="reduced"))
    assert full > 3.0
    assert reduced == pytest.approx(full * 0.35)
    assert kick(Settings(screen_shake="off")) == 0.0
    assert kick(Settings(screen_shake="full", reduce_motion=True)) == 0.0
