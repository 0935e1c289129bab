"""Plays the synthesised sounds when the world's events call for them, at the player's volumes.

The mixer listens to ``world.events`` (through ``game.audio.cues``), never to the renderer.
Volumes are read from the live ``Settings`` and ``apply_volumes()`` pushes a change to every
sound still playing. ``FLAWED_SILENT=1`` keeps it from touching any audio device (the tests);
with no audio device at all it stays silent and says so once in ``warning``.
"""

from __future__ import annotations

import math
import os
from collections import Counter, deque

from game.audio.cues import Cue, CueMemory, cues_for
from game.audio.synth import SOUNDS, sound_path

PLAYED_LOG_LENGTH = 256  # the last sounds asked for, for tests and debugging
NO_DEVICE_WARNING = "no audio device found: the game plays silently"


def silent_requested() -> bool:
    return os.environ.get("FLAWED_SILENT", "") not in ("", "0")


class Mixer:
    def __init__(self, settings, silent: bool | None = None):
        self.settings = settings
        self.memory = CueMemory()
        self.warning: str | None = None
        self.silent = silent_requested() if silent is None else silent
        if not self.silent and not self._device_present():
            self.silent = True
            self.warning = NO_DEVICE_WARNING
        self.played: deque[tuple[str, str, float]] = deque(maxlen=PLAYED_LOG_LENGTH)  # (sound, bus, gain)
        self.counts: Counter[str] = Counter()  # how often each sound was asked for, ever
        self.beds: tuple[str, ...] = ()
        self.bed_gains: dict[str, float] = {}  # the gains set_bed_gain last gave the loops
        self.bed_pans: dict[str, float] = {}  # -1 left .. 1 right, as steer_bed last set them
        self._sounds: dict = {}  # name → arcade.Sound
        self._playing: list[tuple[object, str, str, float]] = []  # (pyglet player, sound, bus, gain)

    @staticmethod
    def _device_present() -> bool:
        try:
            import pyglet.media

            driver = pyglet.media.get_audio_driver()
        except Exception:
            return False
        return driver is not None and type(driver).__name__ != "SilentDriver"

    # -- events ----------------------------------------------------------------------------

    def on_events(self, events, world=None) -> None:
        """A GameView event listener: (events of the last step, the world)."""
        for event in events:
            for cue in cues_for(event, self.memory):
                self.play_cue(cue)

    def play_cue(self, cue: Cue) -> None:
        if cue.beds is not None:
            self.set_beds(cue.beds)
        if cue.bed_gain is not None:
            self.set_bed_gain(*cue.bed_gain)
        if cue.sound:
            self.play(cue.sound, cue.gain)

    # -- playing ---------------------------------------------------------------------------

    def play(self, name: str, gain: float = 1.0, loop: bool | None = None):
        recipe = SOUNDS[name]
        loop = recipe.loop if loop is None else loop
        self.played.append((name, recipe.bus, gain))
        self.counts[name] += 1
        if self.silent:
            return None
        try:
            sound = self._sounds.get(name)
            if sound is None:
                import arcade

                sound = self._sounds[name] = arcade.load_sound(sound_path(name), streaming=False)
            player = sound.play(volume=self._volume(recipe.bus, gain), loop=loop)
        except Exception as error:  # a device that vanished, a driver that refuses: go quiet, once
            self.silent = True
            self.warning = f"sound stopped working ({error.__class__.__name__}): the game plays silently"
            self.stop_all()
            return None
        self._prune()
        self._playing.append((player, name, recipe.bus, gain))
        return player

    def set_beds(self, names) -> None:
        """Make exactly these loops play under everything (keeping those already playing)."""
        names = tuple(names)
        for player, name, bus, gain in list(self._playing):
            if name in self.beds and name not in names:
                self._stop(player)
        keep = [name for name in self.beds if name in names]
        self.beds = names
        for name in names:
            if name not in keep:
                self.play(name, loop=True)

    def set_bed_gain(self, name: str, gain: float) -> None:
        """Make a loop already playing louder or softer (the applause swelling)."""
        self.bed_gains[name] = gain
        for index, (player, sound, bus, _) in enumerate(self._playing):
            if sound == name:
                self._playing[index] = (player, sound, bus, gain)
                player.volume = self._volume(bus, gain)

    def steer_bed(self, name: str, gain: float, pan: float) -> None:
        """Make a loop already playing come from one side, this loud (the hush from the stage)."""
        pan = max(-1.0, min(1.0, pan))
        self.bed_pans[name] = pan
        self.set_bed_gain(name, gain)
        for player, sound, _, _ in self._playing:
            if sound == name:
                player.position = (pan, 0.0, math.sqrt(1.0 - pan * pan))  # arcade's own 2D pan

    def _volume(self, bus: str, gain: float) -> float:
        return max(0.0, min(1.0, self.settings.volume(bus) * gain))

    def apply_volumes(self) -> None:
        """Call after the player changes a volume: every sound playing follows at once."""
        self._prune()
        for player, name, bus, gain in self._playing:
            player.volume = self._volume(bus, gain)

    def _prune(self) -> None:
        self._playing = [entry for entry in self._playing if getattr(entry[0], "source", None) is not None]

    def _stop(self, player) -> None:
        try:
            player.pause()
            player.delete()
        except Exception:
            pass
        self._playing = [entry for entry in self._playing if entry[0] is not player]

    def pause_all(self) -> None:
        self._prune()
        for player, *_ in self._playing:
            player.pause()

    def resume_all(self) -> None:
        self._prune()  # a finished sound must not start again
        for player, *_ in self._playing:
            player.play()

    def stop_all(self) -> None:
        for player, *_ in list(self._playing):
            self._stop(player)
        self._playing.clear()
        self.beds = ()
        self.bed_gains.clear()
        self.bed_pans.clear()

    def reset(self) -> None:
        """A new run: stop everything and forget what the cues remembered."""
        self.stop_all()
        self.memory = CueMemory()
