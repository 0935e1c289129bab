"""Screen shake: a jolt of the world camera on violent events, scaled by the player's setting.

It listens to world events like the mixer does, and kicks the world camera off its course;
the camera's own follow eases it back, so a kick reads as a shake that settles. Off under
screen shake "off" and under reduce motion; a third as strong under "reduced".
"""

from __future__ import annotations

import math
import random

from game.sim.beats.lights_on import HouseLightsOn, RoomDissolving
from game.sim.events import BeatChanged
from game.sim.minigame import AttemptFailed
from game.sim.panic import Heartbeat
from game.sim.rack import ToolSlipped

# Event class → kick in px at full shake.
KICKS_PX = {
    ToolSlipped: 5.0,
    AttemptFailed: 7.0,
    HouseLightsOn: 10.0,
    RoomDissolving: 9.0,
}
BEAT_KICKS_PX = {"lights_on": 12.0}
HEARTBEAT_FROM_PANIC = 0.6  # above this panic level every heartbeat thumps the view
HEARTBEAT_KICK_PX = 2.5
MAX_KICK_PX = 16.0


class ScreenShake:
    def __init__(self, renderer, settings):
        self.renderer = renderer  # a game.render.world.WorldRenderer: its camera is kicked
        self.settings = settings
        self.last_kick = 0.0  # px, for tests and debugging

    def kick_for(self, event) -> float:
        if isinstance(event, Heartbeat):
            level = event.level
            return HEARTBEAT_KICK_PX * (level - HEARTBEAT_FROM_PANIC) / (1 - HEARTBEAT_FROM_PANIC) if level > HEARTBEAT_FROM_PANIC else 0.0
        if isinstance(event, BeatChanged):
            return BEAT_KICKS_PX.get(event.beat, 0.0)
        return KICKS_PX.get(type(event), 0.0)

    def on_events(self, events, world=None) -> None:
        scale = self.settings.shake_scale
        if scale <= 0.0:
            return
        kick = min(MAX_KICK_PX, sum(self.kick_for(event) for event in events)) * scale
        if kick <= 0.0:
            return
        tick = world.tick if world is not None else 0
        angle = random.Random(tick).uniform(0.0, 2.0 * math.pi)  # seeded by the tick: the same run shakes the same way
        self.renderer.kick(kick * math.cos(angle), kick * math.sin(angle))
        self.last_kick = kick
