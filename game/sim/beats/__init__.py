"""One scene per beat of the story. Each owns what it creates: enter builds, exit tears down."""

from __future__ import annotations

from game.sim.story import Beat


class Scene:
    """What a beat does each tick. Subclasses override what they need."""

    def enter(self, world) -> None:
        pass

    def update(self, world, inp) -> None:
        """Default: the player walks."""
        world.player.drive(inp.move, 1 / 60)

    def exit(self, world) -> None:
        pass

    def finished(self, world) -> bool:
        return False

    def hash_state(self) -> tuple:
        return ()


def _scenes():
    from game.sim.beats import acceptance, alone, backstage, flaw, lights_on, repair, reveal, vortex, waking

    return {
        Beat.BACKSTAGE: backstage.BackstageScene,
        Beat.FLAW: flaw.FlawScene,
        Beat.REPAIR: repair.RepairScene,
        Beat.ALONE: alone.AloneScene,
        Beat.ACCEPTANCE: acceptance.AcceptanceScene,
        Beat.REVEAL: reveal.RevealScene,
        Beat.LIGHTS_ON: lights_on.LightsOnScene,
        Beat.VORTEX: vortex.VortexScene,
        Beat.WAKING: waking.WakingScene,
    }


class _LazyScenes(dict):
    def __missing__(self, beat):
        self.update(_scenes())
        return dict.__getitem__(self, beat)


SCENES = _LazyScenes()
