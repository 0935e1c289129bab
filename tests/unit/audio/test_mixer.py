"""The mixer plays on world events, follows volume changes at once, and goes quiet without a device."""

from __future__ import annotations

from game.audio.mixer import NO_DEVICE_WARNING, Mixer
from game.settings import Settings
from game.sim.events import BeatChanged
from game.sim.panic import Heartbeat
from game.sim.story import Beat
from game.views.beats import SHOW


def test_sounds_follow_world_events_and_beds_follow_the_beats_even_when_silent():
    mixer = Mixer(Settings(), silent=True)
    mixer.set_beds(SHOW[Beat.BACKSTAGE].beds)
    mixer.on_events([BeatChanged(0, None, "backstage"), Heartbeat(3, 80.0, 0.3)])
    names = [name for name, _, _ in mixer.played]
    assert "room_tone" in names and "hush" in names and "heartbeat" in names
    assert mixer.beds == ("room_tone", "hush")
    mixer.set_beds(SHOW[Beat.REPAIR].beds)
    assert mixer.beds == ("room_tone", "rumble")
    assert [name for name, _, _ in mixer.played].count("room_tone") == 1  # kept, not restarted


def test_heartbeat_grows_louder_with_panic():
    mixer = Mixer(Settings(), silent=True)
    mixer.on_events([Heartbeat(1, 70.0, 0.1), Heartbeat(2, 140.0, 0.9)])
    gains = [gain for name, _, gain in mixer.played if name == "heartbeat"]
    assert gains[1] > gains[0]


def test_tests_run_silent_without_a_warning():
    mixer = Mixer(Settings())  # conftest sets FLAWED_SILENT=1
    assert mixer.silent and mixer.warning is None


def test_no_audio_device_means_silence_and_one_warning(monkeypatch):
    monkeypatch.delenv("FLAWED_SILENT", raising=False)
    monkeypatch.setattr(Mixer, "_device_present", staticmethod(lambda: False))
    mixer = Mixer(Settings())
    assert mixer.silent and mixer.warning == NO_DEVICE_WARNING
    mixer.on_events([BeatChanged(0, None, "backstage")])  # nothing breaks


class FakePlayer:
    def __init__(self):
        self.volume = None
        self.source = object()


def test_volume_changes_apply_to_sounds_already_playing():
    settings = Settings(master_volume=1.0, music_volume=0.5, effects_volume=1.0)
    mixer = Mixer(settings, silent=True)
    bed, blow = FakePlayer(), FakePlayer()
    mixer._playing = [(bed, "room_tone", "music", 1.0), (blow, "heartbeat", "effects", 0.5)]
    settings.master_volume = 0.5
    settings.music_volume = 0.2
    mixer.apply_volumes()
    assert bed.volume == 0.5 * 0.2 and blow.volume == 0.5 * 1.0 * 0.5


def test_applause_erupts_then_holds_and_swells_until_the_lights():
    from game.sim.audience import ApplauseStarted, ApplauseSwelled

    settings = Settings(master_volume=1.0, music_volume=1.0)
    mixer = Mixer(settings, silent=True)
    from game.sim.beats.reveal import CurtainRising

    mixer.set_beds(SHOW[Beat.REVEAL].beds)
    mixer.on_events([BeatChanged(0, "acceptance", "reveal"), CurtainRising(0), ApplauseStarted(10)])
    names = [name for name, _, _ in mixer.played]
    assert "curtain" in names and "applause" in names and "applause_loop" in mixer.beds
    held = mixer.bed_gains["applause_loop"]
    mixer.on_events([ApplauseSwelled(100, 0.75)])
    assert mixer.bed_gains["applause_loop"] > held
    loop = FakePlayer()
    mixer._playing = [(loop, "applause_loop", "music", held)]
    mixer.on_events([ApplauseSwelled(150, 1.0)])
    assert loop.volume == 1.0
    mixer.set_beds(SHOW[Beat.LIGHTS_ON].beds)
    assert "applause_loop" not in mixer.beds


def test_the_hush_comes_from_the_stage_and_grows_as_the_dreamer_nears_it():
    from game.audio.stage import StageHush
    from game.level.generate import generate_backstage

    level = generate_backstage(8)
    hush = StageHush(level)
    ex, ey = level.masterpiece.center
    far = hush.steer(level.spawn)
    near = hush.steer((ex, ey - 40.0))
    assert far[0] < near[0]  # louder beside the stage
    side = 1.0 if ex > level.spawn[0] else -1.0
    assert far[1] * side > 0  # from the side the stage is on
    mixer = Mixer(Settings(), silent=True)
    mixer.set_beds(("room_tone", "hush"))
    player = FakePlayer()
    mixer._playing = [(player, "hush", "music", 1.0)]
    mixer.steer_bed("hush", *far)
    assert mixer.bed_pans["hush"] == far[1] and player.position[0] == far[1]
